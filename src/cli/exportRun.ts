/**
 * A measured run's record in the export, the same in every family: seed, status (with the reason
 * when the run did not finish), the family's own fields, then the run's training set and the
 * snapshots `--weights` asks for.
 */
import { exportTrained } from "./exportTensors.ts";

/**
 * `{ seed, status, reason?, ...fields, data, snapshots }`; `trained` is the captured run (its
 * data and snapshots, `undefined` when not captured), `shapes` its layers' `[out_k, in_k]`.
 * @example exportRun(run, { weightDecay: run.weightDecay }, trained, shapes, "ends")
 */
export function exportRun(
  run: { readonly seed: number; readonly status: string; readonly reason?: string },
  fields: Readonly<Record<string, unknown>>,
  trained: Parameters<typeof exportTrained>[0],
  shapes: Parameters<typeof exportTrained>[1],
  which: "ends" | "all",
): Record<string, unknown> {
  return { seed: run.seed, status: run.status, ...(run.reason === undefined ? {} : { reason: run.reason }), ...fields, ...exportTrained(trained, shapes, which) };
}
