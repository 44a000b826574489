/**
 * Labels the current test's Allure result with the claim it checks.
 */
import { description, epic, feature, label, story, tag } from "allure-js-commons";
import { claimById, type Claim, type ClaimId } from "../claims/catalog.ts";
import { allureActive } from "./allureActive.ts";
import { CLAIM_LABEL, CONTROL_TAG, EPIC } from "./conventions.ts";

export interface ClaimMeta {
  /** The claim this test checks (catalogue id). */
  readonly claim: ClaimId;
  /**
   * `true` for a control test: it runs the claim's control and asserts that the check *fails*
   * there. Tagged `control`; a claim is "held" only when its controls pass too.
   */
  readonly control?: boolean;
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
  const parts = [
    `**${claimHeading(c)}** (${c.family})${c.derived ? " · *derived in CLAIMS.md*" : ""}`,
    c.statement,
    `**Source.** ${c.source}`,
    `**Decision rule.** ${meta.rule}`,
  ];
  if (meta.control === true) {
    parts.push(
      `**This is a control test.** Control: ${c.control}${c.controlStated ? "" : " *(control not stated in CLAIMS.md; chosen by this suite)*"} ` +
        "The test asserts that the check above **fails** on the control: it passes when the check tells the claim " +
        "from the control, and fails when the check cannot.",
    );
  } else {
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
 * - tag `control`: the result is a control test;
 * - parameter `key measurement` (set with `reportKeyMeasurement`): the value printed next to the
 *   claim's verdict in the terminal summary.
 *
 * @example await labelClaim({ claim: "NC1", rule: "NC1 < 0.05 at the end in ≥ 4/5 seeds" });
 * @throws Error for an id that is not in the catalogue (from `claimById`).
 */
export async function labelClaim(meta: ClaimMeta): Promise<void> {
  const c = claimById(meta.claim);
  const text = claimDescription(meta);
  if (!allureActive()) return;
  await epic(EPIC);
  await feature(c.family);
  await story(claimHeading(c));
  await label(CLAIM_LABEL, c.id);
  if (meta.control === true) await tag(CONTROL_TAG);
  await description(text);
}
