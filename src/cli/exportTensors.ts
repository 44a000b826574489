/**
 * The export's number formats: matrices as `{ shape, order: "row-major", values }` (for numpy and
 * the like), float32 data as the shortest decimals that read back to the same float32 values.
 */
import type { Snapshot } from "../train/types.ts";

/** A row-major matrix in the export's tensor format. */
export interface ExportTensor {
  readonly shape: [number, number];
  readonly order: "row-major";
  readonly values: ArrayLike<number>;
}

/**
 * A float32 array as the shortest decimals that read back to the same float32 values (9
 * significant digits), which halves the export next to the 17 digits a float64 print needs.
 */
export function float32Values(a: Float32Array): number[] {
  return Array.from(a, (x) => (Number.isFinite(x) ? Number(x.toPrecision(9)) : x));
}

/** `{ shape, order, values }` of a row-major `[rows, cols]` matrix. */
export function tensor(rows: number, cols: number, values: ArrayLike<number>): ExportTensor {
  return { shape: [rows, cols], order: "row-major", values };
}

/** The snapshots `--weights` asks for: every one (`all`) or the first and the last (`ends`). */
export function keptSnapshots<T>(snapshots: readonly T[], which: "ends" | "all"): readonly T[] {
  return which === "all" ? snapshots : snapshots.filter((_, k) => k === 0 || k === snapshots.length - 1);
}

/** A snapshot's step, loss and weights as tensors of `shapes` (`[out_k, in_k]` per layer). */
export function exportSnapshot(s: Snapshot, shapes: ReadonlyArray<readonly [number, number]>): unknown {
  return { step: s.step, loss: s.loss, weights: s.weights.map((w, k) => tensor(shapes[k]![0], shapes[k]![1], float32Values(w))) };
}

/** A training set as tensors: inputs `[N, d]` and labels. */
export function exportDataset(data: { readonly count: number; readonly dim: number; readonly classes: number; readonly inputs: Float32Array; readonly labels: Int32Array }): unknown {
  return { count: data.count, dim: data.dim, classes: data.classes, inputs: tensor(data.count, data.dim, float32Values(data.inputs)), labels: data.labels };
}

/**
 * A trained run's part of the export: its training set and the snapshots `which` asks for, as
 * tensors of `shapes`; `data` is `undefined` when the run was not captured.
 */
export function exportTrained(
  trained: { readonly spec: { readonly data: Parameters<typeof exportDataset>[0] }; readonly snapshots: readonly Snapshot[] } | undefined,
  shapes: ReadonlyArray<readonly [number, number]>,
  which: "ends" | "all",
): { data: unknown; snapshots: unknown[] } {
  return {
    data: trained === undefined ? undefined : exportDataset(trained.spec.data),
    snapshots: keptSnapshots(trained?.snapshots ?? [], which).map((s) => exportSnapshot(s, shapes)),
  };
}
