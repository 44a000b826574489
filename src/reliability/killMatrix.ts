/**
 * The mutation kill matrix: for each mutant, which claims' tests fail with it in place ("kill"
 * it), and how. A claim **kills** a mutant when one of its claim tests failed with outcome `fail`
 * — a check decided against the prediction; it kills it **inconclusively only** when every claim
 * test of it that failed was `inconclusive` — the runs left the claim's regime (did not
 * interpolate, diverged) and nothing was decided. Only the first is a robust kill: an inconclusive
 * result says "did not train as the claim presumes", which an unlucky seed or a slower but correct
 * implementation can produce too (see the benign matrix). A mutant **survives** when every claim
 * still passes, and is **not robustly killed** when some claim failed but none decided against it.
 */
import type { ClaimId } from "../claims/catalog.ts";
import { MUTANTS } from "../implementation/mutants.ts";
import type { MutantRecord } from "./records.ts";
import type { ClaimRunVerdict, TestOutcome } from "./testOutcomes.ts";

export type Cell = "killed" | "killed (inconclusive)" | "survived" | "not run";

export interface KillRow {
  readonly mutant: string;
  readonly name: string;
  readonly kind: "trainer" | "metric";
  /** Per claim: whether and how its tests killed the mutant. */
  readonly cells: Readonly<Partial<Record<ClaimId, Cell>>>;
  /** Claims with a failing claim test, either way (catalogue order). */
  readonly killedBy: readonly ClaimId[];
  /** Of those, the claims with a claim test that failed outright: the robust kills. */
  readonly robustlyKilledBy: readonly ClaimId[];
  /** Of those, the claims whose failing claim tests were all inconclusive (runs left the regime). */
  readonly inconclusiveOnly: readonly ClaimId[];
  /** Claims whose *control* test stopped passing with the mutant (shown, not a kill). */
  readonly controlsBroken: readonly ClaimId[];
}

/**
 * How a claim's verdict in a mutant's run kills it, from the outcomes of its failing claim tests
 * (`failures`); a record without per-test outcomes for the claim falls back on the verdict's
 * `inconclusive` flag (which was derived from the same outcomes).
 */
export function killCell(verdict: ClaimRunVerdict, failures: readonly TestOutcome[]): Cell {
  if (verdict.claimPassed) return "survived";
  const failed = failures.filter((f) => f.claim === verdict.claim && !f.control && f.outcome !== "pass" && f.outcome !== "skipped");
  if (failed.length === 0) return verdict.inconclusive ? "killed (inconclusive)" : "killed";
  return failed.some((f) => f.outcome === "fail") ? "killed" : "killed (inconclusive)";
}

/** The rows of the matrix, in the order of `MUTANTS`, for the mutants that were run. */
export function killMatrix(records: readonly MutantRecord[]): KillRow[] {
  return MUTANTS.flatMap((m) => {
    const record = records.find((r) => r.mutant === m.id);
    if (record === undefined) return [];
    const cells: Partial<Record<ClaimId, Cell>> = {};
    for (const v of record.verdicts) cells[v.claim] = killCell(v, record.failures);
    const claims = record.verdicts.map((v) => v.claim);
    return [
      {
        mutant: m.id,
        name: m.name,
        kind: m.kind,
        cells,
        killedBy: claims.filter((c) => cells[c] === "killed" || cells[c] === "killed (inconclusive)"),
        robustlyKilledBy: claims.filter((c) => cells[c] === "killed"),
        inconclusiveOnly: claims.filter((c) => cells[c] === "killed (inconclusive)"),
        controlsBroken: record.verdicts.filter((v) => !v.controlsPassed).map((v) => v.claim),
      },
    ];
  });
}

/** The mutants no claim killed, in any way (empty when the suite catches every defect). */
export function survivors(rows: readonly KillRow[]): string[] {
  return rows.filter((r) => r.killedBy.length === 0).map((r) => r.mutant);
}

/** The mutants some claim killed but none robustly: every kill was a run that left the regime. */
export function notRobustlyKilled(rows: readonly KillRow[]): string[] {
  return rows.filter((r) => r.killedBy.length > 0 && r.robustlyKilledBy.length === 0).map((r) => r.mutant);
}

/** Every (mutant, claim) cell killed only by inconclusive results, in matrix order. */
export function inconclusiveOnlyKills(rows: readonly KillRow[]): Array<{ mutant: string; claim: ClaimId }> {
  return rows.flatMap((r) => r.inconclusiveOnly.map((claim) => ({ mutant: r.mutant, claim })));
}
