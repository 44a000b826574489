import { describeValue } from "../linalg/validate.ts";

/** Summary of per-step update sizes over a window of training (see `updateSizeStats`). */
export interface UpdateSizeStats {
  /** Number of steps summarised. */
  readonly count: number;
  /** The floor: the geometric mean `10^{mean log10 s}` of the sizes. */
  readonly floor: number;
  /** Mean and sample standard deviation of `log10 s` (sd 0 for a single value). */
  readonly log10Mean: number;
  readonly log10Sd: number;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/**
 * Statistics of per-step update sizes `s_t > 0` (e.g. `relativeChange(W_t, W_{t+1})` at several
 * late steps): the **floor** is their geometric mean `10^{(1/n) Σ log10 s_t}`, with the mean and
 * spread of `log10 s_t`, min, median and max.
 *
 * Why a geometric mean: SGD step sizes fluctuate by factors of several from one minibatch to the
 * next, and the quantities compared across runs (SGD vs GD vs λ = 0, or across λ, η, B) differ by
 * orders of magnitude, so they are averaged and tested on a log scale; a single tiny or huge step
 * moves the floor by at most its share of the log-average.
 *
 * @example
 *   updateSizeStats([1e-3, 1e-2]).floor // => Math.sqrt(1e-3 * 1e-2)
 * @throws unless `sizes` is a non-empty array of finite numbers > 0 (a zero step has no log: a run that
 *         stopped exactly is reported by its caller, not averaged).
 */
export function updateSizeStats(sizes: readonly number[]): UpdateSizeStats {
  if (!Array.isArray(sizes) || sizes.length === 0) {
    throw new Error(`updateSizeStats: sizes is ${describeValue(sizes)}; expected a non-empty array of step sizes > 0`);
  }
  sizes.forEach((s, i) => {
    if (typeof s !== "number" || !Number.isFinite(s) || s <= 0) {
      throw new Error(`updateSizeStats: sizes[${i}] is ${describeValue(s)}; expected a finite step size > 0`);
    }
  });
  const logs = sizes.map((s) => Math.log10(s));
  const n = logs.length;
  const log10Mean = logs.reduce((a, b) => a + b, 0) / n;
  const log10Sd = n < 2 ? 0 : Math.sqrt(logs.reduce((a, v) => a + (v - log10Mean) ** 2, 0) / (n - 1));
  const sorted = [...sizes].sort((a, b) => a - b);
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { count: n, floor: 10 ** log10Mean, log10Mean, log10Sd, min: sorted[0]!, median, max: sorted[n - 1]! };
}
