/**
 * The per-run table the trained families print, declared as data: arm, # (the run's index in its
 * arm), seed, status (`ok`, or `diverged: <reason>`), final loss and accuracy, then the family's
 * own columns.
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
  return {
    title: spec.title,
    columns: ["arm", "#", "seed", "status", "final loss", "accuracy", ...spec.columns.map(([header]) => header)],
    rows: spec.arms.flatMap(([arm, runs], a) =>
      runs.map((r, i) => {
        const last = spec.final(r);
        const status = r.status === "ok" ? (spec.ok?.(r) ?? "ok") : `diverged: ${r.reason ?? ""}`;
        return [arm, i, r.seed, status, last?.loss ?? Number.NaN, last?.accuracy ?? Number.NaN, ...spec.columns.map(([, value]) => value(r, a))];
      }),
    ),
    note: spec.note,
  };
}
