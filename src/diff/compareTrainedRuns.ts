/**
 * The gap between two trainings of the same runs at the same snapshot steps (a differential run:
 * the reference trainer and an external one, both in aligned mode).
 */
import type { TrainedRun } from "../train/types.ts";

/** The gap of one run at one snapshot step. */
export interface StepGap {
  readonly step: number;
  /** max over layers k of ‖W^ext_k − W^ref_k‖_F / ‖W^ref_k‖_F. */
  readonly weightGap: number;
  /** Per layer, the same relative gap. */
  readonly layerGaps: readonly number[];
  /** |L^ext − L^ref| / L^ref (square loss on the training set). */
  readonly lossGap: number;
}

export interface RunGap {
  /** Both trainings ended `ok` with the same snapshot steps. */
  readonly comparable: boolean;
  /** Why not, when not comparable. */
  readonly reason?: string;
  readonly steps: readonly StepGap[];
}

function frobenius(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

/** ‖a − b‖_F / ‖b‖_F in float64 (0 when both are 0). */
export function relativeGap(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`relativeGap: arrays of ${a.length} and ${b.length} entries; expected equal lengths`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d += (a[i]! - b[i]!) ** 2;
  const nb = frobenius(b);
  if (nb === 0) return d === 0 ? 0 : Infinity;
  return Math.sqrt(d) / nb;
}

/** Compares an external training of a run with the reference's (snapshots at the same steps). */
export function compareTrainedRuns(external: TrainedRun, reference: TrainedRun): RunGap {
  if (reference.status !== "ok") return { comparable: false, reason: `the reference diverged (${reference.reason ?? "no reason"})`, steps: [] };
  if (external.status !== "ok") return { comparable: false, reason: `the external trainer's run diverged (${external.reason ?? "no reason"})`, steps: [] };
  const refSteps = reference.snapshots.map((s) => s.step).join(",");
  const extSteps = external.snapshots.map((s) => s.step).join(",");
  if (refSteps !== extSteps) return { comparable: false, reason: `snapshot steps differ: external [${extSteps}], reference [${refSteps}]`, steps: [] };
  const steps = reference.snapshots.map((ref, i): StepGap => {
    const ext = external.snapshots[i]!;
    if (ext.weights.length !== ref.weights.length) {
      throw new Error(`compareTrainedRuns: step ${ref.step}: ${ext.weights.length} layers, reference ${ref.weights.length}; expected equal`);
    }
    const layerGaps = ref.weights.map((w, k) => relativeGap(ext.weights[k]!, w));
    return { step: ref.step, weightGap: Math.max(...layerGaps), layerGaps, lossGap: Math.abs(ext.loss - ref.loss) / Math.max(Math.abs(ref.loss), Number.MIN_VALUE) };
  });
  return { comparable: true, steps };
}

/**
 * Per layer, the reference's relative change per step ‖W_{s+1} − W_s‖_F / ‖W_s‖_F for consecutive
 * snapshots s, s + 1 from step 0 on (stops at the first gap in the steps).
 */
export function relativeStepSizes(reference: TrainedRun): number[][] {
  const snaps = reference.snapshots;
  const depth = snaps[0]?.weights.length ?? 0;
  const out: number[][] = Array.from({ length: depth }, () => []);
  for (let i = 0; i + 1 < snaps.length && snaps[i]!.step === i && snaps[i + 1]!.step === i + 1; i++) {
    for (let k = 0; k < depth; k++) out[k]!.push(relativeGap(snaps[i + 1]!.weights[k]!, snaps[i]!.weights[k]!));
  }
  return out;
}
