/**
 * Names shared by the report helpers (which write Allure results) and `summary.ts` (which reads
 * them back for `npm run verify`). Change them in one place only.
 */

/** Allure `epic` of every claim result. */
export const EPIC = "Xu et al. 2023 — Dynamics in Deep Classifiers trained with the Square Loss";

/** Custom Allure label carrying the claim id (`ClaimId`). */
export const CLAIM_LABEL = "claim";

/** Allure `tag` marking a control test: one that asserts the check *fails* on the control. */
export const CONTROL_TAG = "control";

/**
 * Parameter holding a result's key measurement: one short, human-readable value (with its
 * comparison to the threshold) that `npm run verify` prints next to the verdict, e.g.
 * `"NC1 = 0.012 (< 0.05)"`. At most one per result; set it with `reportKeyMeasurement`.
 */
export const KEY_MEASUREMENT_PARAMETER = "key measurement";

/** Custom Allure label carrying the statement of the claim a result checks (`ClaimStatement.key`). */
export const STATEMENT_LABEL = "statement";

/**
 * Allure `tag` of a pinned finding: a test that asserts a finding against the paper — the effect
 * is absent under a rule of stated power ("not reproduced"), or the check also passes on its
 * control ("inconclusive") — so a change that makes the effect appear fails it.
 */
export const FINDING_TAG = "finding";
