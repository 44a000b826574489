/**
 * What makes the benign matrix fail (`npm run reliability:benign` exits 1 on any): a run that could
 * not be made; for a benign variant, a false kill (a claim failed it, inconclusively or not) or a
 * control test that stopped passing; for a variant outside the conventions, a claim of its
 * `mustReject` that did not reject it — the suite no longer distinguishes it. The other cells of
 * an out-of-convention variant, its controls included, are reported, not judged: the conventions
 * say nothing about what the claims do with an implementation they exclude.
 */
import type { ClaimId } from "../claims/catalog.ts";
import type { BenignCell, BenignRow } from "./benignMatrix.ts";

export type BenignDefectKind = "run error" | "false kill" | "control broken" | "rejection missing";

export interface BenignMatrixDefect {
  readonly variant: string;
  readonly kind: BenignDefectKind;
  /** The claim concerned (none for a run error). */
  readonly claim?: ClaimId;
  /** One sentence naming the variant and the claim. */
  readonly message: string;
}

const NOT_REJECTED: Record<BenignCell, string> = {
  passed: "passed",
  "failed (inconclusive)": "was only inconclusive (its runs left the claim's regime, which decides nothing)",
  failed: "failed",
  "not run": "did not run",
};

/** The defects of the matrix, row by row (in row order); none means the matrix holds. */
export function benignMatrixDefects(rows: readonly BenignRow[]): BenignMatrixDefect[] {
  return rows.flatMap((r): BenignMatrixDefect[] => {
    if (r.error !== undefined) return [{ variant: r.variant, kind: "run error", message: `${r.variant}: the run could not be made: ${r.error.split("\n")[0]}` }];
    if (r.kind === "outside-conventions") {
      return r.rejections
        .filter((x) => !x.rejected)
        .map((x) => ({
          variant: r.variant,
          kind: "rejection missing",
          claim: x.claim,
          message: `the suite no longer distinguishes ${r.variant} (outside the conventions) from a correct implementation: ${x.claim} must reject it but ${NOT_REJECTED[x.cell]} — ${x.why}`,
        }));
    }
    return [
      ...r.falseKills.map((claim) => ({
        variant: r.variant,
        kind: "false kill" as const,
        claim,
        message: `${r.variant} × ${claim}: a false kill — the claim failed a benign variant${r.inconclusive.includes(claim) ? " (inconclusive: its runs left the claim's regime)" : ""}`,
      })),
      ...r.controlsBroken.map((claim) => ({ variant: r.variant, kind: "control broken" as const, claim, message: `${r.variant} × ${claim}: a control test of the claim stopped passing with a benign variant` })),
    ];
  });
}
