/**
 * The null-space experiment (CLAIMS D1): plain bias-free ReLU MLPs (weight decay on W_1 itself)
 * trained on inputs that span a proper subspace of ℝ^d (N < d), by full-batch GD and by SGD, with
 * a snapshot at every step. Measured: the part of the first layer orthogonal to `span{x_n}`,
 *
 *   W⊥_t = W_{1,t} (I − Q Qᵀ),   Q = spanBasis(inputs),
 *
 * whose norm the claim predicts exactly: every first-layer gradient `Σ_n δ_n x_nᵀ` has rows in
 * `span{x_n}` (for any minibatch), so the step `W ← W − η(∇L + 2λW)` acts on W⊥ as
 * `W⊥ ← (1 − 2ηλ) W⊥`, and `‖W⊥_t‖ = (1 − 2ηλ)^t ‖W⊥_0‖`.
 *
 * Each run has a λ = 0 twin (same seed, data, η, batches): the prediction for the twin is a
 * constant ‖W⊥‖, and checked against its partner's λ it must fail (the control).
 */
import { activeTrainer } from "../../implementation/activeImplementation.ts";
import { Matrix } from "ml-matrix";
import type { MixtureFields } from "../../data/mixtureTrainingSets.ts";
import { seededTrainingSets } from "../../harness/runSeeds.ts";
import { orthogonalComponent, spanBasis } from "../../linalg/index.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import type { RunSpec, TrainedRun, Trainer } from "../../train/types.ts";
import type { OutputView } from "../../data/outputView.ts";

/** D1's training steps (a snapshot at every step; not scaled by the profile). */
export const D1_STEPS = 200;

/**
 * What D1's configurations are drawn from (specs/duality.spec.ts): N = C · perClass samples (C = 2
 * binary, `oneHotClasses` one-hot) in d = min(maxDim, N + extraDim) > N dimensions (a proper
 * subspace), `hiddenLayers` hidden layers of widths in `width`, `runs` runs with λ log-uniform in
 * `lambda` and η uniform in `learningRate` (so 2ηλT spans 0.02 … 4 over T = 200 steps: curves from
 * nearly flat to a 50-fold decay), SGD with 1 ≤ B < N, well separated mixtures.
 */
export const D1_CONFIGURATIONS = {
  oneHotClasses: 3,
  perClass: [3, 5],
  extraDim: [4, 24],
  maxDim: 40,
  width: [8, 24],
  hiddenLayers: [1, 3],
  lambda: [5e-3, 0.1],
  learningRate: [0.01, 0.05],
  runs: 3,
  separation: 2,
  noise: 1,
} as const;

/**
 * One generated configuration: an architecture, a Gaussian mixture (`MixtureFields`; C = 2 for the
 * binary view) with N = C · perClass < d, and several (λ, η) runs; run i uses `deriveSeed(seed, "run/i")`.
 */
export interface NullSpaceConfig extends MixtureFields {
  readonly view: OutputView;
  readonly hidden: readonly number[];
  /** The runs: λ > 0 and η of each (each also trained with λ = 0 as its control twin). */
  readonly runs: ReadonlyArray<{ readonly weightDecay: number; readonly learningRate: number }>;
  /** Minibatch size B < N of the SGD request (the GD request uses the full batch). */
  readonly batchSize: number;
  /** Steps T (a snapshot at every step). */
  readonly steps: number;
  readonly seed: number;
}

/** ‖W⊥_t‖ over training, with what D1 predicts and how far float32 may move it. */
export interface NullSpaceCurve {
  readonly steps: readonly number[];
  /** ‖W⊥_t‖_F / ‖W⊥_0‖_F. */
  readonly ratio: readonly number[];
  /** ‖W_{1,t}‖_F (for the tolerance and the report). */
  readonly firstLayerNorm: readonly number[];
  /** ‖W_{1,t+1} − W_{1,t}‖_F (last entry 0). */
  readonly stepNorm: readonly number[];
  /** ‖W⊥_0‖_F. */
  readonly initialOrthogonalNorm: number;
  /** Dimension of span{x_n} (= N for generic data) and d. */
  readonly spanRank: number;
  readonly dim: number;
}

export interface NullSpaceRun {
  readonly seed: number;
  /** The λ and η the run was trained with. */
  readonly weightDecay: number;
  readonly learningRate: number;
  /** Minibatch size used (N for GD). */
  readonly batchSize: number;
  readonly status: TrainedRun["status"];
  readonly reason?: string;
  readonly curve: NullSpaceCurve;
  readonly finalLoss: number;
}

export interface NullSpaceResult {
  readonly config: NullSpaceConfig;
  readonly trainer: string;
  /** Per optimiser: the λ > 0 runs (config order) and their λ = 0 twins (same order). */
  readonly gd: { readonly decayed: readonly NullSpaceRun[]; readonly twins: readonly NullSpaceRun[] };
  readonly sgd: { readonly decayed: readonly NullSpaceRun[]; readonly twins: readonly NullSpaceRun[] };
}

export interface NullSpaceOptions {
  readonly trainer?: Trainer;
}

/** The plain (un-normalised) bias-free ReLU MLP of a configuration (D1's and D2's: `stationaryArchitecture`); one output for the binary view. */
export function nullSpaceArchitecture(config: Pick<NullSpaceConfig, "dim" | "hidden" | "view" | "classes">): MlpConfig {
  return {
    inputDim: config.dim,
    hidden: config.hidden,
    outputDim: config.view === "binary" ? 1 : config.classes,
    normalization: "none",
  };
}

/** Measures ‖W⊥_t‖ of one trained run at every snapshot (pure). */
export function measureNullSpaceRun(run: TrainedRun, architecture: MlpConfig, batchSize: number): NullSpaceRun {
  const x = inputMatrix(run.spec.data);
  const q = spanBasis(x);
  const firsts: Matrix[] = run.snapshots.map((s) => weightMatrices(s.weights, architecture)[0]!);
  const perp = firsts.map((w) => orthogonalComponent(w, q).norm());
  const initialOrthogonalNorm = perp[0]!;
  const curve: NullSpaceCurve = {
    steps: run.snapshots.map((s) => s.step),
    ratio: perp.map((p) => p / initialOrthogonalNorm),
    firstLayerNorm: firsts.map((w) => w.norm()),
    stepNorm: firsts.map((w, i) => (i + 1 < firsts.length ? firsts[i + 1]!.clone().sub(w).norm() : 0)),
    initialOrthogonalNorm,
    spanRank: q.columns,
    dim: x.columns,
  };
  return {
    seed: run.spec.seed,
    weightDecay: run.spec.weightDecay,
    learningRate: run.spec.learningRate,
    batchSize,
    status: run.status,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    curve,
    finalLoss: run.snapshots.at(-1)?.loss ?? Number.NaN,
  };
}

/**
 * Trains the configuration's runs and their λ = 0 twins by GD and by SGD (two batched requests)
 * and measures the null-space curves.
 * @example const { gd, sgd } = await runNullSpaceExperiment(config); gd.decayed[0].curve.ratio.at(-1)
 */
export async function runNullSpaceExperiment(config: NullSpaceConfig, options: NullSpaceOptions = {}): Promise<NullSpaceResult> {
  const trainer = options.trainer ?? (await activeTrainer());
  const n = config.classes * config.perClass;
  if (!(n < config.dim)) {
    throw new Error(`NullSpaceConfig: N = ${n} samples in d = ${config.dim}; expected N < d (span{x_n} a proper subspace)`);
  }
  if (!(config.batchSize >= 1 && config.batchSize < n)) {
    throw new Error(`NullSpaceConfig.batchSize = ${config.batchSize}; expected 1 ≤ B < N = ${n} (the SGD request)`);
  }
  const architecture = nullSpaceArchitecture(config);
  const { seeds, data } = seededTrainingSets({ ...config, seeds: config.runs.length });
  const specs: RunSpec[] = config.runs.map((r, i) => ({ seed: seeds[i]!, data: data[i]!, weightDecay: r.weightDecay, learningRate: r.learningRate }));
  const runs: RunSpec[] = [...specs, ...specs.map((s) => ({ ...s, weightDecay: 0 }))];
  const recordAt = Array.from({ length: config.steps + 1 }, (_, t) => t);
  const train = async (batchSize: number | "full") => {
    const trained = await trainer.train({ architecture, runs, batchSize, steps: config.steps, recordAt });
    const measured = trained.map((r) => measureNullSpaceRun(r, architecture, batchSize === "full" ? n : batchSize));
    return { decayed: measured.slice(0, specs.length), twins: measured.slice(specs.length) };
  };
  const gd = await train("full");
  const sgd = await train(config.batchSize);
  return { config, trainer: trainer.name, gd, sgd };
}
