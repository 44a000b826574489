/**
 * The reference trainer: minibatch SGD (or full-batch GD) on the square loss with weight decay
 * and optional weight normalisation, for bias-free ReLU MLPs and local-kernel CNNs, with all runs of a request trained
 * together in one set of tensor ops (weights stacked on a leading run axis, batched matrix
 * products). Runs never interact: the loss is a sum of per-run losses.
 *
 * One step, for run s with learning rate η_s m(t) and weight decay λ_s (`weightDecay.ts`):
 * - plain:   W_k ← W_k − η (∇_{W_k} L_S̃ + 2λ W_k)
 * - weight-normalised (W_k = g_k V_k/‖V_k‖_F):
 *            g_k ← g_k − η (∂L_S̃/∂g_k + 2λ g_k),   V_k ← V_k − η ∇_{V_k} L_S̃,   V_k ← V_k/‖V_k‖_F.
 *   The gradient through V/‖V‖ is the projection of ∇_W onto the tangent space of the unit
 *   sphere, and renormalising after each step keeps ‖V_k‖_F = 1 exactly — the projected
 *   (Lagrange-multiplier) form of the paper's dynamics, so ρ_k = g_k at every step.
 *
 * L_S̃ is the minibatch square loss (1/B) Σ_{n∈S̃} ‖f_W(x_n) − y_n‖² (sum over outputs).
 * The host is consulted only at snapshots; between them nothing is read back from the device.
 *
 * How a step is computed (`docs/performance.md`): the minibatch is gathered on the host (by a wasm
 * kernel from a copy of the data set, on the wasm steps), ∇_W L by
 * a hand-written backward pass (`squareLossGradients.ts`), each layer's update by
 * `parameterSteps.ts`; on the wasm backend whole steps run as wasm kernels (`wasmSteps.ts`) whose
 * engine (`engine.ts`) is by default `wasm-exact` — the float32 operations of the TF.js kernels they replace,
 * the numbers of plain TF.js ops bit for bit — or, opt-in where the runtime has a fused relaxed_madd,
 * `wasm-fma`: the layer products with fused multiply-adds (deterministic on the machine, within
 * float32 rounding of the TF.js ops: `FMA_ENGINE_TOLERANCE`).
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend.ts";
import { targetsFor } from "../data/targets.ts";
import { initWeights } from "../nets/initWeights.ts";
import { compileArchitecture } from "../nets/architecture.ts";
import { batchOrder } from "./batchOrder.ts";
import { type DeviceLayer, deviceLayers, disposeDeviceLayers, layerForward } from "./deviceLayers.ts";
import { plainStep, weightNormStep } from "./parameterSteps.ts";
import { constantSchedule } from "./schedule.ts";
import { squareLossGradients } from "./squareLossGradients.ts";
import type { RunStatus, Snapshot, TrainedRun, Trainer, TrainingRequest } from "./types.ts";
import { validateRequest } from "./validateRequest.ts";
import type { WasmEngine } from "./engine.ts";
import { createWasmSteps, type WasmSteps } from "./wasmSteps.ts";
import { decayCoefficient } from "./weightDecay.ts";
import { DEFAULT_DIVERGENCE_FACTOR, divergenceReason } from "./divergenceReason.ts";

/** Default divergence threshold: loss above 1000 × max(1, initial loss) (`divergenceReason.ts`). */
export { DEFAULT_DIVERGENCE_FACTOR };

/** Options of {@link sgdTrainer}. */
export interface SgdTrainerOptions {
  /** Name in reports (default "sgd"). */
  readonly name?: string;
  /**
   * Train only the last layer; every earlier layer keeps its initial weights (a random-features
   * model). A control: with no feature learning, the penultimate features cannot collapse.
   */
  readonly trainOnlyLastLayer?: boolean;
  /**
   * On the wasm backend, run whole steps in the trainer's wasm memory (`wasmSteps.ts`; default
   * true). `false` runs every step as TF.js ops — the numbers of the `wasm-exact` engine bit for
   * bit, only slower; for the tests that check exactly that, and the bench's "before".
   */
  readonly wasmSteps?: boolean;
  /**
   * The wasm steps' arithmetic (`engine.ts`): `wasm-fma` (fused multiply-adds in the products,
   * where the runtime has them fused) or `wasm-exact` (the TF.js ops' float32 operations); default
   * `defaultWasmEngine()`.
   */
  readonly engine?: WasmEngine;
}

interface Params {
  /** Plain: W_k; weight-normalised: V_k (unit Frobenius norm per run). Shape [S, out, in]. */
  readonly mats: tf.Tensor3D[];
  /** Weight-normalised only: g_k, shape [S, 1, 1]. */
  readonly scales: tf.Tensor3D[];
}

function stackRuns(perRun: Float32Array[], shape: [number, number]): tf.Tensor3D {
  const size = shape[0] * shape[1];
  const all = new Float32Array(perRun.length * size);
  perRun.forEach((w, s) => all.set(w, s * size));
  return tf.tensor3d(all, [perRun.length, shape[0], shape[1]]);
}

function frobeniusPerRun(m: tf.Tensor3D): tf.Tensor3D {
  return tf.sqrt(tf.sum(tf.square(m), [1, 2], true)) as tf.Tensor3D;
}

/**
 * Effective weights W_k [S, out, in] from the parameters. Under weight normalisation W = g V/‖V‖_F
 * is evaluated where the trainer keeps it, at ‖V‖_F = 1: W = g V (its gradient: `parameterSteps.ts`).
 */
function effectiveWeights(params: Params, normalized: boolean): tf.Tensor3D[] {
  if (!normalized) return params.mats;
  return params.mats.map((v, k) => tf.mul(params.scales[k]!, v) as tf.Tensor3D);
}

/** Per-run mean square loss [S] of inputs x [S, M, d] against targets y [S, M, C]. */
function perRunLoss(weights: tf.Tensor3D[], x: tf.Tensor3D, y: tf.Tensor3D, layers: readonly DeviceLayer[]): tf.Tensor1D {
  let h: tf.Tensor3D = x;
  weights.forEach((w, k) => {
    const { z } = layerForward(layers[k]!, h, w);
    h = k < weights.length - 1 ? (tf.relu(z) as tf.Tensor3D) : z;
  });
  return tf.div(tf.sum(tf.squaredDifference(h, y), [1, 2]), x.shape[1]) as tf.Tensor1D;
}

/** The reference trainer (see the module comment). */
export function sgdTrainer(options: SgdTrainerOptions = {}): Trainer {
  const frozen = options.trainOnlyLastLayer === true;
  return {
    name: options.name ?? (frozen ? "sgd, last layer only" : "sgd"),
    train: (request) => trainBatched(request, frozen, options.wasmSteps ?? true, options.engine),
  };
}

async function trainBatched(request: TrainingRequest, onlyLast: boolean, wholeSteps: boolean, engine: WasmEngine | undefined): Promise<TrainedRun[]> {
  validateRequest(request);
  await initBackend();
  const { architecture, runs, steps } = request;
  const normalized = architecture.normalization === "weight";
  const plan = compileArchitecture(architecture);
  const shapes = plan.layers.map((l): [number, number] => [l.rows, l.cols]);
  const depth = plan.layers.length;
  const S = runs.length;
  const N = runs[0]!.data.count;
  const d = plan.inputSize;
  const C = plan.outputDim;
  const B = request.batchSize === "full" ? N : request.batchSize;
  const schedule = request.schedule ?? constantSchedule;
  const factor = request.divergenceFactor ?? DEFAULT_DIVERGENCE_FACTOR;
  const recordSet = new Set([0, steps, ...(request.recordAt ?? [])]);

  const xHost = new Float32Array(S * N * d);
  const yHost = new Float32Array(S * N * C);
  runs.forEach((run, s) => {
    xHost.set(run.data.inputs, s * N * d);
    yHost.set(targetsFor(run.data, C), s * N * C);
  });
  const xAll = tf.tensor3d(xHost, [S, N, d]);
  const yAll = tf.tensor3d(yHost, [S, N, C]);
  const layers = deviceLayers(plan.layers);
  const etaHost = Float32Array.from(runs, (r) => r.learningRate);
  const eta = tf.tensor3d(etaHost, [S, 1, 1]);
  const decay = tf.tensor3d(runs.map((r) => decayCoefficient(r.weightDecay)), [S, 1, 1]);
  const rates = learningRates(eta, etaHost);
  // Layers below `from` keep their initial weights (a frozen layer's tensor is carried over as is).
  const from = onlyLast ? depth - 1 : 0;

  const initial = runs.map((r) => initWeights(architecture, r.seed));
  let params: Params = tf.tidy(() => {
    const mats = shapes.map((shape, k) => stackRuns(initial.map((w) => w[k]!), shape));
    if (!normalized) return { mats, scales: [] };
    const scales = mats.map((m) => frobeniusPerRun(m));
    return { mats: mats.map((m, k) => tf.div(m, scales[k]!) as tf.Tensor3D), scales };
  });

  const orders = runs.map((r) => batchOrder(r.seed, N, B));
  const status: RunStatus[] = runs.map(() => "ok");
  const reasons: Array<string | undefined> = runs.map(() => undefined);
  const snapshots: Snapshot[][] = runs.map(() => []);
  const initialLoss: number[] = [];

  // On the wasm backend whole steps run in the trainer's own wasm memory (`wasmSteps.ts`), with the
  // same float32 operations as the TF.js ops below; elsewhere the steps are TF.js ops.
  const fused: WasmSteps | undefined =
    wholeSteps && tf.getBackend() === "wasm" ? createWasmSteps(plan.layers, { runs: S, samples: B, normalized, from, ...(B < N ? { dataRows: N } : {}), ...(engine === undefined ? {} : { engine }) }) : undefined;
  if (fused !== undefined) {
    fused.setParameters(params.mats.map((m) => m.dataSync() as Float32Array), params.scales.map((g) => g.dataSync() as Float32Array));
    tf.dispose([...params.mats, ...params.scales]);
    params = { mats: [], scales: [] };
    fused.setRates(etaHost, Float32Array.from(runs, (r) => decayCoefficient(r.weightDecay)));
    if (B === N) {
      fused.inputs.set(xHost);
      fused.targets.set(yHost);
    } else {
      fused.setData(xHost, yHost);
    }
  }
  let fusedM: number | undefined = 1;

  const snapshot = (step: number): void => {
    // The losses as the TF.js ops below compute them, in the trainer's wasm (`WasmSteps.losses`);
    // outside `tf.tidy`, which would walk the returned arrays element by element.
    const [weightsHost, lossHost] = fused !== undefined ? [fused.effectiveWeights(), fused.losses(xHost, yHost, N)] : tf.tidy(() => {
      const ws = effectiveWeights(params, normalized);
      return [ws.map((w) => w.dataSync() as Float32Array), perRunLoss(ws, xAll, yAll, layers).dataSync() as Float32Array];
    });
    runs.forEach((_, s) => {
      if (status[s] !== "ok") return;
      const loss = lossHost[s]!;
      if (step === 0) initialLoss[s] = loss;
      const reason = divergenceReason(loss, initialLoss[s]!, step, factor);
      if (reason !== undefined) {
        status[s] = "diverged";
        reasons[s] = reason;
        return;
      }
      const weights = shapes.map(([o, i], k) => weightsHost[k]!.slice(s * o * i, (s + 1) * o * i));
      snapshots[s]!.push({ step, loss, weights });
    });
    request.onProgress?.(step, steps);
  };

  /**
   * The minibatch of step t, gathered on the host (the indices are drawn there anyway) and
   * uploaded as two tensors: inputs [S, B, d] and targets [S, B, C], row n of run s being sample
   * order_s(t)[n] of run s. Fresh arrays each step: a backend may keep the array it is given.
   */
  const gather = (xb: Float32Array, yb: Float32Array): void => {
    for (let s = 0; s < S; s++) {
      const batch = orders[s]!();
      for (let i = 0; i < B; i++) {
        const n = s * N + batch[i]!;
        const row = s * B + i;
        // element loops, not set(subarray(…)): no allocation per row (a step gathers S·B rows)
        for (let j = 0, from = n * d, to = row * d; j < d; j++) xb[to + j] = xHost[from + j]!;
        for (let j = 0, from = n * C, to = row * C; j < C; j++) yb[to + j] = yHost[from + j]!;
      }
    }
  };
  const nextBatch = (s: number): Int32Array => orders[s]!();
  const minibatch = (): [tf.Tensor3D, tf.Tensor3D] => {
    const xb = new Float32Array(S * B * d);
    const yb = new Float32Array(S * B * C);
    gather(xb, yb);
    return [tf.tensor3d(xb, [S, B, d]), tf.tensor3d(yb, [S, B, C])];
  };

  try {
    for (let t = 0; t < steps; t++) {
      if (recordSet.has(t)) {
        snapshot(t);
        if (status.every((st) => st !== "ok")) break;
      }
      if (fused !== undefined) {
        const m = schedule(t, steps);
        if (m !== fusedM) {
          fused.setRates(hostRates(etaHost, m), Float32Array.from(runs, (r) => decayCoefficient(r.weightDecay)));
          fusedM = m;
        }
        if (B < N) fused.gatherBatch(nextBatch);
        fused.step();
        continue;
      }
      const lr = rates(schedule(t, steps));
      const next = tf.tidy(() => {
        const [xb, yb] = B < N ? minibatch() : [xAll, yAll];
        const grads = squareLossGradients(effectiveWeights(params, normalized), xb, yb, layers, { from });
        if (!normalized) return { mats: params.mats.map((w, k) => (k < from ? w : plainStep(w, grads[k]!, lr, decay))), scales: [] as tf.Tensor3D[] };
        const mats: tf.Tensor3D[] = [];
        const scales: tf.Tensor3D[] = [];
        params.mats.forEach((v, k) => {
          const g = params.scales[k]!;
          const [nextV, nextG] = k < from ? [v, g] : weightNormStep(v, g, grads[k]!, lr, decay);
          mats.push(nextV);
          scales.push(nextG);
        });
        return { mats, scales };
      });
      const kept = new Set([...next.mats, ...next.scales]);
      tf.dispose([...params.mats, ...params.scales].filter((p) => !kept.has(p)));
      params = next;
    }
    if (status.some((st) => st === "ok")) snapshot(steps);
  } finally {
    tf.dispose([...params.mats, ...params.scales, xAll, yAll, eta, decay]);
    rates.dispose();
    disposeDeviceLayers(layers);
  }

  return runs.map((spec, s) => ({
    spec,
    status: status[s]!,
    ...(reasons[s] === undefined ? {} : { reason: reasons[s] }),
    snapshots: snapshots[s]!,
  }));
}

/** The per-run learning rates η_s m(t) on the host, as {@link learningRates} computes them. */
function hostRates(etaHost: Float32Array, m: number): Float32Array {
  if (m === 1) return etaHost;
  const mf = Math.fround(m);
  return etaHost.map((e) => Math.fround(e * mf));
}

/**
 * The per-run learning rates η_s m(t) as a [S, 1, 1] tensor, for a schedule multiplier m: η itself
 * for m = 1, else fl32(fl32(η_s) · fl32(m)) computed on the host — the float64 product of two
 * float32 numbers is exact, so its rounding equals the float32 product a `Multiply` kernel
 * computes. The tensor of the latest m is kept until m changes (a schedule is piecewise constant
 * or changes only during warm-up).
 */
function learningRates(eta: tf.Tensor3D, etaHost: Float32Array): ((m: number) => tf.Tensor3D) & { dispose(): void } {
  let cached: { m: number; lr: tf.Tensor3D } | undefined;
  const rates = (m: number): tf.Tensor3D => {
    if (m === 1) return eta;
    if (cached?.m !== m) {
      cached?.lr.dispose();
      const mf = Math.fround(m);
      cached = { m, lr: tf.tensor3d(etaHost.map((e) => Math.fround(e * mf)), eta.shape) };
    }
    return cached.lr;
  };
  return Object.assign(rates, { dispose: () => cached?.lr.dispose() });
}
