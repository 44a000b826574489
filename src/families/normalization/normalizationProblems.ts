/**
 * Random fixed-V problems for the exact part of CLAIMS N1: a normalised bias-free ReLU network V
 * (He initialisation, each layer scaled to ‖V_k‖_F = 1), random inputs and random labels with
 * one-hot or ±1 targets. Everything is drawn from one seed, so a fast-check counterexample is a
 * handful of integers.
 */
import { Matrix } from "ml-matrix";
import { scaleMoments, type ScaleMoments } from "../../metrics/scaleMoments.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import { initWeights } from "../../nets/initWeights.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { normalizedForm } from "../../nets/normalizedForm.ts";
import { weightMatrices } from "../../nets/weightMatrices.ts";
import { createRng, deriveSeed } from "../../random/rng.ts";
import type { OutputView } from "../../data/outputView.ts";

/** The shape of a problem (what fast-check generates). */
export interface ScaleProblemSpec {
  readonly seed: number;
  readonly view: OutputView;
  /** Classes C (2 for the binary view). */
  readonly classes: number;
  readonly dim: number;
  /** Samples N. */
  readonly count: number;
  /** Hidden widths (depth L = hidden.length + 1; empty: a linear model, L = 1). */
  readonly hidden: readonly number[];
}

export interface ScaleProblem {
  readonly spec: ScaleProblemSpec;
  /** V_k `[out_k, in_k]`, ‖V_k‖_F = 1. */
  readonly directions: Matrix[];
  /** `[N, d]`. */
  readonly inputs: Matrix;
  /** Row-major `[N, C_out]`: one-hot rows, or ±1 (binary view). */
  readonly targets: Float64Array;
  /** Moments of f_V against the targets, float64 (`scaleMoments`). */
  readonly moments: ScaleMoments;
  /** `f_V(x_n)` `[N, C_out]`, float64. */
  readonly outputs: Matrix;
}

/**
 * Builds the problem of `spec`. A hidden width or a layer whose He draw is exactly zero cannot
 * occur in practice; a network whose ReLUs all die on the inputs has `f_V = 0` (b = 0), which the
 * caller may skip.
 * @example const p = scaleProblem({ seed: 1, view: "binary", classes: 2, dim: 3, count: 8, hidden: [4] });
 */
export function scaleProblem(spec: ScaleProblemSpec): ScaleProblem {
  const { seed, view, classes, dim, count, hidden } = spec;
  const outputDim = view === "binary" ? 1 : classes;
  if (view === "binary" && classes !== 2) throw new Error(`scaleProblem: view "binary" with classes = ${classes}; expected 2`);
  const rng = createRng(deriveSeed(seed, "scale-problem/data"));
  const inputs = new Matrix(count, dim);
  const targets = new Float64Array(count * outputDim);
  for (let n = 0; n < count; n++) {
    for (let j = 0; j < dim; j++) inputs.set(n, j, rng.normal());
    const label = rng.int(classes);
    if (view === "binary") targets[n] = label === 1 ? 1 : -1;
    else targets[n * outputDim + label] = 1;
  }
  let directions: Matrix[];
  if (hidden.length === 0) {
    const w = new Matrix(outputDim, dim);
    const wr = createRng(deriveSeed(seed, "scale-problem/linear"));
    for (let i = 0; i < outputDim; i++) for (let j = 0; j < dim; j++) w.set(i, j, wr.normal());
    directions = normalizedForm([w]).directions.slice();
  } else {
    const architecture: MlpConfig = { inputDim: dim, hidden, outputDim, normalization: "none" };
    directions = normalizedForm(weightMatrices(initWeights(architecture, deriveSeed(seed, "scale-problem/init")), architecture)).directions.slice();
  }
  const outputs = forwardHost(directions, inputs).at(-1)!;
  return { spec, directions, inputs, targets, moments: scaleMoments(outputs, targets), outputs };
}
