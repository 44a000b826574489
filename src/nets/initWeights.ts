import { createRng, deriveSeed } from "../random/rng.ts";
import { layerShapes, type MlpConfig } from "./mlp.ts";

/**
 * He (Kaiming) normal initialisation, W_k[i, j] ~ N(0, 2 / in_k), from the run's seed (stream
 * "init"), as row-major `Float32Array`s of shape `[out_k, in_k]`. The same seed gives the same
 * weights on every backend.
 */
export function initWeights(config: MlpConfig, seed: number): Float32Array[] {
  const rng = createRng(deriveSeed(seed, "init"));
  return layerShapes(config).map(([out, inp]) => {
    const w = new Float32Array(out * inp);
    const std = Math.sqrt(2 / inp);
    for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
    return w;
  });
}
