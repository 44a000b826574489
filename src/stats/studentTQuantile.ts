/**
 * The p-quantile of Student's t distribution with df degrees of freedom: the t with P(T ≤ t) = p.
 *
 * Solves ½ I_x(ν/2, ½) = q, q = min(p, 1 − p), for t ≥ 0 (then mirrors: t_{1−p} = −t_p).
 * The root is bracketed by doubling from [0, 1], then refined by Newton steps on ln P(T > t)
 * (derivative −f(t)/P(T > t), well scaled in the heavy tails) started from the normal quantile;
 * any step leaving the bracket is replaced by bisection, so convergence is guaranteed. Agrees with
 * the closed forms t = tan(π(p − ½)) (df = 1) and (2p − 1)/√(2p(1 − p)) (df = 2) to ≈ 1e-13, and
 * tends to `normalQuantile(p)` as df → ∞ (difference ≈ (z³ + z)/(4 df)).
 *
 * @example
 *   studentTQuantile(0.5, 7) // => 0
 *   studentTQuantile(0.95, 4) // ≈ 2.131847
 *   studentTQuantile(0.975, 10) // ≈ 2.228139
 *   studentTQuantile(0.05, 1) // ≈ -6.313752
 *
 * @see studentTCdf, normalQuantile
 */
import { normalQuantile } from "./normalQuantile.ts";
import { studentTDensity, studentTUpperTail } from "./internal/studentT.ts";
import { checkOpenProbability, checkPositive } from "./internal/validate.ts";

const MAX_STEPS = 2_000;
const RELATIVE_TOLERANCE = 1e-15;

export function studentTQuantile(p: number, df: number): number {
  const fn = "studentTQuantile";
  checkOpenProbability(fn, "p", p);
  checkPositive(fn, "df", df);
  if (p === 0.5) return 0;
  const q = p < 0.5 ? p : 1 - p;
  const tail = (t: number) => studentTUpperTail(fn, t, df);

  let lo = 0;
  let hi = 1;
  while (tail(hi) > q) {
    lo = hi;
    hi *= 2;
  }
  const guess = -normalQuantile(q);
  let t = guess > lo && guess < hi ? guess : lo + (hi - lo) / 2;
  for (let step = 0; step < MAX_STEPS; step++) {
    const f = tail(t);
    if (f === q) break;
    if (f > q) lo = t;
    else hi = t;
    let next = t + ((Math.log(f) - Math.log(q)) * f) / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    const converged = Math.abs(next - t) <= RELATIVE_TOLERANCE * next || hi - lo <= RELATIVE_TOLERANCE * hi;
    t = next;
    if (converged) break;
  }
  return p < 0.5 ? -t : t;
}
