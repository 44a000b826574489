/**
 * The metrics a reliability mutant can replace (issue #8, the kill matrix): the experiments compute
 * these three through a `MetricSuite` — `activeMetrics()` in `activeImplementation.ts` — and
 * everything else directly. The reference suite is the library's own functions, unchanged.
 */
import type { Matrix } from "ml-matrix";
import { nc1 } from "../metrics/nc1.ts";
import { numericalRank } from "../metrics/numericalRank.ts";
import type { DenseLayerPlan, LayerPlan } from "../nets/architecture.ts";
import type { LocalLayerPlan } from "../nets/convNet.ts";

export interface MetricSuite {
  /** Shown in reports: "reference" or the mutant's name. */
  readonly name: string;
  /** NC1 = Tr(Σ_W Σ_B^†)/C of `features [N, p]` (reference: `nc1`). */
  nc1(features: Matrix, labels: ArrayLike<number>, classes: number): number;
  /** Numerical rank #{σ_i/‖W‖_F > tol} of `w` (reference: `numericalRank`). */
  numericalRank(w: Matrix, tol: number): number;
  /**
   * The norm of one layer's parameters as the bounds use it: for a conv layer ‖w^l‖_F of the
   * kernel (one copy — weight sharing), for a dense layer ‖W^l‖_F (reference: `w.norm()`).
   */
  layerNorm(w: Matrix, layer: DenseLayerPlan | LocalLayerPlan): number;
}

/** The library's metrics. */
export const REFERENCE_METRICS: MetricSuite = {
  name: "reference",
  nc1: (features, labels, classes) => nc1(features, labels, classes),
  numericalRank: (w, tol) => numericalRank(w, tol),
  layerNorm: (w) => w.norm(),
};

/**
 * ρ = ∏_l ‖w^l‖ over the layers of a compiled plan with `metrics.layerNorm` (reference: the product
 * of the kernels' Frobenius norms, the same product as `kernelNormProduct`).
 */
export function layerNormProduct(weights: readonly Matrix[], layers: readonly LayerPlan[], metrics: MetricSuite): number {
  if (weights.length !== layers.length) {
    throw new Error(`layerNormProduct: weights has ${weights.length} matrices; expected one per layer (${layers.length})`);
  }
  return weights.reduce((p, w, l) => p * metrics.layerNorm(w, layers[l]!), 1);
}
