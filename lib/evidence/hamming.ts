/**
 * The number of bits in which two 64-bit perceptual hashes (16 hex digits) differ. Its own module,
 * so that comparing stored hashes (origins, near duplicates) does not load the image decoder.
 */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    x &= x - 1n;
    count += 1;
  }
  return count;
}
