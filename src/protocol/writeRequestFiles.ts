/**
 * Writes the files of one `train` request into its directory and returns the message that points
 * at them (`docs/trainer-protocol.md`, "suite → trainer: train"):
 *
 *   dir/schedule.npy                 float64 [T]      m(t) = schedule(t, T), t = 0…T−1
 *   dir/runs/<s>/inputs.npy          float32 [N, d]
 *   dir/runs/<s>/labels.npy          int32   [N]
 *   dir/runs/<s>/targets.npy         float32 [N, outputDim]   (`targetsFor`)
 *   dir/runs/<s>/init_<k>.npy        float32 [rows_k, cols_k] (`initWeights(architecture, seed)`)
 *   dir/runs/<s>/batches.npy         int32   [T, B]   row t = `batchOrder(seed, N, B)`'s t-th batch
 *   dir/out/                         empty, for the answer
 *
 * `batches` is null (and `fullBatch` true) when B = N: every step then uses all samples, in the
 * reference's fixed order 0…N−1. The request must be valid (`validateRequest`).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { targetsFor } from "../data/targets.ts";
import { compileArchitecture, isConvNet, type Architecture } from "../nets/architecture.ts";
import { initWeights } from "../nets/initWeights.ts";
import { batchOrder } from "../train/batchOrder.ts";
import { constantSchedule } from "../train/schedule.ts";
import { DEFAULT_DIVERGENCE_FACTOR } from "../train/sgdTrainer.ts";
import type { TrainingRequest } from "../train/types.ts";
import { writeNpy } from "./npy.ts";
import { PROTOCOL_VERSION, type ProtocolArchitecture, type ProtocolRun, type TrainerMode, type TrainMessage } from "./protocolMessages.ts";

/** The snapshot steps of a request: sorted, distinct, with 0 and `steps`. */
export function recordSteps(request: Pick<TrainingRequest, "steps" | "recordAt">): number[] {
  return [...new Set([0, request.steps, ...(request.recordAt ?? [])])].sort((a, b) => a - b);
}

/** The architecture as the protocol sends it: `kind` always present, every stride explicit. */
export function protocolArchitecture(architecture: Architecture): ProtocolArchitecture {
  if (!isConvNet(architecture)) {
    const { inputDim, hidden, outputDim, normalization } = architecture;
    return { kind: "mlp", inputDim, hidden: [...hidden], outputDim, normalization };
  }
  const { inputShape, inputChannels, conv, outputDim, normalization } = architecture;
  return {
    kind: "conv",
    inputShape: [...inputShape],
    inputChannels,
    conv: conv.map((c) => ({ kernel: c.kernel, stride: c.stride ?? c.kernel, channels: c.channels })),
    outputDim,
    normalization,
  };
}

export interface RequestFileOptions {
  /** The request id (echoed by the trainer). */
  readonly id: string;
  readonly mode: TrainerMode;
}

export function writeRequestFiles(dir: string, request: TrainingRequest, options: RequestFileOptions): TrainMessage {
  const { architecture, steps } = request;
  const plan = compileArchitecture(architecture);
  const N = request.runs[0]!.data.count;
  const B = request.batchSize === "full" ? N : request.batchSize;
  const fullBatch = B === N;
  const schedule = request.schedule ?? constantSchedule;
  mkdirSync(join(dir, "out"), { recursive: true });
  writeNpy(join(dir, "schedule.npy"), Float64Array.from({ length: steps }, (_, t) => schedule(t, steps)), [steps]);

  const runs = request.runs.map((run, s): ProtocolRun => {
    const rel = (name: string): string => `runs/${s}/${name}`;
    mkdirSync(join(dir, "runs", String(s)), { recursive: true });
    const { data } = run;
    writeNpy(join(dir, rel("inputs.npy")), data.inputs, [N, data.dim]);
    writeNpy(join(dir, rel("labels.npy")), Int32Array.from(data.labels), [N]);
    writeNpy(join(dir, rel("targets.npy")), targetsFor(data, plan.outputDim), [N, plan.outputDim]);
    const initialWeights = initWeights(architecture, run.seed).map((w, k) => {
      writeNpy(join(dir, rel(`init_${k}.npy`)), w, [plan.layers[k]!.rows, plan.layers[k]!.cols]);
      return rel(`init_${k}.npy`);
    });
    let batches: string | null = null;
    if (!fullBatch) {
      const next = batchOrder(run.seed, N, B);
      const all = new Int32Array(steps * B);
      for (let t = 0; t < steps; t++) all.set(next(), t * B);
      writeNpy(join(dir, rel("batches.npy")), all, [steps, B]);
      batches = rel("batches.npy");
    }
    return {
      seed: run.seed,
      weightDecay: run.weightDecay,
      learningRate: run.learningRate,
      count: N,
      dim: data.dim,
      classes: data.classes,
      inputs: rel("inputs.npy"),
      labels: rel("labels.npy"),
      targets: rel("targets.npy"),
      initialWeights,
      batches,
    };
  });

  return {
    type: "train",
    protocol: PROTOCOL_VERSION,
    id: options.id,
    dir,
    mode: options.mode,
    architecture: protocolArchitecture(architecture),
    layers: plan.layers.map((l) => ({ rows: l.rows, cols: l.cols })),
    batchSize: B,
    fullBatch,
    steps,
    recordAt: recordSteps(request),
    divergenceFactor: request.divergenceFactor ?? DEFAULT_DIVERGENCE_FACTOR,
    schedule: "schedule.npy",
    runs,
  };
}
