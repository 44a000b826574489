import type { Matrix } from "ml-matrix";
import { assertFiniteMatrix, assertMatrixList, shapeOf } from "../linalg/validate.ts";
import { layerNormProduct, REFERENCE_METRICS, type MetricSuite } from "../implementation/metricSuite.ts";
import { compileArchitecture, isConvNet, type Architecture } from "../nets/architecture.ts";
import { cnnRademacherBound, denseRademacherBound } from "./rademacherBounds.ts";
import { denseNormProduct } from "./networkNorms.ts";
import { maxPixelNormSum } from "./pixelNorms.ts";

/** Everything Corollary 3.3 and the dense bound need about one network on one sample. */
export interface BoundTerms {
  /** ρ(w): product of kernel (shared-weight) norms. */
  readonly rho: number;
  /** ρ̃(w): product of the dense operator norms. */
  readonly rhoTilde: number;
  readonly m: number;
  readonly depth: number;
  /** Degree of each of the first L − 1 layers: a conv layer's taps; a dense layer's 1 (one vector neuron). */
  readonly kernelSizes: readonly number[];
  readonly outputs: number;
  /** max_j Σ_i ‖z⁰_j(x_i)‖² over input pixels (a dense network's single "pixel" is the whole input). */
  readonly maxPixelNormSum: number;
  /** Σ_i ‖x_i‖². */
  readonly sumSquaredNorms: number;
  /** Corollary 3.3 (sparse) and Golowich et al. with ρ̃ (dense) Rademacher bounds. */
  readonly sparseBound: number;
  readonly denseBound: number;
}

/**
 * The terms of both Rademacher bounds for `weights` of `architecture` on `inputs [m, d]`, ρ with
 * `metrics.layerNorm` (default the reference: kernel norms; a reliability mutant may replace it).
 *
 * In the paper's formalism (§2.2) a neuron is a vector; a dense layer is one neuron whose single
 * predecessor is the whole previous layer, so an MLP has degree 1 everywhere, one input "pixel"
 * (the whole x, max_j Σ‖z_j‖² = Σ‖x_i‖²) and ρ = ρ̃: its sparse bound equals its dense bound. A
 * CNN's first layer reads pixels of c₀ channels, its degrees are the kernel sizes and ρ̃ = ρ√∏d_l.
 */
export function boundTerms(weights: readonly Matrix[], architecture: Architecture, inputs: Matrix, metrics: MetricSuite = REFERENCE_METRICS): BoundTerms {
  const plan = compileArchitecture(architecture);
  assertFiniteMatrix("boundTerms", "inputs", inputs);
  if (inputs.rows < 1 || inputs.columns !== plan.inputSize) {
    throw new Error(
      `boundTerms: inputs has shape ${shapeOf(inputs)}; expected [m, ${plan.inputSize}] with m ≥ 1 (the architecture's input size)`,
    );
  }
  assertMatrixList("boundTerms", "weights", weights, true);
  const depth = plan.layers.length;
  const kernelSizes = plan.layers.slice(0, -1).map((l) => (l.kind === "local" ? l.taps : 1));
  const channels = isConvNet(architecture) ? architecture.inputChannels : inputs.columns;
  let sumSquaredNorms = 0;
  for (let i = 0; i < inputs.rows; i++) for (let j = 0; j < inputs.columns; j++) sumSquaredNorms += inputs.get(i, j) ** 2;
  const rho = layerNormProduct(weights, plan.layers, metrics);
  const rhoTilde = denseNormProduct(weights, architecture);
  const pixel = maxPixelNormSum(inputs, channels);
  const common = { m: inputs.rows, depth, outputs: plan.outputDim };
  return {
    rho,
    rhoTilde,
    ...common,
    kernelSizes,
    maxPixelNormSum: pixel,
    sumSquaredNorms,
    sparseBound: cnnRademacherBound({ rho, ...common, kernelSizes, maxPixelNormSum: pixel }),
    denseBound: denseRademacherBound({ rhoTilde, ...common, sumSquaredNorms }),
  };
}
