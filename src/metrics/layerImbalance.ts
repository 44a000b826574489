import { describeValue } from "../linalg/validate.ts";

/**
 * How far the layer scales are from the balance that per-layer weight decay forces at a
 * stationary point (CLAIMS N1, `g_k² = ρ^{2/L}`):
 *
 *   imbalance = max_k | g_k² / ρ^{2/L} − 1 |,   ρ = ∏_k |g_k|,
 *
 * 0 exactly when every |g_k| equals the geometric mean ρ^{1/L}. Scale-free (the same for t·g, t > 0).
 *
 * @param layerScales `g_k = ‖W_k‖_F`, k = 1..L (`normalizedForm(weights).layerScales`)
 * @example
 *   layerImbalance([2, 2, 2]) // => 0
 *   layerImbalance([4, 1]) // => 3
 * @throws if `layerScales` is empty or has a zero or non-finite entry.
 */
export function layerImbalance(layerScales: readonly number[]): number {
  if (!Array.isArray(layerScales) || layerScales.length === 0) {
    throw new Error(`layerImbalance: layerScales is ${describeValue(layerScales)}; expected a non-empty array of layer scales g_k`);
  }
  layerScales.forEach((g, k) => {
    if (typeof g !== "number" || !Number.isFinite(g) || g === 0) {
      throw new Error(`layerImbalance: layerScales[${k}] is ${describeValue(g)}; expected a finite non-zero scale`);
    }
  });
  const L = layerScales.length;
  // log-domain geometric mean, so deep nets with large scales do not overflow.
  const logMean = layerScales.reduce((s, g) => s + Math.log(Math.abs(g)), 0) / L;
  return Math.max(...layerScales.map((g) => Math.abs(Math.exp(2 * (Math.log(Math.abs(g)) - logMean)) - 1)));
}
