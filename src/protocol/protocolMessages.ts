/**
 * The messages of the trainer protocol, version 1 (`docs/trainer-protocol.md`; machine-readable
 * form: `docs/trainer-protocol.schema.json`). One JSON object per line on the trainer's stdin
 * (suite → trainer: `train`, `shutdown`) and stdout (trainer → suite: `hello`, `progress`,
 * `result`, `error`). Paths are relative to the request directory `dir`.
 */

/** The protocol version this suite speaks. */
export const PROTOCOL_VERSION = 1;

/** `aligned`: the suite's initial weights and batch order; `free`: the trainer's own, seeded from `seed`. */
export type TrainerMode = "free" | "aligned";

export const TRAINER_MODES: readonly TrainerMode[] = ["free", "aligned"];

/** trainer → suite, first line, once. */
export interface HelloMessage {
  readonly type: "hello";
  readonly protocol: number;
  /** The implementation's name in reports, e.g. "pytorch 1.13.1 (cpu, 1 thread)". */
  readonly name: string;
  readonly modes: readonly TrainerMode[];
}

/** The architecture as sent: an MLP, or a CNN with every stride explicit. */
export type ProtocolArchitecture =
  | { readonly kind: "mlp"; readonly inputDim: number; readonly hidden: readonly number[]; readonly outputDim: number; readonly normalization: "none" | "weight" }
  | {
      readonly kind: "conv";
      readonly inputShape: readonly number[];
      readonly inputChannels: number;
      readonly conv: ReadonlyArray<{ readonly kernel: number | readonly number[]; readonly stride: number | readonly number[]; readonly channels: number }>;
      readonly outputDim: number;
      readonly normalization: "none" | "weight";
    };

/** One run of a `train` request; every array is a `.npy` file relative to `dir`. */
export interface ProtocolRun {
  readonly seed: number;
  /** λ ≥ 0 (the loss adds λ Σ_k ‖W_k‖_F²). */
  readonly weightDecay: number;
  /** η > 0. */
  readonly learningRate: number;
  /** N, d, C of the run's training set. */
  readonly count: number;
  readonly dim: number;
  readonly classes: number;
  /** float32 [N, d]. */
  readonly inputs: string;
  /** int32 [N]. */
  readonly labels: string;
  /** float32 [N, outputDim]. */
  readonly targets: string;
  /** float32 [rows_k, cols_k] per layer. */
  readonly initialWeights: readonly string[];
  /** int32 [T, B], or null with `fullBatch`. */
  readonly batches: string | null;
}

/** suite → trainer: one training request. */
export interface TrainMessage {
  readonly type: "train";
  readonly protocol: number;
  readonly id: string;
  /** Absolute path of the request directory (with an empty `out/`). */
  readonly dir: string;
  readonly mode: TrainerMode;
  readonly architecture: ProtocolArchitecture;
  readonly layers: ReadonlyArray<{ readonly rows: number; readonly cols: number }>;
  readonly batchSize: number;
  readonly fullBatch: boolean;
  readonly steps: number;
  /** Sorted, distinct, with 0 and `steps`. */
  readonly recordAt: readonly number[];
  readonly divergenceFactor: number;
  /** float64 [T]: m(t). */
  readonly schedule: string;
  readonly runs: readonly ProtocolRun[];
}

/** trainer → suite: optional progress of a request. */
export interface ProgressMessage {
  readonly type: "progress";
  readonly id: string;
  readonly done: number;
  readonly total: number;
}

/** One run of a `result`. */
export interface ResultRun {
  readonly status: "ok" | "diverged";
  readonly reason?: string;
  /** `recordAt`, or a prefix of it for a diverged run. */
  readonly steps: readonly number[];
  /** Square loss per snapshot; null when not finite. */
  readonly losses: ReadonlyArray<number | null>;
  /** float32 [K, rows_k, cols_k] per layer, under `out/`. */
  readonly weights: readonly string[];
}

/** trainer → suite: the answer to a request. */
export interface ResultMessage {
  readonly type: "result";
  readonly id: string;
  readonly mode: TrainerMode;
  readonly runs: readonly ResultRun[];
  readonly timing?: { readonly trainSeconds?: number };
}

/** trainer → suite: the request cannot be served; the process stays up. */
export interface ErrorMessage {
  readonly type: "error";
  readonly id: string;
  readonly message: string;
}

/** suite → trainer: end the process. */
export interface ShutdownMessage {
  readonly type: "shutdown";
}

export type TrainerMessage = HelloMessage | ProgressMessage | ResultMessage | ErrorMessage;
