import { Matrix } from "ml-matrix";
import { assertFiniteMatrix, assertMatrixList } from "../linalg/validate.ts";
import { compileArchitecture, type Architecture, type LayerPlan } from "./architecture.ts";
import { localLayerHost } from "./localLayerHost.ts";

/**
 * Host (float64) forward pass of a bias-free ReLU network, the reference the measurements use.
 *
 * @param weights `W_k` as `Matrix [rows_k, cols_k]`, k = 1..L (dense: `[out, in]`; conv: the kernel
 *        matrix `[c_out, k·c_in]`, see `convNet.ts`).
 * @param inputs  `Matrix [N, d]`, one (flattened) sample per row.
 * @param architecture needed for convolutional networks; without it every layer is dense.
 * @returns `activations[0] = inputs`, `activations[k] = σ(layer_k(activations[k−1]))` for
 *          1 ≤ k < L (`[N, size_k]`), and `activations[L]` = the outputs (no ReLU). Features h
 *          are `activations[L − 1]`.
 * @throws when `weights` is not a non-empty array of finite matrices, `inputs` is not a finite
 *         matrix, or the shapes do not chain.
 */
export function forwardHost(weights: readonly Matrix[], inputs: Matrix, architecture?: Architecture): Matrix[] {
  if (Array.isArray(weights) && weights.length < 1) throw new Error("forwardHost: weights is empty; expected at least one layer");
  assertMatrixList("forwardHost", "weights", weights, true);
  assertFiniteMatrix("forwardHost", "inputs", inputs);
  const plans: ReadonlyArray<LayerPlan | undefined> =
    architecture === undefined ? weights.map(() => undefined) : compileArchitecture(architecture).layers;
  if (plans.length !== weights.length) {
    throw new Error(`forwardHost: got ${weights.length} weight matrices; the architecture has ${plans.length} layers`);
  }
  const activations: Matrix[] = [inputs];
  let h = inputs;
  weights.forEach((w, k) => {
    const plan = plans[k];
    let z: Matrix;
    if (plan?.kind === "local") {
      z = localLayerHost(h, w, plan);
    } else {
      if (w.columns !== h.columns) {
        throw new Error(
          `forwardHost: weights[${k}] has shape [${w.rows}, ${w.columns}] but its input has ${h.columns} columns; expected in_k = ${h.columns}`,
        );
      }
      z = h.mmul(w.transpose());
    }
    if (k < weights.length - 1) {
      for (let i = 0; i < z.rows; i++) {
        for (let j = 0; j < z.columns; j++) if (z.get(i, j) < 0) z.set(i, j, 0);
      }
    }
    activations.push(z);
    h = z;
  });
  return activations;
}
