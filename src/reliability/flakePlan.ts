/**
 * What `npm run reliability:flake -- --streams N` has to run: per claim family, whether its record
 * is current (same fingerprint) and complete (streams 0 … N−1 recorded), and so which streams it
 * still needs. A family whose record ran another fingerprint is archived and measured from stream
 * 0; a current record resumes where it stopped; a family with no record starts. Each stream then
 * runs, in one child vitest, only the spec files of the families that need it.
 */
import type { FamilyFlakeRecord } from "./records.ts";

/** `current`: same fingerprint as the tree; `stale`: another fingerprint (archive it); `missing`: no record. */
export type FamilyRecordState = "current" | "stale" | "missing";

export interface FamilyPlan {
  readonly family: string;
  readonly specFile: string;
  /** The tree's fingerprint of the family. */
  readonly fingerprint: string;
  readonly state: FamilyRecordState;
  /** Streams recorded under the current fingerprint (0 when stale or missing). */
  readonly recorded: number;
  /** Stream indices still to run, ascending. */
  readonly todo: readonly number[];
}

export interface StreamRun {
  readonly stream: number;
  /** Spec files to pass to the child vitest, in family order. */
  readonly specFiles: readonly string[];
}

/** The state of a family's record against the tree's fingerprint. */
export function familyRecordState(record: FamilyFlakeRecord | undefined, fingerprint: string): FamilyRecordState {
  if (record === undefined) return "missing";
  return record.fingerprint === fingerprint ? "current" : "stale";
}

/**
 * Per family (in the order of `families`), what to run for `streams` streams.
 * @throws when `streams` is not an integer ≥ 1, or a record is filed under another family's name.
 */
export function flakePlan(
  families: ReadonlyArray<{ readonly family: string; readonly specFile: string; readonly fingerprint: string }>,
  records: readonly FamilyFlakeRecord[],
  streams: number,
): FamilyPlan[] {
  if (!Number.isSafeInteger(streams) || streams < 1) throw new Error(`flakePlan: streams is ${streams}; expected an integer ≥ 1`);
  return families.map(({ family, specFile, fingerprint }) => {
    const record = records.find((r) => r.family === family);
    if (record !== undefined && record.specFile !== specFile) throw new Error(`flakePlan: the record of ${family} is of ${record.specFile}; expected ${specFile}`);
    const state = familyRecordState(record, fingerprint);
    const have = new Set(state === "current" ? record!.streams.map((s) => s.stream) : []);
    const todo = Array.from({ length: streams }, (_, k) => k).filter((k) => !have.has(k));
    return { family, specFile, fingerprint, state, recorded: have.size, todo };
  });
}

/** The child runs of a plan: one per stream any family needs, ascending, each with the spec files of the families that need it. */
export function streamRuns(plan: readonly FamilyPlan[]): StreamRun[] {
  const streams = [...new Set(plan.flatMap((p) => p.todo))].sort((a, b) => a - b);
  return streams.map((stream) => ({ stream, specFiles: plan.filter((p) => p.todo.includes(stream)).map((p) => p.specFile) }));
}
