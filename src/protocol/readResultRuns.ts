/**
 * Turns the runs of a trainer's `result` into the suite's `TrainedRun`s, checking each run on its
 * own (a bad run affects only that run; `docs/trainer-protocol.md`, "Faults are verdicts"):
 *
 * - `status` "ok" | "diverged"; `steps` = `recordAt` (ok) or a prefix of it (diverged);
 *   `losses` one number (or null) per step; `weights` one path per layer, each a float32 `.npy`
 *   of shape `[K, rows_k, cols_k]` with K = steps.length. A violation makes the run diverged with
 *   no snapshots and a reason starting "trainer fault: ".
 * - Then the suite's own divergence rule, exactly as `sgdTrainer`'s: at each snapshot, a
 *   non-finite loss or weight, or a loss above `divergenceFactor · max(1, loss at step 0)`, makes
 *   the run diverged from that snapshot on (earlier snapshots kept).
 * - A run the trainer itself reports diverged (and that passes the rule) keeps its snapshots
 *   with the reason "trainer: <its reason>".
 */
import { divergenceReason } from "../train/divergenceReason.ts";
import { join } from "node:path";
import type { Snapshot, TrainedRun, TrainingRequest } from "../train/types.ts";
import { readNpy } from "./npy.ts";
import type { ResultMessage, TrainMessage } from "./protocolMessages.ts";

/** The run of request `spec` marked diverged with `reason` and no snapshots. */
export function faultedRun(spec: TrainingRequest["runs"][number], reason: string): TrainedRun {
  return { spec, status: "diverged", reason, snapshots: [] };
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? "missing" : text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function isPrefix(steps: readonly number[], of: readonly number[]): boolean {
  return steps.length <= of.length && steps.every((t, i) => t === of[i]);
}

/**
 * Reads and checks result run `index` (see the module comment).
 */
function readRun(dir: string, request: TrainingRequest, message: TrainMessage, run: unknown, index: number): TrainedRun {
  const spec = request.runs[index]!;
  const at = `result.runs[${index}]`;
  const fault = (what: string): TrainedRun => faultedRun(spec, `trainer fault: ${at}${what}`);
  if (run === null || typeof run !== "object" || Array.isArray(run)) return fault(` is ${show(run)}; expected { status, steps, losses, weights }`);
  const r = run as Record<string, unknown>;
  if (r.status !== "ok" && r.status !== "diverged") return fault(`.status is ${show(r.status)}; expected "ok" or "diverged"`);
  const { recordAt, layers, divergenceFactor } = message;
  const steps = r.steps;
  if (!Array.isArray(steps) || steps.some((t) => !Number.isSafeInteger(t))) return fault(`.steps is ${show(steps)}; expected an array of integer steps`);
  if (r.status === "ok" ? !(steps.length === recordAt.length && isPrefix(steps, recordAt)) : !isPrefix(steps, recordAt)) {
    return fault(`.steps is ${show(steps)} (status ${r.status}); expected recordAt ${show(recordAt)}${r.status === "ok" ? "" : " or a prefix of it"}`);
  }
  const losses = r.losses;
  if (!Array.isArray(losses) || losses.length !== steps.length || losses.some((l) => l !== null && typeof l !== "number")) {
    return fault(`.losses is ${show(losses)}; expected ${steps.length} numbers (or null when not finite), one per step`);
  }
  const files = r.weights;
  if (!Array.isArray(files) || files.length !== layers.length || files.some((f) => typeof f !== "string")) {
    return fault(`.weights is ${show(files)}; expected ${layers.length} paths (one .npy per layer)`);
  }
  const K = steps.length;
  const weights: Float32Array[] = [];
  for (let k = 0; k < layers.length; k++) {
    const { rows, cols } = layers[k]!;
    let array;
    try {
      array = readNpy(join(dir, files[k] as string));
    } catch (error) {
      return fault(`.weights[${k}] ${show(files[k])}: ${(error as Error).message}`);
    }
    if (array.dtype !== "<f4") return fault(`.weights[${k}] ${show(files[k])} has dtype '${array.dtype}'; expected '<f4' (float32)`);
    const expected = [K, rows, cols];
    if (array.shape.length !== 3 || array.shape.some((n, i) => n !== expected[i])) {
      return fault(`.weights[${k}] ${show(files[k])} has shape [${array.shape.join(", ")}]; expected [K = ${K} snapshots, ${rows}, ${cols}]`);
    }
    weights.push(array.data as Float32Array);
  }

  const snapshots: Snapshot[] = [];
  let initialLoss = Number.NaN;
  for (let i = 0; i < K; i++) {
    const step = steps[i] as number;
    const raw = losses[i] as number | null;
    const loss = raw ?? Number.NaN;
    if (i === 0) initialLoss = loss;
    const diverged = (reason: string): TrainedRun => ({ spec, status: "diverged", reason, snapshots });
    if (raw === null) return diverged(`loss is null (not finite) at step ${step}`);
    const reason = divergenceReason(loss, initialLoss, step, divergenceFactor);
    if (reason !== undefined) return diverged(reason);
    const snapshotWeights = layers.map(({ rows, cols }, k) => weights[k]!.slice(i * rows * cols, (i + 1) * rows * cols));
    const bad = snapshotWeights.findIndex((w) => w.some((x) => !Number.isFinite(x)));
    if (bad >= 0) return diverged(`weights of layer ${bad} are not finite at step ${step}`);
    snapshots.push({ step, loss, weights: snapshotWeights });
  }
  if (r.status === "diverged") {
    const reason = typeof r.reason === "string" && r.reason !== "" ? r.reason : "diverged (no reason given)";
    return { spec, status: "diverged", reason: `trainer: ${reason}`, snapshots };
  }
  return { spec, status: "ok", snapshots };
}

/**
 * The `TrainedRun`s of `result` (one per request run, in order; the caller has checked the count)
 * read from request directory `dir`.
 */
export function readResultRuns(dir: string, request: TrainingRequest, message: TrainMessage, result: ResultMessage): TrainedRun[] {
  return request.runs.map((_, i) => readRun(dir, request, message, result.runs[i], i));
}
