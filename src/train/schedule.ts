/**
 * Learning-rate schedules: a multiplier m(t) ∈ (0, ∞) of the base rate at step t of T.
 */
export type Schedule = (step: number, totalSteps: number) => number;

/** m(t) = 1. */
export const constantSchedule: Schedule = () => 1;

/**
 * Piecewise-constant decay: the multiplier is multiplied by `factor` at each fraction of training
 * in `at` (e.g. `stepDecay([0.5, 0.75], 0.1)`: 1, then 0.1 from half-way, then 0.01).
 */
export function stepDecay(at: readonly number[], factor: number): Schedule {
  at.forEach((a, i) => {
    if (!(a > 0 && a < 1)) throw new Error(`stepDecay: at[${i}] = ${a}; expected a fraction in (0, 1)`);
  });
  if (!(factor > 0 && Number.isFinite(factor))) {
    throw new Error(`stepDecay: factor = ${factor}; expected a finite number > 0`);
  }
  return (step, total) => at.reduce((m, a) => (step >= a * total ? m * factor : m), 1);
}

/**
 * Linear warm-up from `start` (fraction of the base rate, in (0, 1]) to 1 over the first
 * `steps` steps, then constant — keeps the first large-loss steps of a weight-normalised net,
 * whose directions move by ≈ η ρ ‖∂f_V‖ per step, from killing its ReLUs.
 */
export function warmup(steps: number, start = 0.1): Schedule {
  if (!(Number.isSafeInteger(steps) && steps >= 1)) {
    throw new Error(`warmup: steps = ${steps}; expected an integer ≥ 1`);
  }
  if (!(start > 0 && start <= 1)) throw new Error(`warmup: start = ${start}; expected a fraction in (0, 1]`);
  return (step) => (step >= steps ? 1 : start + ((1 - start) * step) / steps);
}
