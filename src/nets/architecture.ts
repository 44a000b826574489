/**
 * The architectures the engine trains and measures — bias-free ReLU MLPs (`mlp.ts`) and
 * local-kernel CNNs (`convNet.ts`) — compiled to one plan: a list of layers, each with a
 * parameter matrix `[rows, cols]` and either a dense or a local (patch-table) action.
 */
import { compileConvLayers, type ConvNetConfig, type LocalLayerPlan } from "./convNet.ts";
import { validateMlpConfig, type MlpConfig } from "./mlp.ts";

export type Architecture = MlpConfig | ConvNetConfig;

/** A dense layer `h ↦ W h`, `W [rows = out, cols = in]`. */
export interface DenseLayerPlan {
  readonly kind: "dense";
}

export type LayerPlan = (DenseLayerPlan | LocalLayerPlan) & {
  /** Parameter matrix shape `[rows, cols]`: dense `[out, in]`, local `[c_out, k·c_in]`. */
  readonly rows: number;
  readonly cols: number;
  /** Size of the layer's flattened input and output per sample. */
  readonly inputSize: number;
  readonly outputSize: number;
};

export interface NetworkPlan {
  readonly layers: readonly LayerPlan[];
  /** Flattened input size per sample (d, or positions·channels). */
  readonly inputSize: number;
  readonly outputDim: number;
  readonly normalization: "none" | "weight";
}

export function isConvNet(architecture: Architecture): architecture is ConvNetConfig {
  return (architecture as ConvNetConfig | null)?.kind === "conv";
}

/** Compiles (and validates) an architecture. */
export function compileArchitecture(architecture: Architecture): NetworkPlan {
  if (architecture === null || typeof architecture !== "object") {
    throw new Error(
      `compileArchitecture: architecture is ${architecture === undefined ? "undefined" : JSON.stringify(architecture)}; expected an MlpConfig or a ConvNetConfig`,
    );
  }
  if (!isConvNet(architecture)) {
    validateMlpConfig(architecture);
    const sizes = [architecture.inputDim, ...architecture.hidden, architecture.outputDim];
    const layers: LayerPlan[] = sizes.slice(1).map((out, k) => ({
      kind: "dense",
      rows: out,
      cols: sizes[k]!,
      inputSize: sizes[k]!,
      outputSize: out,
    }));
    return { layers, inputSize: architecture.inputDim, outputDim: architecture.outputDim, normalization: architecture.normalization };
  }
  const local = compileConvLayers(architecture);
  if (!Number.isSafeInteger(architecture.outputDim) || architecture.outputDim < 1) {
    throw new Error(`ConvNetConfig.outputDim = ${architecture.outputDim}; expected an integer ≥ 1`);
  }
  if (architecture.normalization !== "none" && architecture.normalization !== "weight") {
    throw new Error(`ConvNetConfig.normalization = ${JSON.stringify(architecture.normalization)}; expected "none" or "weight"`);
  }
  const layers: LayerPlan[] = local.map((p) => ({
    ...p,
    rows: p.channelsOut,
    cols: p.taps * p.channelsIn,
    inputSize: p.positionsIn * p.channelsIn,
    outputSize: p.positionsOut * p.channelsOut,
  }));
  const last = local.at(-1)!;
  const featureSize = last.positionsOut * last.channelsOut;
  layers.push({ kind: "dense", rows: architecture.outputDim, cols: featureSize, inputSize: featureSize, outputSize: architecture.outputDim });
  return {
    layers,
    inputSize: local[0]!.positionsIn * local[0]!.channelsIn,
    outputDim: architecture.outputDim,
    normalization: architecture.normalization,
  };
}

/** Parameter matrix shapes `[rows, cols]` per layer. */
export function parameterShapes(architecture: Architecture): Array<[number, number]> {
  return compileArchitecture(architecture).layers.map((l) => [l.rows, l.cols]);
}
