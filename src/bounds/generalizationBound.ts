/**
 * The margin error and the generalization bound of Lemma 2.2 / Theorem 3.2 (Galanti et al. 2023).
 */
import type { Matrix } from "ml-matrix";
import { assertFiniteMatrix, describeValue } from "../linalg/validate.ts";
import { checkBoundTerms, complexityFactor } from "./rademacherBounds.ts";

/** Defaults of the paper's experiments. */
export const DEFAULT_DELTA = 0.001;
export const DEFAULT_MARGIN = 1;

/**
 * err^γ_S(f) = (1/m) Σ_i 𝟙[max_{j≠y_i} f(x_i)_j + γ ≥ f(x_i)_{y_i}] (γ = 0: the training error with
 * ties counted as errors). `outputs [m, C]` finite (a diverged network's NaN outputs are an error,
 * not a perfect margin), labels integers in [0, C).
 */
export function marginError(outputs: Matrix, labels: ArrayLike<number>, gamma: number): number {
  assertFiniteMatrix("marginError", "outputs", outputs);
  if (outputs.rows < 1) throw new Error(`marginError: outputs has ${outputs.rows} rows; expected m ≥ 1 samples`);
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number") {
    throw new Error(`marginError: labels is ${describeValue(labels)}; expected an array of integer labels`);
  }
  if (labels.length !== outputs.rows) {
    throw new Error(`marginError: labels has length ${labels.length}; expected one per output row (${outputs.rows})`);
  }
  if (!(Number.isFinite(gamma) && gamma >= 0)) throw new Error(`marginError: gamma = ${gamma}; expected a finite γ ≥ 0`);
  if (outputs.columns < 2) throw new Error(`marginError: outputs has ${outputs.columns} column(s); expected C ≥ 2`);
  const C = outputs.columns;
  for (let i = 0; i < outputs.rows; i++) {
    const y = labels[i];
    if (typeof y !== "number" || !Number.isInteger(y) || y < 0 || y >= C) {
      throw new Error(`marginError: labels[${i}] is ${describeValue(y)}; expected an integer in [0, ${C})`);
    }
  }
  let errors = 0;
  for (let i = 0; i < outputs.rows; i++) {
    const y = labels[i]!;
    let other = -Infinity;
    for (let j = 0; j < outputs.columns; j++) if (j !== y) other = Math.max(other, outputs.get(i, j));
    if (other + gamma >= outputs.get(i, y)) errors += 1;
  }
  return errors / outputs.rows;
}

/** Inputs of {@link cnnGeneralizationBound}. */
export interface GeneralizationBoundInputs {
  /** ρ(w) of the trained network (product of kernel norms and the last layer's norm). */
  readonly rho: number;
  readonly m: number;
  readonly depth: number;
  readonly kernelSizes: readonly number[];
  readonly outputs: number;
  readonly maxPixelNormSum: number;
  /** err^γ_S of the trained network. */
  readonly marginError: number;
  /** Margin γ > 0 (default 1) and confidence δ ∈ (0, 1) (default 0.001), as in the paper's experiments. */
  readonly gamma?: number;
  readonly delta?: number;
}

/**
 * Theorem 3.2 with Corollary 3.3's architecture terms: with probability ≥ 1 − δ,
 *
 *   err_P(f_w) ≤ err^γ_S(f_w) + (2√2 (ρ(w) + 1)/(γ m)) · (1 + √(2(log(2) L + Σ log k_l + log C))) · √(∏ k_l · max_j Σ_i ‖z⁰_j(x_i)‖²)
 *                + 3 √(log(2 (ρ(w) + 2)² / δ) / (2m)).
 *
 * Returns the bound and its three terms.
 */
export function cnnGeneralizationBound(b: GeneralizationBoundInputs): {
  bound: number;
  marginError: number;
  complexityTerm: number;
  confidenceTerm: number;
} {
  checkBoundTerms("cnnGeneralizationBound", b, true);
  const gamma = b.gamma ?? DEFAULT_MARGIN;
  const delta = b.delta ?? DEFAULT_DELTA;
  if (!(gamma > 0 && Number.isFinite(gamma))) throw new Error(`cnnGeneralizationBound: gamma = ${gamma}; expected γ > 0`);
  if (!(delta > 0 && delta < 1)) throw new Error(`cnnGeneralizationBound: delta = ${delta}; expected δ in (0, 1)`);
  if (!(b.rho >= 0 && Number.isFinite(b.rho))) throw new Error(`cnnGeneralizationBound: rho = ${b.rho}; expected a finite ρ ≥ 0`);
  if (!(b.marginError >= 0 && b.marginError <= 1)) {
    throw new Error(`cnnGeneralizationBound: marginError = ${b.marginError}; expected a fraction in [0, 1]`);
  }
  if (!(b.maxPixelNormSum >= 0 && Number.isFinite(b.maxPixelNormSum))) {
    throw new Error(`cnnGeneralizationBound: maxPixelNormSum = ${b.maxPixelNormSum}; expected a finite number ≥ 0`);
  }
  const logK = b.kernelSizes.reduce((a, k) => a + Math.log(k), 0);
  const prodK = b.kernelSizes.reduce((a, k) => a * k, 1);
  const complexityTerm =
    ((2 * Math.SQRT2 * (b.rho + 1)) / (gamma * b.m)) * complexityFactor(b.depth, logK, b.outputs) * Math.sqrt(prodK * b.maxPixelNormSum);
  const confidenceTerm = 3 * Math.sqrt(Math.log((2 * (b.rho + 2) ** 2) / delta) / (2 * b.m));
  return { bound: b.marginError + complexityTerm + confidenceTerm, marginError: b.marginError, complexityTerm, confidenceTerm };
}
