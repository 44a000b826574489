/**
 * Sentence-level claims by id: for every catalogue claim, the paper's sentence and the statements
 * the suite checks (the fields are documented in `claimTypes.ts`; the entries live with their
 * family, `src/families/<family>/<family>Claims.ts`).
 *
 * How results are assigned to statements: a spec labels a test with `statement: <key>` through
 * `labelClaim`; a test without one checks the claim's `primary` statement. A statement whose
 * expected verdict is "not reproduced" or "inconclusive" is checked by a *pinned finding* test
 * (tag `finding`): it asserts the finding itself — the effect is absent under a rule whose power is
 * stated, or the check passes on its control too — so a change that makes the paper's effect appear
 * fails it, and verify reports the verdict change.
 */
import { CATALOG } from "./catalog.ts";
import type { ClaimId } from "./claimIds.ts";
import type { SentenceLevelClaim } from "./claimTypes.ts";

export type { ClaimStatement, PaperSentence, SentenceLevelClaim } from "./claimTypes.ts";

export const SENTENCE_LEVEL: Readonly<Record<ClaimId, SentenceLevelClaim>> = Object.fromEntries(
  CATALOG.map((c) => [c.id, { paper: c.paper, statements: c.statements }]),
) as Record<ClaimId, SentenceLevelClaim>;
