/**
 * Least-squares slope of ys on xs: Σ(x − x̄)(y − ȳ) / Σ(x − x̄)². A non-finite y gives NaN (so a
 * decision over such slopes is inconclusive, never a pass).
 *
 * @example
 *   olsSlope([1, 2, 3, 4], [3, 5, 7, 9]) // => 2
 *
 * @see slopeBelow (the same slope with a confidence bound, for points that are independent)
 */
import { checkNumberArray } from "./internal/validate.ts";

export function olsSlope(xs: readonly number[], ys: readonly number[]): number {
  checkNumberArray("olsSlope", "xs", xs);
  checkNumberArray("olsSlope", "ys", ys);
  if (xs.length !== ys.length || xs.length < 2) {
    throw new RangeError(`olsSlope: xs has ${xs.length} values and ys ${ys.length}; expected equal lengths ≥ 2`);
  }
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  if (sxx === 0) throw new RangeError("olsSlope: all xs are equal; expected at least two distinct values");
  return sxy / sxx;
}
