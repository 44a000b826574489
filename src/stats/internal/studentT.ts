/**
 * Student-t helpers shared by `studentTCdf` and `studentTQuantile` (internal, unchecked).
 *
 * Upper tail: for t ≥ 0, P(T > t) = ½ I_x(ν/2, ½) with x = ν/(ν + t²) (Abramowitz & Stegun
 * 26.7.1 via 26.5.27). Density: f(t) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^{−(ν+1)/2}.
 */
import { incompleteBetaTails } from "./incompleteBeta.ts";
import { logGamma } from "./logGamma.ts";

/** P(T > t) for t ≥ 0 (0 when t² overflows). */
export function studentTUpperTail(fn: string, t: number, df: number): number {
  const t2 = t * t;
  if (!Number.isFinite(t2)) return 0;
  const denominator = df + t2;
  return 0.5 * incompleteBetaTails(fn, df / denominator, t2 / denominator, df / 2, 0.5).lower;
}

/** The density f(t) of Student's t with df degrees of freedom. */
export function studentTDensity(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}
