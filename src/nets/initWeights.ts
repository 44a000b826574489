import { describeValue } from "../linalg/validate.ts";
import { createRng, deriveSeed } from "../random/rng.ts";
import { parameterShapes, type Architecture } from "./architecture.ts";

/**
 * He (Kaiming) normal initialisation, W_k[i, j] ~ N(0, 2 / fan_in) with fan_in = cols_k (`in_k`
 * for a dense layer, `k·c_in` for a conv kernel), from the run's seed (stream "init"), as
 * row-major `Float32Array`s of shape `[rows_k, cols_k]`. The same seed gives the same weights on
 * every backend.
 */
export function initWeights(architecture: Architecture, seed: number): Float32Array[] {
  if (!Number.isSafeInteger(seed)) throw new Error(`initWeights: seed is ${describeValue(seed)}; expected an integer`);
  const rng = createRng(deriveSeed(seed, "init"));
  return parameterShapes(architecture).map(([rows, cols]) => {
    const w = new Float32Array(rows * cols);
    const std = Math.sqrt(2 / cols);
    for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
    return w;
  });
}
