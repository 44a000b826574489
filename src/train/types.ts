/**
 * The trainer interface: what a claim spec asks for and what it gets back. The reference
 * implementation is `sgdTrainer`; a user's own trainer, or a deliberately broken one (a mutant),
 * implements the same interface and the same claims run against it.
 *
 * Everything crossing this interface lives on the host (plain typed arrays), so measurement never
 * depends on how a trainer computes: specs measure snapshots with the pure functions of
 * `src/metrics/` and the host forward pass `forwardHost`.
 */
import type { Dataset } from "../data/dataset.ts";
import type { Architecture } from "../nets/architecture.ts";
import type { Schedule } from "./schedule.ts";

/** One independent training run: its own seed (initialisation, batch order), data and hyperparameters. */
export interface RunSpec {
  /** Seed of the initial weights (stream "init") and of the batch order (stream "batches"). */
  readonly seed: number;
  /** Training set of this run. */
  readonly data: Dataset;
  /** Weight decay λ ≥ 0 in the CLAIMS convention: the loss adds λ Σ_k ‖W_k‖_F² (see `weightDecay.ts`). */
  readonly weightDecay: number;
  /** Base learning rate η > 0 (multiplied by the schedule). */
  readonly learningRate: number;
}

/** What to train: one architecture and optimiser setting, several runs trained together. */
export interface TrainingRequest {
  /** A bias-free ReLU MLP or local-kernel CNN (`src/nets/architecture.ts`). */
  readonly architecture: Architecture;
  /** The runs; all must share the training-set size N. Trainers may batch them over a seed axis. */
  readonly runs: readonly RunSpec[];
  /** Minibatch size B (1 ≤ B ≤ N) for SGD, or `"full"` for full-batch gradient descent. */
  readonly batchSize: number | "full";
  /** Number of optimiser steps. */
  readonly steps: number;
  /** Learning-rate multiplier over training (default: constant 1). */
  readonly schedule?: Schedule;
  /** Steps at which to record a snapshot; 0 and `steps` are always recorded. */
  readonly recordAt?: readonly number[];
  /**
   * A run is declared diverged when, at a snapshot, its loss is non-finite or exceeds
   * `divergenceFactor · max(1, initial loss)` (default 1e3). Checked only at snapshots, so
   * training never syncs with the host between them.
   */
  readonly divergenceFactor?: number;
  /** Called after each snapshot with the fraction of steps done (for progress displays). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The state of one run at one step. */
export interface Snapshot {
  readonly step: number;
  /** Square loss on the run's training set, L_S(W) = (1/N) Σ_n ‖f_W(x_n) − y_n‖² (no penalty). */
  readonly loss: number;
  /** Effective weights W_k (row-major `[out_k, in_k]`); under WN, W_k = g_k V_k with ‖V_k‖_F = 1. */
  readonly weights: readonly Float32Array[];
}

export type RunStatus = "ok" | "diverged";

/** The outcome of one run. */
export interface TrainedRun {
  readonly spec: RunSpec;
  readonly status: RunStatus;
  /** Why the run diverged (absent when `status = "ok"`). */
  readonly reason?: string;
  /** Snapshots in step order; the first is step 0, the last the final step (or the last before divergence). */
  readonly snapshots: readonly Snapshot[];
}

/** A training implementation. */
export interface Trainer {
  /** Shown in reports (e.g. "sgd (tfjs)", "mutant: no weight decay"). */
  readonly name: string;
  /** Trains every run of the request; results in the order of `request.runs`. */
  train(request: TrainingRequest): Promise<TrainedRun[]>;
}
