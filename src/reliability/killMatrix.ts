/**
 * The mutation kill matrix: for each mutant, which claims' checks fail with it in place ("kill"
 * it). A mutant survives when every claim still passes.
 */
import type { ClaimId } from "../claims/catalog.ts";
import { MUTANTS } from "../implementation/mutants.ts";
import type { MutantRecord } from "./records.ts";

export type Cell = "killed" | "killed (inconclusive)" | "survived" | "not run";

export interface KillRow {
  readonly mutant: string;
  readonly name: string;
  readonly kind: "trainer" | "metric";
  /** Per claim: whether its check killed the mutant. */
  readonly cells: Readonly<Partial<Record<ClaimId, Cell>>>;
  /** Claims whose check failed. */
  readonly killedBy: readonly ClaimId[];
  /** Claims whose *control* test stopped passing with the mutant (shown, not a kill). */
  readonly controlsBroken: readonly ClaimId[];
}

/** The rows of the matrix, in the order of `MUTANTS`, for the mutants that were run. */
export function killMatrix(records: readonly MutantRecord[]): KillRow[] {
  return MUTANTS.flatMap((m) => {
    const record = records.find((r) => r.mutant === m.id);
    if (record === undefined) return [];
    const cells: Partial<Record<ClaimId, Cell>> = {};
    for (const v of record.verdicts) cells[v.claim] = v.claimPassed ? "survived" : v.inconclusive ? "killed (inconclusive)" : "killed";
    return [
      {
        mutant: m.id,
        name: m.name,
        kind: m.kind,
        cells,
        killedBy: record.verdicts.filter((v) => !v.claimPassed).map((v) => v.claim),
        controlsBroken: record.verdicts.filter((v) => !v.controlsPassed).map((v) => v.claim),
      },
    ];
  });
}

/** The mutants no claim killed (empty when the suite catches every defect). */
export function survivors(rows: readonly KillRow[]): string[] {
  return rows.filter((r) => r.killedBy.length === 0).map((r) => r.mutant);
}
