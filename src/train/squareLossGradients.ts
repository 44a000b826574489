/**
 * The gradient of the per-run minibatch square loss with respect to each layer's effective
 * weights, by a hand-written backward pass — for a bias-free ReLU network
 * f(x) = W_L σ(… σ(W_1 x)) and, per run s, L_s = (1/M) Σ_n ‖f(x_n) − y_n‖² over its M samples:
 *
 *   r = f(x) − y,   δ_L = (1/M) · 2r,   ∇_{W_k} L = δ_kᵀ h_{k−1},   δ_{k−1} = (δ_k W_k) ⊙ 1[z_{k−1} > 0].
 *
 * It evaluates exactly the float32 operations TF.js's autodiff evaluated for the previous
 * `tf.grads` of the summed loss (the same kernels on the same operands, in the same association:
 * δ_L = fl(1/M) · fl(2 · r), the ReLU mask as `step(z)`), without the forward loss itself, without
 * the Identity copies a custom gradient saves, and without the input gradient of the first layer,
 * which nothing uses — so trained weights are bit-for-bit the same.
 */
import * as tf from "@tensorflow/tfjs";
import { type DeviceLayer, type LayerForward, layerForward, layerInputGradient, layerWeightGradient } from "./deviceLayers.ts";

/** Options of {@link squareLossGradients}. */
export interface SquareLossGradientsOptions {
  /** Compute the gradients of layers `from … L−1` only (0-based; default 0, every layer). */
  readonly from?: number;
}

/**
 * `∇_{W_k} L_s` for every layer k ≥ `from`, each `[S, rows_k, cols_k]`, of inputs `x [S, M, d]`
 * and targets `y [S, M, C]` under effective weights `weights[k] [S, rows_k, cols_k]` (entries
 * below `from` are `undefined`). Call inside `tf.tidy`.
 */
export function squareLossGradients(
  weights: readonly tf.Tensor3D[],
  x: tf.Tensor3D,
  y: tf.Tensor3D,
  layers: readonly DeviceLayer[],
  options: SquareLossGradientsOptions = {},
): Array<tf.Tensor3D | undefined> {
  const depth = weights.length;
  if (layers.length !== depth) throw new Error(`squareLossGradients: ${depth} weight tensors for ${layers.length} layers`);
  if (x.shape[0] !== y.shape[0] || x.shape[1] !== y.shape[1]) {
    throw new Error(`squareLossGradients: inputs [${x.shape.join(", ")}] and targets [${y.shape.join(", ")}] differ in runs or samples`);
  }
  const from = options.from ?? 0;
  const forwards: LayerForward[] = [];
  let h = x;
  weights.forEach((w, k) => {
    const forward = layerForward(layers[k]!, h, w);
    forwards.push(forward);
    h = k < depth - 1 ? tf.relu(forward.z) : forward.z;
  });
  // δ_L = (1/M) · (2 (f − y)): the association of TF.js's gradients of div(sum(squaredDifference)).
  // fl32(1/M) from the float64 quotient: double rounding is exact for a quotient (53 ≥ 2·24 + 2).
  const perSample = tf.scalar(1 / x.shape[1]);
  let delta = tf.mul(perSample, tf.mul(tf.scalar(2), tf.sub(h, y))) as tf.Tensor3D;
  const grads: Array<tf.Tensor3D | undefined> = weights.map(() => undefined);
  for (let k = depth - 1; k >= from; k--) {
    grads[k] = layerWeightGradient(layers[k]!, delta, forwards[k]!);
    if (k === from) break;
    const dh = layerInputGradient(layers[k]!, delta, weights[k]!);
    delta = tf.mul(dh, tf.step(forwards[k - 1]!.z));
  }
  return grads;
}
