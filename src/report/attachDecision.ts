/**
 * Puts a statistical decision into the report: its full object as JSON, and its verdict as a
 * parameter and a step, so the verdict and rule are visible without opening the attachment.
 */
import { logStep, parameter, Status } from "allure-js-commons";
import { allureActive } from "./allureActive.ts";
import { attachJson } from "./attach.ts";
import { summariseDecision } from "./summariseEvidence.ts";

/**
 * What `attachDecision` needs of a decision (the `Decision` of `src/stats` fits); any further
 * fields (values, interval, p-value, seeds, …) are attached as they are, typed arrays and
 * non-finite numbers included.
 */
export interface DecisionLike {
  /** Whether the tested prediction holds by the rule. */
  readonly holds: boolean;
  /** The decision rule, in words (e.g. "one-sided sign test, α = 0.05, n = 8"). */
  readonly rule: string;
  /** One line: the evidence and the verdict, e.g. "NC1 < 0.05 in 8/8 seeds (P ≤ 0.004)". */
  readonly summary: string;
  /** Set when the rule could not decide (then `holds` is false), with the reason. */
  readonly inconclusive?: string;
}

export interface DecisionOptions {
  /**
   * The verdict the test asserts: `true` (default) for a claim test, `false` for a control test,
   * which asserts that the check fails on the control. The step is marked passed when
   * `holds === expected`, failed otherwise, and broken when the decision is inconclusive: an
   * undecided rule is not a failing check, so a control test should assert
   * `!d.holds && d.inconclusive === undefined`.
   */
  readonly expected?: boolean;
}

function verdictWord(decision: DecisionLike): string {
  if (decision.holds) return "holds";
  return decision.inconclusive === undefined ? "does not hold" : `inconclusive: ${decision.inconclusive}`;
}

function stepStatus(decision: DecisionLike, expected: boolean): Status {
  if (decision.inconclusive !== undefined) return Status.BROKEN;
  return decision.holds === expected ? Status.PASSED : Status.FAILED;
}

/** Longest `verdict: …` parameter value; longer verdict lines end in "…". */
export const VERDICT_PARAMETER_CHARS = 90;

function clipText(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/** The verdict line shown as parameter value (clipped) and step name. Pure. */
export function verdictText(decision: DecisionLike, expected = true): string {
  const verdict = verdictWord(decision);
  const asExpected =
    decision.inconclusive !== undefined ? "undecided" : decision.holds === expected ? "as asserted" : "NOT as asserted";
  return `${verdict} (${asExpected}${expected ? "" : ": control"}) — ${decision.summary}`;
}

/**
 * Attaches `decision` as JSON named `decision: <label>`, records parameter `verdict: <label>`,
 * and logs a step `<label>: <verdict> — rule: <rule>` that is passed when the verdict is the
 * asserted one (see `DecisionOptions.expected`). A no-op outside a vitest test. Returns `decision.holds`.
 * @example expect(await attachDecision("NC1 at the end", decideBelow(nc1, 0.05))).toBe(true);
 */
export async function attachDecision<D extends DecisionLike>(
  label: string,
  decision: D,
  options: DecisionOptions = {},
): Promise<boolean> {
  const expected = options.expected ?? true;
  if (allureActive()) {
    await attachJson(`decision: ${label}`, summariseDecision(decision));
    // The parameter is a one-line verdict (the decision's full summary is in its JSON and step): every
    // parameter is repeated in the report's search index.
    await parameter(`verdict: ${label}`, clipText(verdictText(decision, expected), VERDICT_PARAMETER_CHARS), { excluded: true });
    await logStep(
      `${label}: ${verdictWord(decision)} — rule: ${decision.rule}`,
      stepStatus(decision, expected),
    );
  }
  return decision.holds;
}
