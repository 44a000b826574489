/**
 * Local-kernel convolutional networks (bias-free ReLU conv layers with valid padding, then a
 * dense last layer), the compositionally sparse architectures of Galanti, Xu, Galanti, Poggio,
 * "Norm-based generalization bounds for sparse neural networks" (NeurIPS 2023), §2.2.
 *
 * Layout conventions:
 * - an activation of a conv layer is `[positions, channels]` per sample, flattened row-major
 *   (position-major, like TensorFlow's NWC / NHWC), positions of a 2-D map row-major;
 * - a conv layer's parameter is its kernel as a matrix `w_l [c_out, k·c_in]`, column
 *   `o·c_in + c` for kernel offset o (row-major over a 2-D kernel) and input channel c. A TF filter
 *   `[k, c_in, c_out]` (1-D) or `[kh, kw, c_in, c_out]` (2-D) is the same numbers transposed.
 * - the dense last layer is `W_L [C, positions_{L−1}·c_{L−1}]`.
 */

/** One convolutional layer (valid padding, no bias, ReLU after it). */
export interface ConvLayerSpec {
  /** Kernel size k (1-D) or [kh, kw] (2-D). */
  readonly kernel: number | readonly [number, number];
  /** Stride s (1-D) or [sh, sw] (2-D); default: the kernel size (non-overlapping patches). */
  readonly stride?: number | readonly [number, number];
  /** Output channels c_l. */
  readonly channels: number;
}

/** A local-kernel CNN: conv layers on a 1-D or 2-D input, then a dense layer to the outputs. */
export interface ConvNetConfig {
  readonly kind: "conv";
  /** Spatial input shape: `[length]` (1-D) or `[height, width]` (2-D). */
  readonly inputShape: readonly [number] | readonly [number, number];
  /** Input channels c_0. */
  readonly inputChannels: number;
  /** The convolutional layers, in order (at least one). */
  readonly conv: readonly ConvLayerSpec[];
  /** Outputs of the dense last layer: C (one-hot) or 1 (±1). */
  readonly outputDim: number;
  /** As for the MLP: `none` or per-layer weight normalisation of the kernels and the last layer. */
  readonly normalization: "none" | "weight";
}

/** A conv layer compiled to its patch table. */
export interface LocalLayerPlan {
  readonly kind: "local";
  /** Spatial shape of the layer's input and output maps. */
  readonly shapeIn: readonly number[];
  readonly shapeOut: readonly number[];
  /** Number of input positions P_in and output positions P_out (= d_l of the paper). */
  readonly positionsIn: number;
  readonly positionsOut: number;
  /** Kernel size k (number of taps) and channels. */
  readonly taps: number;
  readonly channelsIn: number;
  readonly channelsOut: number;
  /** `table[j·k + o]` = the input position read by output position j at kernel offset o. */
  readonly table: Int32Array;
}

function pair(v: number | readonly [number, number], dims: number, name: string): number[] {
  const out = typeof v === "number" ? Array.from({ length: dims }, () => v) : [...v];
  if (out.length !== dims || out.some((x) => !Number.isSafeInteger(x) || x < 1)) {
    const shown = Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
    throw new Error(`ConvNetConfig: ${name} = ${shown}; expected ${dims === 1 ? "an integer ≥ 1" : "an integer ≥ 1 or a pair of them"}`);
  }
  return out;
}

/**
 * Compiles the conv layers of `config` to patch tables (valid padding: output size per axis
 * ⌊(n − k)/s⌋ + 1). Throws when a layer has no valid output position.
 */
export function compileConvLayers(config: ConvNetConfig): LocalLayerPlan[] {
  const dims = Array.isArray(config.inputShape) ? config.inputShape.length : 0;
  if (dims !== 1 && dims !== 2) {
    throw new Error(`ConvNetConfig.inputShape = ${JSON.stringify(config.inputShape)}; expected [length] or [height, width]`);
  }
  let shape = config.inputShape.map((n, i) => {
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`ConvNetConfig.inputShape[${i}] = ${n}; expected an integer ≥ 1`);
    return n;
  });
  let channels = config.inputChannels;
  if (!Number.isSafeInteger(channels) || channels < 1) {
    throw new Error(`ConvNetConfig.inputChannels = ${channels}; expected an integer ≥ 1`);
  }
  if (!Array.isArray(config.conv) || config.conv.length === 0) {
    throw new Error("ConvNetConfig.conv is empty; expected at least one convolutional layer");
  }
  return config.conv.map((layer, l) => {
    if (layer === null || typeof layer !== "object") {
      throw new Error(`ConvNetConfig.conv[${l}] = ${JSON.stringify(layer)}; expected { kernel, stride?, channels }`);
    }
    const kernel = pair(layer.kernel, dims, `conv[${l}].kernel`);
    const stride = pair(layer.stride ?? layer.kernel, dims, `conv[${l}].stride`);
    if (!Number.isSafeInteger(layer.channels) || layer.channels < 1) {
      throw new Error(`ConvNetConfig.conv[${l}].channels = ${layer.channels}; expected an integer ≥ 1`);
    }
    const shapeOut = shape.map((n, i) => Math.floor((n - kernel[i]!) / stride[i]!) + 1);
    if (shapeOut.some((n) => n < 1)) {
      throw new Error(
        `ConvNetConfig.conv[${l}]: kernel ${JSON.stringify(kernel)} does not fit its input of shape ${JSON.stringify(shape)} (valid padding); expected kernel ≤ input size`,
      );
    }
    const taps = kernel.reduce((a, b) => a * b, 1);
    const positionsOut = shapeOut.reduce((a, b) => a * b, 1);
    const table = new Int32Array(positionsOut * taps);
    const widthIn = dims === 2 ? shape[1]! : 1;
    const widthOut = dims === 2 ? shapeOut[1]! : 1;
    const kw = dims === 2 ? kernel[1]! : 1;
    for (let j = 0; j < positionsOut; j++) {
      const r = dims === 2 ? Math.floor(j / widthOut) : j;
      const c = dims === 2 ? j % widthOut : 0;
      for (let o = 0; o < taps; o++) {
        const a = dims === 2 ? Math.floor(o / kw) : o;
        const b = dims === 2 ? o % kw : 0;
        const row = r * stride[0]! + a;
        const col = dims === 2 ? c * stride[1]! + b : 0;
        table[j * taps + o] = row * widthIn + col;
      }
    }
    const plan: LocalLayerPlan = {
      kind: "local",
      shapeIn: shape,
      shapeOut,
      positionsIn: shape.reduce((a, b) => a * b, 1),
      positionsOut,
      taps,
      channelsIn: channels,
      channelsOut: layer.channels,
      table,
    };
    shape = shapeOut;
    channels = layer.channels;
    return plan;
  });
}
