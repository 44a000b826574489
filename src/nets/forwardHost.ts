import { Matrix } from "ml-matrix";

/**
 * Host (float64) forward pass of a bias-free ReLU MLP, the reference the measurements use.
 *
 * @param weights `W_k` as `Matrix [out_k, in_k]`, k = 1..L.
 * @param inputs  `Matrix [N, d]`, one sample per row.
 * @returns `activations[0] = inputs`, `activations[k] = σ(activations[k−1] W_kᵀ)` for 1 ≤ k < L
 *          (`[N, out_k]`), and `activations[L]` = the outputs (no ReLU). Features h are
 *          `activations[L − 1]`.
 */
export function forwardHost(weights: readonly Matrix[], inputs: Matrix): Matrix[] {
  if (weights.length < 1) throw new Error("forwardHost: weights is empty; expected at least one layer");
  const activations: Matrix[] = [inputs];
  let h = inputs;
  weights.forEach((w, k) => {
    if (w.columns !== h.columns) {
      throw new Error(
        `forwardHost: weights[${k}] has shape [${w.rows}, ${w.columns}] but its input has ${h.columns} columns; expected in_k = ${h.columns}`,
      );
    }
    const z = h.mmul(w.transpose());
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
