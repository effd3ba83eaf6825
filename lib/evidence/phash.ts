import { greyPixels } from "./derive/decode-image";

/**
 * 64-bit perceptual hash (the DCT "pHash"): greyscale, 32×32, 2-D DCT, keep the 8×8 lowest
 * frequencies but the DC term, and set a bit where a coefficient is above their median. Small
 * edits (resizing, re-encoding, light crops, a watermark) move few bits; other pictures differ in
 * about half of them. Returned as 16 hex digits.
 */
const N = 32;
const K = 8;

const COS: number[][] = Array.from({ length: K }, (_, u) =>
  Array.from({ length: N }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N))),
);

export async function perceptualHash(input: Buffer | string): Promise<string> {
  return phashOfPixels(await greyPixels(input, N));
}

/** The hash of a 32×32 greyscale image given row by row. */
export function phashOfPixels(pixels: Uint8Array): string {
  // Separable DCT: rows first (only the K lowest frequencies are needed), then columns.
  const rows: number[][] = Array.from({ length: N }, (_, y) =>
    Array.from({ length: K }, (_, u) => {
      let sum = 0;
      for (let x = 0; x < N; x++) sum += pixels[y * N + x] * COS[u][x];
      return sum;
    }),
  );
  const coefficients: number[] = [];
  for (let v = 0; v < K; v++) {
    for (let u = 0; u < K; u++) {
      let sum = 0;
      for (let y = 0; y < N; y++) sum += rows[y][u] * COS[v][y];
      coefficients.push(sum);
    }
  }
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)];
  let bits = 0n;
  for (let i = 0; i < 64; i++) {
    // Bit 0 stands for the DC term, which carries only brightness: compare it like the rest.
    if (coefficients[i] > median) bits |= 1n << BigInt(63 - i);
  }
  return bits.toString(16).padStart(16, "0");
}
