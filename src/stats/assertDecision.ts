/**
 * Throws a `DecisionError` unless the Decision holds — what a claim spec calls after its rule.
 * The message is `describeDecision(d)` followed by the per-seed values, so a failing spec shows
 * the estimate, the bound, the threshold, n and every value; `context` (e.g. the generated
 * configuration and seeds) is prepended. Inconclusive decisions throw too: a diverged run or a
 * too-small design is never a pass.
 *
 * @example
 *   assertDecision(meanBelow([-2.4, -2.2, -2.3], -1.3)) // => undefined
 *
 * @see describeDecision
 */
import type { Decision } from "./Decision.ts";
import { describeDecision } from "./describeDecision.ts";
import { formatValues } from "./internal/format.ts";
import { fail } from "./internal/validate.ts";

/** The error `assertDecision` throws; carries the Decision for reporters. */
export class DecisionError extends Error {
  readonly decision: Decision;

  constructor(message: string, decision: Decision) {
    super(message);
    this.name = "DecisionError";
    this.decision = decision;
  }
}

export function assertDecision(d: Decision, context?: string): void {
  if (context !== undefined && typeof context !== "string") fail("assertDecision", "context", context, "is not a string");
  const line = describeDecision(d);
  if (d.holds && d.inconclusive === undefined) return;
  const values = Array.isArray(d.values) ? `\n  values (n = ${d.values.length}): ${formatValues(d.values)}` : "";
  const prefix = context === undefined || context === "" ? "" : `${context}\n  `;
  throw new DecisionError(`${prefix}${line}${values}`, d);
}
