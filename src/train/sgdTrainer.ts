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
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../backend.ts";
import { targetsFor } from "../data/targets.ts";
import { initWeights } from "../nets/initWeights.ts";
import { compileArchitecture, type LayerPlan } from "../nets/architecture.ts";
import { batchOrder } from "./batchOrder.ts";
import { constantSchedule } from "./schedule.ts";
import type { RunStatus, Snapshot, TrainedRun, Trainer, TrainingRequest } from "./types.ts";
import { validateRequest } from "./validateRequest.ts";
import { decayCoefficient } from "./weightDecay.ts";

/** Default divergence threshold: loss above 1000 × max(1, initial loss). */
export const DEFAULT_DIVERGENCE_FACTOR = 1e3;

/** Options of {@link sgdTrainer}. */
export interface SgdTrainerOptions {
  /** Name in reports (default "sgd"). */
  readonly name?: string;
  /**
   * Train only the last layer; every earlier layer keeps its initial weights (a random-features
   * model). A control: with no feature learning, the penultimate features cannot collapse.
   */
  readonly trainOnlyLastLayer?: boolean;
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

/** Effective weights W_k [S, out, in] from the parameters. */
/**
 * W = g V/‖V‖_F evaluated where the trainer keeps it, at ‖V‖_F = 1: value g V, and the exact
 * derivatives of g V/‖V‖ there — ∂/∂V = g (∇_W − ⟨∇_W, V⟩ V) (the tangent projection),
 * ∂/∂g = ⟨∇_W, V⟩ — in 6 ops instead of the ~17 of differentiating the norm.
 * `v [S, r, c]` (unit Frobenius norm per run), `g [S, 1, 1]`.
 */
const scaledDirection = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [v, g, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([v, g]);
  return {
    value: tf.mul(g, v) as tf.Tensor3D,
    gradFunc: (dw: tf.Tensor3D, saved: tf.Tensor[]) => {
      const [vs, gs] = saved as [tf.Tensor3D, tf.Tensor3D];
      const radial = tf.sum(tf.mul(dw, vs), [1, 2], true);
      return [tf.mul(gs, tf.sub(dw, tf.mul(radial, vs))), radial];
    },
  };
}) as unknown as (v: tf.Tensor3D, g: tf.Tensor3D) => tf.Tensor3D;

function effectiveWeights(params: Params, normalized: boolean): tf.Tensor3D[] {
  if (!normalized) return params.mats;
  return params.mats.map((v, k) => scaledDirection(v, params.scales[k]!));
}

/**
 * A layer of the plan on the device. A local (conv) layer gathers its patches with a constant 0/1
 * selection matrix `sel [P_out·k, P_in]` (row j·k + o picks input position table[j·k + o]), so
 * that its gradient is a matrix product too: the wasm backend has no kernel for the gradient of
 * `gather` (UnsortedSegmentSum) nor for the filter gradient of `conv2d`.
 */
interface DeviceLayer {
  readonly plan: LayerPlan;
  readonly sel?: tf.Tensor2D;
}

function deviceLayers(plans: readonly LayerPlan[]): DeviceLayer[] {
  return plans.map((plan) => {
    if (plan.kind !== "local") return { plan };
    const sel = new Float32Array(plan.positionsOut * plan.taps * plan.positionsIn);
    plan.table.forEach((p, r) => {
      sel[r * plan.positionsIn + p] = 1;
    });
    return { plan, sel: tf.tensor2d(sel, [plan.positionsOut * plan.taps, plan.positionsIn]) };
  });
}

/**
 * `h wᵀ` for h [S, M, n], w [S, r, n], with a gradient that uses only products of the forms
 * `a bᵀ` and `aᵀ b`. TF.js's own gradient for the input is `dy · w` (no transpose), and on the wasm
 * backend that product takes another kernel path for batch 1 than for batch ≥ 2, whose float32
 * results differ in the last bits — enough for SGD to amplify into different trajectories. With
 * this gradient a run trains bit-for-bit the same alone or batched with others (tested).
 */
const linear = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [h, w, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([h, w]);
  return {
    value: tf.matMul(h, w, false, true) as tf.Tensor3D,
    gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
      const [hs, ws] = saved as [tf.Tensor3D, tf.Tensor3D];
      return [tf.matMul(dy, tf.transpose(ws, [0, 2, 1]), false, true), tf.matMul(dy, hs, true, false)];
    },
  };
}) as unknown as (h: tf.Tensor3D, w: tf.Tensor3D) => tf.Tensor3D;

/** Pre-activation of one layer: h [S, M, inputSize], w [S, rows, cols] → [S, M, outputSize]. */
function applyLayer(h: tf.Tensor3D, w: tf.Tensor3D, layer: DeviceLayer): tf.Tensor3D {
  const { plan } = layer;
  if (plan.kind !== "local") return linear(h, w);
  const [S, M] = h.shape as [number, number, number];
  const { positionsIn, positionsOut, taps, channelsIn, channelsOut } = plan;
  // [S, M, P_in·c] → [P_in, S·M·c] → patches [P_out·k, S·M·c] → [S·M, P_out·k, c] → [S, M·P_out, k·c]
  const byPosition = h.reshape([S * M, positionsIn, channelsIn]).transpose([1, 0, 2]).reshape([positionsIn, S * M * channelsIn]);
  const picked = tf.matMul(layer.sel!, byPosition as tf.Tensor2D);
  const patches = picked
    .reshape([positionsOut * taps, S * M, channelsIn])
    .transpose([1, 0, 2])
    .reshape([S, M * positionsOut, taps * channelsIn]) as tf.Tensor3D;
  return linear(patches, w).reshape([S, M, positionsOut * channelsOut]) as tf.Tensor3D;
}

/** Per-run mean square loss [S] of inputs x [S, M, d] against targets y [S, M, C]. */
function perRunLoss(weights: tf.Tensor3D[], x: tf.Tensor3D, y: tf.Tensor3D, layers: readonly DeviceLayer[]): tf.Tensor1D {
  let h: tf.Tensor3D = x;
  weights.forEach((w, k) => {
    const z = applyLayer(h, w, layers[k]!);
    h = k < weights.length - 1 ? (tf.relu(z) as tf.Tensor3D) : z;
  });
  return tf.div(tf.sum(tf.squaredDifference(h, y), [1, 2]), x.shape[1]) as tf.Tensor1D;
}

/** The reference trainer (see the module comment). */
export function sgdTrainer(options: SgdTrainerOptions = {}): Trainer {
  const frozen = options.trainOnlyLastLayer === true;
  return {
    name: options.name ?? (frozen ? "sgd, last layer only" : "sgd"),
    train: (request) => trainBatched(request, frozen),
  };
}

async function trainBatched(request: TrainingRequest, onlyLast: boolean): Promise<TrainedRun[]> {
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
  const xFlat = tf.tensor2d(xHost, [S * N, d]);
  const yFlat = tf.tensor2d(yHost, [S * N, C]);
  const xAll = xFlat.reshape([S, N, d]) as tf.Tensor3D;
  const yAll = yFlat.reshape([S, N, C]) as tf.Tensor3D;
  const layers = deviceLayers(plan.layers);
  const eta = tf.tensor3d(runs.map((r) => r.learningRate), [S, 1, 1]);
  const decay = tf.tensor3d(runs.map((r) => decayCoefficient(r.weightDecay)), [S, 1, 1]);

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
  const idxHost = new Int32Array(S * B);
  const offsets = Array.from({ length: S }, (_, s) => s * N);

  const snapshot = (step: number): void => {
    const [weightsHost, lossHost] = tf.tidy(() => {
      const ws = effectiveWeights(params, normalized);
      return [ws.map((w) => w.dataSync() as Float32Array), perRunLoss(ws, xAll, yAll, layers).dataSync() as Float32Array];
    });
    runs.forEach((_, s) => {
      if (status[s] !== "ok") return;
      const loss = lossHost[s]!;
      if (step === 0) initialLoss[s] = loss;
      const limit = factor * Math.max(1, initialLoss[s]!);
      if (!Number.isFinite(loss) || loss > limit) {
        status[s] = "diverged";
        reasons[s] = Number.isFinite(loss)
          ? `loss ${loss.toPrecision(4)} at step ${step} exceeds ${factor} × max(1, initial loss ${initialLoss[s]!.toPrecision(4)})`
          : `loss is ${loss} at step ${step}`;
        return;
      }
      const weights = shapes.map(([o, i], k) => weightsHost[k]!.slice(s * o * i, (s + 1) * o * i));
      snapshots[s]!.push({ step, loss, weights });
    });
    request.onProgress?.(step, steps);
  };

  const lossOf = (xb: tf.Tensor3D, yb: tf.Tensor3D) => (...flat: tf.Tensor[]) => {
    const p: Params = normalized
      ? { mats: flat.slice(0, depth) as tf.Tensor3D[], scales: flat.slice(depth) as tf.Tensor3D[] }
      : { mats: flat as tf.Tensor3D[], scales: [] };
    return tf.sum(perRunLoss(effectiveWeights(p, normalized), xb, yb, layers)) as tf.Scalar;
  };

  try {
    for (let t = 0; t < steps; t++) {
      if (recordSet.has(t)) {
        snapshot(t);
        if (status.every((st) => st !== "ok")) break;
      }
      let xb = xAll;
      let yb = yAll;
      const next = tf.tidy(() => {
        if (B < N) {
          runs.forEach((_, s) => {
            const batch = orders[s]!();
            for (let i = 0; i < B; i++) idxHost[s * B + i] = batch[i]! + offsets[s]!;
          });
          const idx = tf.tensor1d(idxHost, "int32");
          xb = tf.gather(xFlat, idx).reshape([S, B, d]) as tf.Tensor3D;
          yb = tf.gather(yFlat, idx).reshape([S, B, C]) as tf.Tensor3D;
        }
        const m = schedule(t, steps);
        const lr = m === 1 ? eta : tf.mul(eta, m);
        const flat = [...params.mats, ...params.scales];
        const grads = tf.grads(lossOf(xb, yb))(flat);
        // A frozen layer's tensor is carried over as a copy (tidy disposes nothing it returns).
        const frozen = (k: number) => onlyLast && k < depth - 1;
        if (!normalized) {
          const mats = params.mats.map((w, k) =>
            frozen(k) ? w.clone() : (tf.sub(w, tf.mul(lr, tf.add(grads[k]!, tf.mul(decay, w)))) as tf.Tensor3D),
          );
          return { mats, scales: [] };
        }
        const mats = params.mats.map((v, k) => {
          if (frozen(k)) return v.clone();
          const stepped = tf.sub(v, tf.mul(lr, grads[k]!)) as tf.Tensor3D;
          return tf.div(stepped, frobeniusPerRun(stepped)) as tf.Tensor3D;
        });
        const scales = params.scales.map((g, k) =>
          frozen(k) ? g.clone() : (tf.sub(g, tf.mul(lr, tf.add(grads[depth + k]!, tf.mul(decay, g)))) as tf.Tensor3D),
        );
        return { mats, scales };
      });
      tf.dispose([...params.mats, ...params.scales]);
      params = next;
    }
    if (status.some((st) => st === "ok")) snapshot(steps);
  } finally {
    tf.dispose([...params.mats, ...params.scales, xFlat, yFlat, xAll, yAll, eta, decay]);
    tf.dispose(layers.flatMap((l) => (l.sel === undefined ? [] : [l.sel])));
  }

  return runs.map((spec, s) => ({
    spec,
    status: status[s]!,
    ...(reasons[s] === undefined ? {} : { reason: reasons[s] }),
    snapshots: snapshots[s]!,
  }));
}
