/**
 * How far two correct float32 implementations of the same SGD step may drift apart in the first
 * steps of an aligned run (same initial weights, same minibatches), derived from float32
 * arithmetic rather than tuned.
 *
 * Each implementation computes a step `W_{t+1} = W_t − η m(t) (∇L + 2λ W_t)` with its own order of
 * summation. A sum of K float32 products carries a relative error of at most γ_K = K u/(1 − K u),
 * u = 2⁻²⁴ (Higham, "Accuracy and Stability of Numerical Algorithms", Lemma 3.1); the gradient of
 * layer k goes through the forward products of every layer and the backward products of every
 * layer above it, at most 2L sums of length ≤ K (K = the largest fan-in, fan-out, batch size or
 * N·C of the step), so its relative error is at most 2L·γ_K. The step's own update, the weight
 * normalisation (a norm, a division, a product) and the storing of the result add a few u of the
 * weights. Per layer and step, with `r = ‖W_{t+1} − W_t‖_F / ‖W_t‖_F` measured on the reference:
 *
 *   δ_t = 2L γ_K r_t + 4u                 (one implementation against exact arithmetic)
 *
 * and, since two implementations can each be off by that much in opposite directions and the
 * first steps barely amplify an existing gap (‖I − η m H‖ ≈ 1 for the step sizes used here),
 *
 *   τ(t) = 2 (4u + Σ_{s < t} δ_s)         (the allowed relative gap ‖W^ext_t − W^ref_t‖_F / ‖W^ref_t‖_F)
 *
 * The bound is a worst case (random rounding errors grow like √K, not K), so a correct trainer
 * sits far below it; a wrong convention (λ instead of 2λ moves W by η λ per step relative) far
 * above it. The step-0 term 4u covers the weight-normalised start, where both sides store
 * g₀ · (W₀/g₀) rather than W₀.
 */
export const FLOAT32_UNIT_ROUNDOFF = 2 ** -24;

/** γ_K = K u / (1 − K u): the relative error bound of a float32 sum of K products. */
export function gamma(k: number): number {
  if (!Number.isFinite(k) || k < 1) throw new Error(`gamma: k = ${k}; expected a number ≥ 1`);
  const ku = k * FLOAT32_UNIT_ROUNDOFF;
  if (ku >= 1) throw new Error(`gamma: k = ${k} is too long a sum for float32 (k·u = ${ku} ≥ 1)`);
  return ku / (1 - ku);
}

export interface StepToleranceInputs {
  /** Number of weight layers L. */
  readonly depth: number;
  /** Length K of the longest float32 sum of one step (largest fan-in, fan-out, batch size, N·C). */
  readonly longestSum: number;
  /**
   * Per step s = 0, 1, …, t−1: the reference's relative change of this layer,
   * ‖W_{s+1} − W_s‖_F / ‖W_s‖_F.
   */
  readonly relativeSteps: readonly number[];
}

/**
 * τ(t) for t = 0 … relativeSteps.length (see the module comment).
 * @example float32StepTolerance({ depth: 3, longestSum: 64, relativeSteps: [] }) // => [8 u]
 */
export function float32StepTolerance({ depth, longestSum, relativeSteps }: StepToleranceInputs): number[] {
  if (!Number.isSafeInteger(depth) || depth < 1) throw new Error(`float32StepTolerance: depth = ${depth}; expected an integer ≥ 1`);
  const g = gamma(longestSum);
  const u = FLOAT32_UNIT_ROUNDOFF;
  const out = [2 * 4 * u];
  let sum = 4 * u;
  relativeSteps.forEach((r, s) => {
    if (!(r >= 0) || !Number.isFinite(r)) throw new Error(`float32StepTolerance: relativeSteps[${s}] = ${r}; expected a finite number ≥ 0`);
    sum += 2 * depth * g * r + 4 * u;
    out.push(2 * sum);
  });
  return out;
}
