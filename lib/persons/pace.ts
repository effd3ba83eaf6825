import "server-only";

/**
 * CPU-bound work of a request (clustering a list of names, scoring its rows) runs in slices of at
 * most SLICE_MS, giving the event loop a turn between them, so one large list does not hold every
 * other request (issue 14). A worker thread would also take it off the loop, but needs its own
 * bundle entry under Next; slices need nothing, and the work itself is bounded (reconcile.ts).
 */
const SLICE_MS = 20;

/** `await pace()` in a loop: returns at once, or after a turn of the event loop once the slice is used up. */
export function pacer(sliceMs = SLICE_MS): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < sliceMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    started = performance.now();
  };
}

/** Run a generator that yields between units of work (reconcileSteps) to its result, in slices. */
export async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  const pace = pacer();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pace();
  }
}
