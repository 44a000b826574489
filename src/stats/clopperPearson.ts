/**
 * The exact (Clopper–Pearson) confidence interval for a binomial probability, from k successes
 * in n independent trials:
 *
 *   two-sided (level c, α = 1 − c):  [B⁻¹(α/2; k, n−k+1),  B⁻¹(1−α/2; k+1, n−k)]
 *   "lower"   (one-sided, level c):  [B⁻¹(1−c; k, n−k+1),  1]
 *   "upper"   (one-sided, level c):  [0,  B⁻¹(c; k+1, n−k)]
 *
 * with B⁻¹(q; a, b) the Beta quantile (`betaQuantile`), and the conventions lower = 0 at k = 0,
 * upper = 1 at k = n. Equivalently the lower bound L solves P(X ≥ k | n, L) = α/2 (one-sided: 1 − c)
 * and the upper bound U solves P(X ≤ k | n, U) = α/2. Coverage is ≥ c for every true p
 * (conservative, because X is discrete). Closed forms: k = 0 → upper = 1 − (α/2)^{1/n};
 * k = n → lower = (α/2)^{1/n}.
 *
 * @example
 *   clopperPearson(0, 10, 0.95)[1] // ≈ 0.30850
 *   clopperPearson(5, 5, 0.95, "lower")[0] // ≈ 0.54928
 *   clopperPearson(3, 3, 0.9) // ≈ [0.36840, 1]
 *
 * @see binomialCdf, fractionAtLeast, kOfN
 */
import { betaQuantile } from "./betaQuantile.ts";
import { checkIntegerIn, checkOpenProbability, fail } from "./internal/validate.ts";

/** Which bounds the interval has: both (two-sided) or one (the other is 0 or 1). */
export type ClopperPearsonSides = "two-sided" | "lower" | "upper";

export function clopperPearson(
  k: number,
  n: number,
  confidence = 0.95,
  sides: ClopperPearsonSides = "two-sided",
): [number, number] {
  const fn = "clopperPearson";
  checkIntegerIn(fn, "n", n, 1, Number.MAX_SAFE_INTEGER, "2^53 − 1");
  checkIntegerIn(fn, "k", k, 0, n, `n = ${n}`);
  checkOpenProbability(fn, "confidence", confidence);
  if (sides !== "two-sided" && sides !== "lower" && sides !== "upper") {
    fail(fn, "sides", sides, 'is not one of "two-sided", "lower", "upper"');
  }
  const tail = sides === "two-sided" ? (1 - confidence) / 2 : 1 - confidence;
  const lower = sides === "upper" || k === 0 ? 0 : betaQuantile(tail, k, n - k + 1);
  const upper = sides === "lower" || k === n ? 1 : betaQuantile(1 - tail, k + 1, n - k);
  return [lower, upper];
}
