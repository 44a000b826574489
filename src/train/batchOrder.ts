import { createRng, deriveSeed } from "../random/rng.ts";

/**
 * The minibatch order of one run: epochs of a fresh random permutation of 0..N−1 (stream
 * "batches" of the run's seed), cut into ⌊N/B⌋ consecutive batches of B (the last N mod B
 * indices of each permutation are dropped, so every batch has exactly B samples).
 * With B = N this is full-batch gradient descent in a fixed order.
 */
export function batchOrder(seed: number, count: number, batchSize: number): () => Int32Array {
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= count)) {
    throw new Error(`batchOrder: batchSize = ${batchSize}; expected an integer in [1, ${count}]`);
  }
  if (batchSize === count) {
    const all = Int32Array.from({ length: count }, (_, i) => i);
    return () => all;
  }
  const rng = createRng(deriveSeed(seed, "batches"));
  let perm = rng.permutation(count);
  let pos = 0;
  return () => {
    if (pos + batchSize > count) {
      perm = rng.permutation(count);
      pos = 0;
    }
    const batch = perm.subarray(pos, pos + batchSize);
    pos += batchSize;
    return batch;
  };
}
