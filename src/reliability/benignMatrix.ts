/**
 * The benign matrix (issue #18): for each variant (src/reliability/matrixVariants.ts), which claims
 * passed through it. A **benign** variant must pass every claim: a claim that fails it is a false
 * kill — a defect of the suite, or a finding about what the claim as stated requires. A variant
 * **outside the conventions** must be rejected by the claims it names (`mustReject`); its other
 * cells are reported, not judged. Cells distinguish a failed check from a run outside the claim's
 * regime (inconclusive), as the kill matrix does; only a failed check counts as a rejection.
 * Control tests that stopped passing are shown. What is a defect: benignMatrixDefects.ts.
 */
import type { ClaimId } from "../claims/catalog.ts";
import { MATRIX_VARIANTS } from "./matrixVariants.ts";
import type { BenignRecord } from "./records.ts";
import type { ExpectedRejection, TrainerVariant } from "./trainerVariant.ts";

export type BenignCell = "passed" | "failed" | "failed (inconclusive)" | "not run";

/** A claim that must reject an out-of-convention variant, with what it did. */
export interface RejectionResult extends ExpectedRejection {
  readonly cell: BenignCell;
  /** The claim's check failed (cell `failed`): inconclusive runs decide nothing, so they do not count. */
  readonly rejected: boolean;
}

export interface BenignRow {
  readonly variant: string;
  readonly name: string;
  /** The variant's kind in the current list; an id in no list is judged as benign (the strict reading). */
  readonly kind: TrainerVariant["kind"];
  /** Per claim: did its claim tests pass through the variant. */
  readonly cells: Readonly<Partial<Record<ClaimId, BenignCell>>>;
  /** Claims whose claim tests failed, in catalogue order. */
  readonly failed: readonly ClaimId[];
  /** Of those, the ones where every failure was inconclusive (the runs left the claim's regime). */
  readonly inconclusive: readonly ClaimId[];
  /** Benign rows: the failed claims (false kills). Empty outside the conventions, where failures are reported, not judged. */
  readonly falseKills: readonly ClaimId[];
  /** Outside the conventions: each claim that must reject the variant and what it did. Empty for benign rows. */
  readonly rejections: readonly RejectionResult[];
  /** Claims whose control test stopped passing. */
  readonly controlsBroken: readonly ClaimId[];
  /** The run could not be made (trainer did not start, vitest crashed): its error. */
  readonly error?: string;
}

/** The rows of the matrix in the order of `variants` (then any unknown ids, in record order). */
export function benignMatrix(records: readonly BenignRecord[], variants: readonly TrainerVariant[] = MATRIX_VARIANTS): BenignRow[] {
  const rank = (id: string) => {
    const i = variants.findIndex((v) => v.id === id);
    return i < 0 ? variants.length : i;
  };
  const ordered = [...records].sort((a, b) => rank(a.variant) - rank(b.variant));
  return ordered.map((record) => {
    const variant = variants.find((v) => v.id === record.variant);
    const cells: Partial<Record<ClaimId, BenignCell>> = {};
    for (const v of record.verdicts) cells[v.claim] = v.claimPassed ? "passed" : v.inconclusive ? "failed (inconclusive)" : "failed";
    const failed = record.verdicts.filter((v) => !v.claimPassed);
    const outside = variant?.kind === "outside-conventions" ? variant : undefined;
    return {
      variant: record.variant,
      name: variant?.name ?? record.variant,
      kind: outside?.kind ?? "benign",
      cells,
      failed: failed.map((v) => v.claim),
      inconclusive: failed.filter((v) => v.inconclusive).map((v) => v.claim),
      falseKills: outside === undefined ? failed.map((v) => v.claim) : [],
      rejections: (outside?.mustReject ?? []).map((r) => {
        const cell = cells[r.claim] ?? "not run";
        return { ...r, cell, rejected: cell === "failed" };
      }),
      controlsBroken: record.verdicts.filter((v) => !v.controlsPassed).map((v) => v.claim),
      ...(record.error === undefined ? {} : { error: record.error }),
    };
  });
}

/** Every (benign variant, claim) pair whose claim tests failed: the false kills. */
export function falseKills(rows: readonly BenignRow[]): Array<{ variant: string; claim: ClaimId; inconclusive: boolean }> {
  return rows.flatMap((r) => r.falseKills.map((claim) => ({ variant: r.variant, claim, inconclusive: r.inconclusive.includes(claim) })));
}
