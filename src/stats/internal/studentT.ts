/**
 * Student-t helpers shared by `studentTCdf` and `studentTQuantile` (internal, unchecked).
 *
 * Upper tail: for t ≥ 0, P(T > t) = ½ I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun
 * 26.7.1 via 26.5.27). Density: f(t) = (1 + t²/ν)^{−(ν+1)/2} / (√ν B(ν/2, ½)).
 */
import { incompleteBetaTails } from "./incompleteBeta.ts";
import { logBeta } from "./logGamma.ts";

/**
 * P(T > t) for t ≥ 0. ln x is formed without rounding x first: −ln(1 + t²/ν) (x near 1, where
 * (ν/2)·ln x would amplify the rounding of x by ν/2), or ln ν − 2 ln t when t²/ν overflows.
 */
export function studentTUpperTail(fn: string, t: number, df: number): number {
  if (t === 0) return 0.5;
  const t2 = t * t;
  if (!Number.isFinite(t2 / df)) {
    const logX = Math.log(df) - 2 * Math.log(t);
    return 0.5 * incompleteBetaTails(fn, Math.exp(logX), 1, df / 2, 0.5, logX, 0).lower;
  }
  const logX = -Math.log1p(t2 / df);
  const y = t2 / (df + t2);
  return 0.5 * incompleteBetaTails(fn, Math.exp(logX), y, df / 2, 0.5, logX, Math.log(y)).lower;
}

/** The density f(t) of Student's t with df degrees of freedom. */
export function studentTDensity(t: number, df: number): number {
  // ln Γ((ν+1)/2) − ln Γ(ν/2) = ln Γ(½) − ln B(ν/2, ½), with ln Γ(½) = ½ ln π.
  const logNorm = -logBeta(df / 2, 0.5) - 0.5 * Math.log(df);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}
