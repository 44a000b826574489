/**
 * The one vocabulary of verdicts, used by the catalogue (expected verdicts), `npm run verify`, the
 * CLI (`list`, `run`), the report (categories, landing page, overview) and the docs.
 *
 * A verdict belongs to a *statement* of a claim (see `ClaimStatement` in `statements.ts`): the
 * paper's sentence *as stated*, or *as refined* where the suite had to re-state it to test it.
 */

/** A statement's verdict. */
export type StatementVerdict = "held" | "not reproduced" | "inconclusive" | "not specified";

/** Every verdict, in the order tables count them. */
export const STATEMENT_VERDICTS: readonly StatementVerdict[] = ["held", "not reproduced", "inconclusive", "not specified"];

/** Whether a statement is the paper's sentence as it stands, or the suite's re-statement of it. */
export type StatementKind = "as stated" | "as refined";

/** What each verdict means, in one sentence each (README, report, `theorem-spec list`). */
export const VERDICT_MEANINGS: Readonly<Record<StatementVerdict, string>> = {
  held:
    "the statement's tests passed inside the regime the theory assumes, and so did its controls (the same check fails where the claim should not hold)",
  "not reproduced":
    "tested inside the theorem's regime with a rule whose power is stated (the effect the paper implies would have been detected), and it was not found; a pinned test asserts the finding, so a change that makes it reproduce is flagged",
  inconclusive:
    "the test cannot decide: a run diverged or left the regime, or the check also passes on its control (it does not discriminate)",
  "not specified": "the suite does not decide this statement (no measurable content, or measured and reported without a rule); the reason is given",
};

/**
 * `"held as refined"`, `"not reproduced as stated"`: a verdict with the kind of statement it is
 * about, as every table writes it.
 * @example verdictWithKind("held", "as refined") // "held as refined"
 */
export function verdictWithKind(verdict: StatementVerdict, kind: StatementKind): string {
  return `${verdict} ${kind}`;
}
