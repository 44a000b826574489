/**
 * Tables of runs declared as data: `perRunTable` (arm, # — the run's index in its arm — then the
 * family's columns) and `runsTable`, the per-run table every trained family prints first (arm, #,
 * seed, status — `ok`, or `diverged: <reason>` — final loss and accuracy, then the family's own
 * columns).
 */
import type { MeasurementTable } from "./format.ts";

/** What the table reads of every run. */
export interface TableRun {
  readonly seed: number;
  readonly status: string;
  readonly reason?: string;
}

/** A family's own column: its header and a run's value (`arm`: the index of the run's arm in `arms`). */
export type RunColumn<R> = readonly [header: string, value: (run: R, arm: number) => string | number];

/** The mean of `values`; NaN for none. */
export const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/** The mean over `runs` of `pick` at each run's `k`-th trajectory point (runs without one left out); NaN for none. */
export function meanAt<P>(runs: ReadonlyArray<{ readonly trajectory: readonly P[] }>, k: number, pick: (point: P) => number): number {
  return mean(runs.flatMap((r) => (r.trajectory[k] === undefined ? [] : [pick(r.trajectory[k]!)])));
}

export interface PerRunTableSpec<R> {
  readonly title: string;
  /** The arms in print order, each named, with its runs. */
  readonly arms: ReadonlyArray<readonly [string, readonly R[]]>;
  readonly columns: ReadonlyArray<RunColumn<R>>;
  readonly note?: string;
}

/**
 * A table with one row per run: arm, # (the run's index in its arm), then `columns`.
 * @example perRunTable({ title: "NC1 per run", arms: [["λ > 0", runs]], columns: [["NC1", (r) => r.nc1]] })
 */
export function perRunTable<R>(spec: PerRunTableSpec<R>): MeasurementTable {
  return {
    title: spec.title,
    columns: ["arm", "#", ...spec.columns.map(([header]) => header)],
    rows: spec.arms.flatMap(([arm, runs], a) => runs.map((r, i) => [arm, i, ...spec.columns.map(([, value]) => value(r, a))])),
    ...(spec.note === undefined ? {} : { note: spec.note }),
  };
}

export interface RunsTableSpec<R extends TableRun> {
  readonly title: string;
  /** The arms in print order, each named, with its runs. */
  readonly arms: ReadonlyArray<readonly [string, readonly R[]]>;
  /** The run's last recorded point; a run without one prints NaN for loss and accuracy. */
  readonly final: (run: R) => { readonly loss: number; readonly accuracy: number } | undefined;
  /** The status cell of a run that finished (default `ok`), e.g. to flag runs outside the regime. */
  readonly ok?: (run: R) => string;
  readonly columns: ReadonlyArray<RunColumn<R>>;
  readonly note: string;
}

/** "yes" or "no", the cell of a regime test. */
export const yesNo = (b: boolean): string => (b ? "yes" : "no");

/**
 * The table of `spec`'s runs, one row per run.
 * @example runsTable({ title: "Runs", arms: [["λ > 0", runs]], final: (r) => r.trajectory.at(-1), columns: [["in regime", (r) => yesNo(inRegime(r))]], note: "" })
 */
export function runsTable<R extends TableRun>(spec: RunsTableSpec<R>): MeasurementTable {
  const status = (r: R) => (r.status === "ok" ? (spec.ok?.(r) ?? "ok") : `diverged: ${r.reason ?? ""}`);
  const standard: ReadonlyArray<RunColumn<R>> = [
    ["seed", (r) => r.seed],
    ["status", status],
    ["final loss", (r) => spec.final(r)?.loss ?? Number.NaN],
    ["accuracy", (r) => spec.final(r)?.accuracy ?? Number.NaN],
  ];
  return perRunTable({ title: spec.title, arms: spec.arms, columns: [...standard, ...spec.columns], note: spec.note });
}
