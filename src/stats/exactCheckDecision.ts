/**
 * The decision of an exact inequality `lhs ≤ rhs` checked on generated cases (the R1 bound at
 * generated weights and along training, SGD noise's tie to it, the conv identities of G1): no
 * sampling error — one counterexample refutes it — so it holds iff no case violates it beyond
 * floating-point rounding.
 */
import { TOLERANCE } from "../tolerances.ts";
import type { Decision } from "./Decision.ts";

/** One checked instance of an exact inequality `lhs ≤ rhs`. */
export interface InequalityCase {
  readonly lhs: number;
  readonly rhs: number;
  /** Where it came from (layer, step, seed, …), for the failure message. */
  readonly where: string;
  /** This case's tolerance, when it differs from the decision's (e.g. float32 rounding scaled by 1/(2ηλ)). */
  readonly tolerance?: { readonly relative: number; readonly absolute: number };
}

/**
 * `lhs ≤ rhs + absolute + relative · |rhs|` — an exact inequality checked in floating point. The
 * default is the float64 tolerance of `src/tolerances.ts` (host computations on float64 copies).
 */
export function satisfies(c: InequalityCase, tol: { relative: number; absolute: number } = TOLERANCE.float64): boolean {
  return c.lhs <= c.rhs + tol.absolute + tol.relative * Math.abs(c.rhs);
}

/**
 * The decision of an exact inequality over generated cases: holds iff every case satisfies it
 * (`satisfies`, with the case's own tolerance if it has one, else `tol`). `alpha` is 0 (no sampling error: one counterexample refutes
 * it); `estimate` is the largest lhs/rhs ratio seen, `values` the ratios. Inconclusive when there
 * are no cases or a side is non-finite (never a pass).
 *
 * @example
 *   exactCheckDecision("x ≤ 1", [{ lhs: 0.5, rhs: 1, where: "case 0" }]).holds // => true
 *   exactCheckDecision("x ≤ 1", [{ lhs: 2, rhs: 1, where: "case 0" }]).holds // => false
 *   exactCheckDecision("x ≤ 1", []).inconclusive // => "no cases to check"
 */
export function exactCheckDecision(
  rule: string,
  cases: readonly InequalityCase[],
  tol: { relative: number; absolute: number } = TOLERANCE.float64,
): Decision {
  const values = cases.map((c) => c.lhs / c.rhs);
  const base = { rule, alpha: 0, n: cases.length, values };
  const bad = cases.find((c) => !(Number.isFinite(c.lhs) && Number.isFinite(c.rhs)));
  if (cases.length === 0 || bad !== undefined) {
    const reason = cases.length === 0 ? "no cases to check" : `a non-finite side at ${bad!.where} (lhs ${bad!.lhs}, rhs ${bad!.rhs})`;
    return { ...base, holds: false, estimate: Number.NaN, interval: [-Infinity, Infinity], summary: `${reason}: inconclusive`, inconclusive: reason };
  }
  const violations = cases.filter((c) => !satisfies(c, c.tolerance ?? tol));
  const worst = Math.max(...values.filter((v) => Number.isFinite(v)), 0);
  const tolText = cases.some((c) => c.tolerance !== undefined)
    ? "per-case tolerances"
    : `tolerance abs ${tol.absolute} + rel ${tol.relative}`;
  if (violations.length === 0) {
    return {
      ...base,
      holds: true,
      estimate: worst,
      interval: [worst, worst],
      summary: `held on all ${cases.length} cases (largest lhs/rhs = ${worst.toPrecision(3)}; ${tolText}): held`,
    };
  }
  const first = violations[0]!;
  return {
    ...base,
    holds: false,
    estimate: worst,
    interval: [worst, worst],
    summary:
      `violated on ${violations.length} of ${cases.length} cases, e.g. ${first.where}: lhs ${first.lhs.toPrecision(4)} > rhs ${first.rhs.toPrecision(4)} ` +
      `(${tolText}): not held`,
  };
}
