/**
 * The exact binomial CDF P(X ≤ k) for X ~ Binomial(n, p):
 *
 *   P(X ≤ k) = Σ_{j=0}^{k} C(n, j) p^j (1 − p)^{n−j},
 *
 * summed term by term in log space (ln C(n, j) = −ln(n + 1) − ln B(j + 1, n − j + 1)): no normal
 * approximation, and no underflow of (1 − p)^n for large n. Cost O(k). k may be any integer:
 * k < 0 gives 0, k ≥ n gives 1.
 * Upper tails without cancellation: P(X ≥ k) = binomialCdf(n − k, n, 1 − p).
 *
 * @example
 *   binomialCdf(2, 5, 0.5) // => 0.5
 *   binomialCdf(0, 4, 0.5) // => 0.0625
 *   binomialCdf(-1, 4, 0.3) // => 0
 *
 * @see clopperPearson, signTestLess, fractionAtLeast
 */
import { logBeta } from "./internal/logGamma.ts";
import { checkInteger, checkIntegerIn, checkProbability } from "./internal/validate.ts";

export function binomialCdf(k: number, n: number, p: number): number {
  const fn = "binomialCdf";
  checkIntegerIn(fn, "n", n, 0, Number.MAX_SAFE_INTEGER, "2^53 − 1");
  checkInteger(fn, "k", k);
  checkProbability(fn, "p", p);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logNPlusOne = Math.log(n + 1);
  let sum = 0;
  for (let j = 0; j <= k; j++) {
    sum += Math.exp(-logNPlusOne - logBeta(j + 1, n - j + 1) + j * logP + (n - j) * logQ);
  }
  return Math.min(1, sum);
}
