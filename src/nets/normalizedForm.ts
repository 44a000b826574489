import type { Matrix } from "ml-matrix";
import { assertMatrixList } from "../linalg/validate.ts";

/** The normalised form of a network: W_k = ρ_k V_k with ‖V_k‖_F = 1, ρ = ∏_k ρ_k (CLAIMS.md). */
export interface NormalizedForm {
  /** ρ_k = ‖W_k‖_F, k = 1..L. */
  readonly layerScales: readonly number[];
  /** ρ = ∏_k ρ_k. */
  readonly rho: number;
  /** V_k = W_k / ρ_k (unit Frobenius norm). */
  readonly directions: readonly Matrix[];
}

/**
 * Splits weights into scales and directions, `W_k = ρ_k V_k`. Because the bias-free ReLU network
 * is positively homogeneous of degree 1 in each layer, `f_W = ρ · f_V` (tested).
 * @throws for an empty or non-matrix `weights`, a layer with ‖W_k‖_F = 0 (no direction) or
 *         non-finite weights.
 */
export function normalizedForm(weights: readonly Matrix[]): NormalizedForm {
  assertMatrixList("normalizedForm", "weights", weights);
  const layerScales = weights.map((w, k) => {
    const norm = w.norm();
    if (!(Number.isFinite(norm) && norm > 0)) {
      throw new Error(`normalizedForm: layer ${k + 1} has ‖W_k‖_F = ${norm}; expected a finite norm > 0`);
    }
    return norm;
  });
  return {
    layerScales,
    rho: layerScales.reduce((a, b) => a * b, 1),
    directions: weights.map((w, k) => w.clone().div(layerScales[k]!)),
  };
}
