/**
 * Labels the current test's Allure result with the claim it checks.
 */
import { description, epic, feature, label, story, tag } from "allure-js-commons";
import { claimById, primaryStatement, statementOf, type Claim, type ClaimId } from "../claims/catalog.ts";
import { allureActive } from "./allureActive.ts";
import { CLAIM_LABEL, CONTROL_TAG, EPIC, FINDING_TAG, STATEMENT_LABEL } from "./conventions.ts";

export interface ClaimMeta {
  /** The claim this test checks (catalogue id). */
  readonly claim: ClaimId;
  /**
   * `true` for a control test: it runs the claim's control and asserts that the check *fails*
   * there. Tagged `control`; a claim is "held" only when its controls pass too.
   */
  readonly control?: boolean;
  /**
   * The statement of the claim this test checks (`ClaimStatement.key` in `src/claims/statements.ts`,
   * e.g. `"as stated"`); default: the claim's primary statement.
   */
  readonly statement?: string;
  /**
   * `true` for a pinned finding: the test asserts a finding against the paper (the effect is absent
   * under a rule of stated power, or the check passes on its control too). Tagged `finding`.
   */
  readonly finding?: boolean;
  /** The decision rule the test applies, in words, e.g. "NC1 < 0.05 in ≥ 4 of 5 seeds (α = 0.05)". */
  readonly rule: string;
  /** Further Markdown for the description: regime, parametrisation, deviations from the paper. */
  readonly extra?: string;
}

/**
 * The claim's heading in the report tree (its Allure `story`): `"<id> — <title>"`, or the title
 * alone when it already starts with the id (`"NC1: within-class variability collapses"`), so
 * every claim node of the tree names its id. Pure.
 * @example claimHeading(claimById("D1")) // "D1 — Null-space decay of the first layer"
 */
export function claimHeading(c: Pick<Claim, "id" | "title">): string {
  return c.title.startsWith(`${c.id}:`) || c.title.startsWith(`${c.id} `) ? c.title : `${c.id} — ${c.title}`;
}

/**
 * The Markdown description `labelClaim` sets: statement, source, decision rule, control. Pure.
 * @example claimDescription({ claim: "D1", rule: "‖W⊥_t‖ matches (1 − 2ηλ)^t ‖W⊥_0‖ to 1e-4" })
 */
export function claimDescription(meta: ClaimMeta): string {
  const c = claimById(meta.claim);
  const s = meta.statement === undefined ? primaryStatement(c) : statementOf(c, meta.statement);
  const parts = [
    `**${claimHeading(c)}** (${c.family})${c.derived ? " · *derived in CLAIMS.md*" : ""}`,
    `**The paper** (${c.paper.section}): ${c.paper.quoted ? `“${c.paper.text}”` : `${c.paper.text} *(paraphrased)*`}`,
    `**Statement checked — ${s.key}** (expected verdict: *${s.expected}*): ${s.text}`,
    ...(s.why === undefined ? [] : [`**Why.** ${s.why}`]),
    ...(s.power === undefined ? [] : [`**Power of the rule.** ${s.power}`]),
    // The full CLAIMS.md statement on the claim's own tests; controls and pinned findings, which repeat it on every result, point to it.
    meta.control === true || meta.finding === true ? "**CLAIMS.md.** the working statement is in the description of the claim's tests." : `**CLAIMS.md.** ${c.statement}`,
    `**Source.** ${c.source}`,
    `**Decision rule.** ${meta.rule}`,
  ];
  if (meta.finding === true) {
    parts.push(
      "**This is a pinned finding.** The test asserts the finding above — it passes while the paper's effect stays absent " +
        "(or the check keeps passing on its control) and fails when that changes, so `npm run verify` reports the verdict change.",
    );
  }
  if (meta.control === true) {
    parts.push(
      `**This is a control test.** Control: ${c.control}${c.controlStated ? "" : " *(control not stated in CLAIMS.md; chosen by this suite)*"} ` +
        "The test asserts that the check above **fails** on the control: it passes when the check tells the claim " +
        "from the control, and fails when the check cannot.",
    );
  } else if (meta.finding !== true) {
    parts.push(`**Control** (a separate test tagged \`${CONTROL_TAG}\`): ${c.control}`);
  }
  if (meta.extra !== undefined && meta.extra.trim() !== "") parts.push(meta.extra);
  return parts.join("\n\n");
}

/**
 * Sets the Allure labels of the current test from the claim catalogue:
 * epic = the paper, feature = the claim family, story = `claimHeading` (id and title), label `claim` = the id,
 * tag `control` for a control test, and a Markdown description (statement, source, decision rule,
 * control). A no-op outside a vitest test.
 *
 * Conventions that `npm run verify` reads back (see `src/report/summary.ts`):
 * - label `claim`: which catalogue claim a result belongs to (required for it to count);
 * - label `statement`: which of the claim's statements it checks (default: the primary one);
 * - tag `finding`: a pinned finding (asserts a non-reproduction or a non-discriminating check);
 * - tag `control`: the result is a control test;
 * - parameter `key measurement` (set with `reportKeyMeasurement`): the value printed next to the
 *   claim's verdict in the terminal summary.
 *
 * @example await labelClaim({ claim: "NC1", rule: "NC1 < 0.05 at the end in ≥ 4/5 seeds" });
 * @throws Error for an id that is not in the catalogue (from `claimById`).
 */
export async function labelClaim(meta: ClaimMeta): Promise<void> {
  const c = claimById(meta.claim);
  const s = meta.statement === undefined ? primaryStatement(c) : statementOf(c, meta.statement);
  const text = claimDescription(meta);
  if (!allureActive()) return;
  await epic(EPIC);
  await feature(c.family);
  await story(claimHeading(c));
  await label(CLAIM_LABEL, c.id);
  await label(STATEMENT_LABEL, s.key);
  if (meta.control === true) await tag(CONTROL_TAG);
  if (meta.finding === true) await tag(FINDING_TAG);
  await description(text);
}
