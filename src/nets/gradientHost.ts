import { Matrix } from "ml-matrix";
import { assertFiniteNumbers, assertMatrix } from "../linalg/validate.ts";
import { forwardHost } from "./forwardHost.ts";

/** The square loss of a (mini)batch and its gradient with respect to every layer. */
export interface HostGradient {
  /** `L_S̃(W) = (1/B) Σ_{n∈S̃} ‖f_W(x_n) − y_n‖²` (mean over the B rows, sum over outputs; no penalty). */
  readonly loss: number;
  /** `∇_{W_k} L_S̃(W)` as `Matrix [out_k, in_k]`, k = 1..L (same shapes as the weights). */
  readonly gradients: Matrix[];
}

/**
 * Host (float64) backpropagation of the square loss of a bias-free ReLU MLP on one (mini)batch:
 *
 *   L_S̃(W) = (1/B) Σ_n ‖f_W(x_n) − y_n‖²,
 *   δ_L = (2/B)(F − Y)                       [B, out_L]   (F = outputs, Y = targets)
 *   δ_k = (δ_{k+1} W_{k+1}) ⊙ 1[z_k > 0]      [B, out_k]   (k < L, z_k = pre-activations)
 *   ∇_{W_k} L_S̃ = δ_kᵀ h_{k−1} = Σ_n δ_{k,n} h_{k−1,n}ᵀ   [out_k, in_k],
 *
 * with h_0 = x. Every layer's gradient is a sum of B outer products, so its rank is at most B
 * (CLAIMS R1; also at most min(out_k, in_k) and at most the rank of the batch's h_{k−1}). The
 * ReLU derivative at z = 0 is taken as 0, as in tfjs.
 *
 * No weight decay here: the gradient of `L^λ = L + λ Σ‖W_k‖²` is `gradients[k] + 2λ W_k`
 * (`src/train/weightDecay.ts`).
 *
 * @param weights `W_k` as `Matrix [out_k, in_k]`, k = 1..L
 * @param inputs  the batch, `Matrix [B, d]` (one sample per row)
 * @param targets row-major `[B, out_L]` (one-hot or ±1, `targetsFor` rows)
 * @example
 *   const { loss, gradients } = gradientHost(weights, inputMatrix(data), targetsFor(data, C));
 * @throws when the weights do not chain, the batch is empty, an input, weight or target is not
 *         finite, or targets has the wrong length.
 */
export function gradientHost(
  weights: readonly Matrix[],
  inputs: Matrix,
  targets: Float32Array | Float64Array,
): HostGradient {
  assertMatrix("gradientHost", "inputs", inputs);
  const B = inputs.rows;
  if (B < 1) throw new Error(`gradientHost: inputs has ${B} rows; expected a batch of B ≥ 1 samples`);
  const acts = forwardHost(weights, inputs);
  const L = weights.length;
  const outputs = acts[L]!;
  const C = outputs.columns;
  assertFiniteNumbers("gradientHost", "targets", targets, B * C, `B × out_L = ${B} × ${C} = ${B * C}`);
  let loss = 0;
  let delta = new Matrix(B, C);
  for (let n = 0; n < B; n++) {
    for (let c = 0; c < C; c++) {
      const r = outputs.get(n, c) - targets[n * C + c]!;
      loss += r * r;
      delta.set(n, c, (2 / B) * r);
    }
  }
  const gradients: Matrix[] = new Array<Matrix>(L);
  for (let k = L - 1; k >= 0; k--) {
    gradients[k] = delta.transpose().mmul(acts[k]!);
    if (k === 0) break;
    const back = delta.mmul(weights[k]!);
    const h = acts[k]!;
    for (let n = 0; n < back.rows; n++) {
      for (let j = 0; j < back.columns; j++) if (!(h.get(n, j) > 0)) back.set(n, j, 0);
    }
    delta = back;
  }
  return { loss: loss / B, gradients };
}
