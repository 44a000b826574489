import type { Matrix } from "ml-matrix";
import { assertMatrixList, shapeOf } from "../linalg/validate.ts";
import { compileArchitecture, type Architecture } from "../nets/architecture.ts";

/**
 * ρ(w) = ∏_l ‖w^l‖_F over the parameter matrices: for a CNN the kernels (weight sharing: one copy
 * per layer) and the last layer; for an MLP the plain product of Frobenius norms.
 */
export function kernelNormProduct(weights: readonly Matrix[]): number {
  assertMatrixList("kernelNormProduct", "weights", weights, true);
  return weights.reduce((p, w) => p * w.norm(), 1);
}

/**
 * ρ̃(w) = ∏_l ‖W^l‖_F of the dense operator matrices, from the kernels: a valid-padding conv layer
 * holds one copy of its kernel per output position, so ‖W^l‖_F = √d_l ‖w^l‖_F (d_l = output
 * positions) and ρ̃ = ρ · √(∏_{l<L} d_l) (claim G1; checked against materialised operators).
 */
export function denseNormProduct(weights: readonly Matrix[], architecture: Architecture): number {
  const layers = compileArchitecture(architecture).layers;
  assertMatrixList("denseNormProduct", "weights", weights, true);
  if (layers.length !== weights.length) {
    throw new Error(`denseNormProduct: got ${weights.length} weight matrices; the architecture has ${layers.length} layers`);
  }
  return weights.reduce((p, w, l) => {
    const layer = layers[l]!;
    if (w.rows !== layer.rows || w.columns !== layer.cols) {
      throw new Error(`denseNormProduct: weights[${l}] has shape ${shapeOf(w)}; expected [${layer.rows}, ${layer.cols}] for this architecture`);
    }
    return p * w.norm() * (layer.kind === "local" ? Math.sqrt(layer.positionsOut) : 1);
  }, 1);
}
