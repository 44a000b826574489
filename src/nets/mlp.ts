/**
 * The bias-free ReLU multilayer perceptron of CLAIMS.md ("Conventions"):
 *
 *   f_W(x) = W_L σ(W_{L−1} … σ(W_1 x)),   σ = ReLU, no biases (positively homogeneous),
 *
 * with `W_k` of shape `[out_k, in_k]`. Features h(x) are the input of the last layer (the
 * penultimate activations). Under weight normalisation each layer is `W_k = g_k V_k / ‖V_k‖_F`.
 */

/** Architecture of a bias-free ReLU MLP. Depth L = `hidden.length + 1` weight layers. */
export interface MlpConfig {
  /** Optional tag; `Architecture` tells MLPs from CNNs by `kind: "conv"`. */
  readonly kind?: "mlp";
  /** Input dimension d. */
  readonly inputDim: number;
  /** Widths of the hidden layers (L − 1 entries, each ≥ 1). */
  readonly hidden: readonly number[];
  /** Output dimension: C for one-hot targets, 1 for the binary ±1 view. */
  readonly outputDim: number;
  /**
   * `none`: plain weights W_k. `weight`: weight normalisation, W_k = g_k V_k/‖V_k‖_F with one
   * scalar g_k per layer; the trainer keeps ‖V_k‖_F = 1 exactly (see `src/train/sgdTrainer.ts`).
   */
  readonly normalization: "none" | "weight";
}

/** `[out_k, in_k]` for k = 1..L. */
export function layerShapes(config: MlpConfig): Array<[number, number]> {
  validateMlpConfig(config);
  const sizes = [config.inputDim, ...config.hidden, config.outputDim];
  const shapes: Array<[number, number]> = [];
  for (let k = 1; k < sizes.length; k++) shapes.push([sizes[k]!, sizes[k - 1]!]);
  return shapes;
}

/** Throws with the offending field unless `config` describes a valid MLP. */
export function validateMlpConfig(config: MlpConfig): void {
  if (config === null || typeof config !== "object") {
    throw new Error(`MlpConfig is ${config === undefined ? "undefined" : JSON.stringify(config)}; expected { inputDim, hidden, outputDim, normalization }`);
  }
  const check = (name: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 1) throw new Error(`MlpConfig.${name} = ${v}; expected an integer ≥ 1`);
  };
  check("inputDim", config.inputDim);
  check("outputDim", config.outputDim);
  if (!Array.isArray(config.hidden) || config.hidden.length < 1) {
    throw new Error(
      `MlpConfig.hidden = ${JSON.stringify(config.hidden)}; expected at least one hidden width (depth L ≥ 2)`,
    );
  }
  config.hidden.forEach((w, i) => check(`hidden[${i}]`, w));
  if (config.normalization !== "none" && config.normalization !== "weight") {
    throw new Error(`MlpConfig.normalization = ${JSON.stringify(config.normalization)}; expected "none" or "weight"`);
  }
}

/** Number of weight layers L. */
export function depthOf(config: MlpConfig): number {
  return config.hidden.length + 1;
}
