/**
 * Spearman's rank correlation ρ of paired samples: the Pearson correlation of their ranks,
 *
 *   ρ = Σ(r_i − r̄)(s_i − s̄) / √(Σ(r_i − r̄)² Σ(s_i − s̄)²),
 *
 * with ties given their average rank (so ρ = 1 − 6Σd²/(n(n² − 1)) only without ties). ρ ∈ [−1, 1],
 * invariant under any strictly increasing transform of either sample. A descriptive statistic
 * (no decision): use it to report the monotone direction of a trend across λ, B or η next to
 * `trendDecreasing`. Needs n ≥ 2 finite pairs; an error if a value is non-finite or either
 * sample is constant (ρ is then undefined).
 *
 * @example
 *   spearman([1, 2, 3, 4], [10, 20, 30, 40]) // => 1
 *   spearman([1, 2, 3, 4], [1, 8, 27, 1000].map((v) => -v)) // => -1
 *   spearman([1, 2, 3], [1, 3, 2]) // => 0.5
 *
 * @see trendDecreasing
 */
import { checkNumberArray, checkSameLength, fail } from "./internal/validate.ts";

/** Ranks 1..n, ties sharing their average rank. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end]![0] === order[start]![0]) end++;
    const rank = (start + 1 + end) / 2;
    for (let j = start; j < end; j++) ranks[order[j]![1]] = rank;
    start = end;
  }
  return ranks;
}

export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const fn = "spearman";
  checkNumberArray(fn, "xs", xs);
  checkNumberArray(fn, "ys", ys);
  checkSameLength(fn, "xs", xs, "ys", ys);
  if (xs.length < 2) fail(fn, "xs", xs, "has fewer than 2 values (expected n ≥ 2 pairs)", true);
  for (const [name, values] of [["xs", xs], ["ys", ys]] as const) {
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) fail(fn, `${name}[${i}]`, v, "is not finite (rank correlation needs finite values)");
    });
    if (values.every((v) => v === values[0])) fail(fn, name, values, "is constant: the rank correlation is undefined", true);
  }
  const r = averageRanks(xs);
  const s = averageRanks(ys);
  const mean = (xs.length + 1) / 2;
  let rs = 0;
  let rr = 0;
  let ss = 0;
  for (let i = 0; i < r.length; i++) {
    rs += (r[i]! - mean) * (s[i]! - mean);
    rr += (r[i]! - mean) ** 2;
    ss += (s[i]! - mean) ** 2;
  }
  return Math.max(-1, Math.min(1, rs / Math.sqrt(rr * ss)));
}
