/**
 * Both tails of the regularised incomplete beta function, each computed without cancellation
 * (internal; callers validate arguments):
 *
 *   lower = I_x(a, b) = (1/B(a,b)) ∫₀ˣ s^{a−1} (1−s)^{b−1} ds,   upper = 1 − I_x(a, b) = I_{1−x}(b, a).
 *
 * Numerical Recipes (3rd ed., §6.4) continued fraction, evaluated by the modified Lentz method:
 * I_x(a,b) = x^a (1−x)^b / (a B(a,b)) · 1/(1+ d₁/(1+ d₂/(1+ …))), used directly when
 * x < (a+1)/(a+b+2) (where it converges fast) and on the mirrored problem I_{1−x}(b, a) otherwise.
 * The tail that the continued fraction returns is accurate to relative ≈ 1e-14 even when tiny; the
 * other is 1 minus it. Callers pass y = 1 − x computed exactly from their own variables (for the
 * t distribution, x = ν/(ν+t²) and y = t²/(ν+t²)), which keeps ln(1 − x) accurate near x = 1.
 */
import { logBeta } from "./logGamma.ts";

const EPSILON = 1e-15;
const TINY = 1e-300;
/** The fraction needs O(√max(a, b)) terms; 20 000 covers shapes up to ~1e8. */
const MAX_TERMS = 20_000;

export interface BetaTails {
  lower: number;
  upper: number;
}

function continuedFraction(fn: string, x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(
    `${fn}: the incomplete-beta continued fraction did not converge in ${MAX_TERMS} terms ` +
      `(x = ${x}, a = ${a}, b = ${b}); shapes this large are outside the supported range`,
  );
}

/**
 * Tails of I_x(a, b) given x and y = 1 − x (both in [0, 1]), a, b > 0. `logX` / `logY` may be
 * passed when x or y underflows (e.g. x = ν/(ν + t²) for |t| > 1e154) but its logarithm is known.
 */
export function incompleteBetaTails(
  fn: string,
  x: number,
  y: number,
  a: number,
  b: number,
  logX = Math.log(x),
  logY = Math.log(y),
): BetaTails {
  if (logX === -Infinity) return { lower: 0, upper: 1 };
  if (logY === -Infinity) return { lower: 1, upper: 0 };
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, (Math.exp(logFront) * continuedFraction(fn, x, a, b)) / a);
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, (Math.exp(logFront) * continuedFraction(fn, y, b, a)) / b);
  return { lower: 1 - upper, upper };
}
