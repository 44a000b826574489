/**
 * The false-failure rates of every claim, family by family: each family's record
 * (`fixtures/reliability/flake/<family>.json`) with its commit and date, its claims' rates
 * (`flakeRates`), and whether the record still describes the tree — `current` when its
 * fingerprint is the family's fingerprint now, `stale` when not, `missing` for a family with no
 * record. Only current records are judged (specs/reliability.spec.ts).
 */
import { flakeRates, type FlakeRate } from "./flakeRates.ts";
import type { FamilyRecordState } from "./flakePlan.ts";
import type { FamilyFlakeRecord } from "./records.ts";

export interface FamilyFlakeSummary {
  readonly family: string;
  readonly specFile: string;
  readonly state: FamilyRecordState;
  /** The family's fingerprint in the tree (when known). */
  readonly currentFingerprint?: string;
  /** The record (absent when `missing`). */
  readonly record?: FamilyFlakeRecord;
  /** Per claim of the family (catalogue order); empty when `missing`. */
  readonly rates: readonly FlakeRate[];
}

/**
 * One summary per family: the records' families in record order, then the families of `current`
 * with no record. Without `current`, every record is taken as current.
 * @param current family → its fingerprint in the tree, and spec file (`claimFamilies(root)`).
 */
export function familyFlakeRates(
  records: readonly FamilyFlakeRecord[],
  current?: ReadonlyArray<{ readonly family: string; readonly specFile: string; readonly fingerprint: string }>,
): FamilyFlakeSummary[] {
  const summaries: FamilyFlakeSummary[] = records.map((record) => {
    const now = current?.find((c) => c.family === record.family);
    const state: FamilyRecordState = current === undefined || now?.fingerprint === record.fingerprint ? "current" : "stale";
    return { family: record.family, specFile: record.specFile, state, ...(now === undefined ? {} : { currentFingerprint: now.fingerprint }), record, rates: flakeRates(record.streams) };
  });
  for (const c of current ?? []) {
    if (!records.some((r) => r.family === c.family)) summaries.push({ family: c.family, specFile: c.specFile, state: "missing", currentFingerprint: c.fingerprint, rates: [] });
  }
  return summaries;
}
