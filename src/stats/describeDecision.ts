/**
 * The one-line description of a Decision for reports and logs:
 *
 *   "<HELD | NOT HELD | INCONCLUSIVE>: <summary> [rule: <rule>; α = <alpha>]"
 *
 * The summary already carries the estimate, the bound, the threshold and n; the rule sentence and
 * α make the line self-contained.
 *
 * @example
 *   describeDecision(meanBelow([-2.4, -2.2, -2.3], -1.3)).startsWith("HELD: mean value = -2.30") // => true
 *   describeDecision(meanBelow([NaN, -2.2], -1.3)).startsWith("INCONCLUSIVE") // => true
 *
 * @see assertDecision
 */
import type { Decision } from "./Decision.ts";
import { formatConstant } from "./internal/format.ts";
import { fail } from "./internal/validate.ts";

export function describeDecision(d: Decision): string {
  if (typeof d !== "object" || d === null || typeof d.holds !== "boolean" || typeof d.summary !== "string") {
    fail("describeDecision", "d", d, "is not a Decision (expected an object with holds and summary)");
  }
  const verdict = d.inconclusive !== undefined ? "INCONCLUSIVE" : d.holds ? "HELD" : "NOT HELD";
  return `${verdict}: ${d.summary} [rule: ${d.rule}; α = ${formatConstant(d.alpha)}]`;
}
