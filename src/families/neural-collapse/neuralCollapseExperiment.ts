/**
 * The neural-collapse experiment: data → nets → train → measure, for one configuration and
 * several seeds, in three arms that share data and initialisation seed by seed:
 *
 * - `wd`     — SGD + weight decay λ + weight normalisation on the square loss (the theorem's setting);
 * - `noWd`   — the same with λ = 0 (CLAIMS NC-WD);
 * - `frozen` — the `wd` setting with only the last layer trained (a random-features control:
 *              no feature learning, so the penultimate features cannot collapse).
 *
 * Measurements are host-side and pure (`src/metrics`), on the training set, at every snapshot.
 */
import { Matrix } from "ml-matrix";
import { activeMetrics, activeTrainer } from "../../implementation/activeImplementation.ts";
import type { MetricSuite } from "../../implementation/metricSuite.ts";
import { classMeans, DEFAULT_RANK_TOLERANCE, neuralCollapse } from "../../metrics/index.ts";
import { orthogonalFrameDistance } from "../../metrics/orthogonalFrameDistance.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import { warmup } from "../../train/schedule.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import type { RunSpec, TrainedRun, Trainer } from "../../train/types.ts";
import type { MixtureFields } from "../../data/mixtureTrainingSets.ts";
import { argmaxAccuracy } from "../../harness/argmaxAccuracy.ts";
import { evenlySpacedSteps, runSeeds, seededTrainingSets, settingRuns, type RunSeedFields } from "../../harness/runSeeds.ts";
import type { ParameterSet } from "../../cli/parameters.ts";

/**
 * The settings the exploration fixed (docs/neural-collapse.md), shared by the spec and the CLI:
 * learning rate and weight decay by depth, with ηλ = 2.5e-4 (depth 3) and 1.7e-4 (depth 4), so that
 * over 8 000 steps weight decay alone shrinks a component it does not refresh by (1 − 2ηλ)^T ≈ e⁻⁴
 * (e⁻²·⁷ at depth 4). Explored at depths 3 and 4.
 * η is half (depth 3) and 0.7 (depth 4) of the largest η that was stable with λ > 0, λ raised to
 * keep ηλ: the false-failure streams (docs/reliability.md) found the λ = 0 controls losing all or
 * some of their ReLUs in the warm-up at η = 0.05 / 0.02 on 6 of the first 10 seed streams (nothing
 * holds the scales of W back without weight decay), which made NC3's control and NC-WD
 * undecidable. At 0.025 / 0.014 no λ = 0 run died on those seeds; at depth 4 a larger λ (0.025
 * with η = 0.01) left λ > 0 runs at the edge of quasi-interpolation (loss 0.05), and so did 0.018
 * on the hardest configurations (C = 5, noise 3: final loss 0.035–0.050, 0.056 once in 50 seed
 * streams, which made every NC claim of that stream inconclusive). The WD equilibrium's loss grows
 * about in proportion to λ (measured on those configurations, 20 runs each: 0.035–0.050 at 0.018,
 * 0.029–0.041 at 0.015, 0.022–0.030 at 0.012), so depth 4 uses λ = 0.012, whose worst run sits as
 * far below the bound (≥ 0.02) as depth 3's (0.018–0.025 at λ = 0.01). η, and so every λ = 0
 * control, is unchanged.
 */
export const NC_DEPTH_SETTINGS = {
  3: { learningRate: 0.025, weightDecay: 1e-2 },
  4: { learningRate: 0.014, weightDecay: 1.2e-2 },
} as const;
/** SGD steps at the ci profile (scaled by the profile's trainingScale) and warm-up steps. */
export const NC_STEPS = 8000;
export const NC_WARMUP = 1000;

/**
 * The configuration's parameters, one object each (range, default, description): the spec's fixed
 * values and generated ranges start from them, the CLI's `run`/`export NC…` options and defaults
 * are them (`parameterOptions`, `parameterValues` in `src/cli/parameters.ts`). Defaults are the
 * spec's first configuration: C = 3 classes of a Gaussian mixture in d = 32 with separation 2 and
 * noise 2, 25 samples per class (N = 75: collapse within 8 000 steps on 2 cores), width 64, depth 3,
 * B = 16 < N (SGD, not GD), 17 snapshots (a trajectory of 16 intervals).
 */
export const NC_PARAMETERS = {
  classes: { option: "classes", kind: "int", min: 2, max: 20, value: 3, placeholder: "<C>", description: "classes C of the Gaussian mixture" },
  dim: { option: "dim", kind: "int", min: 2, max: 1024, value: 32, placeholder: "<d>", description: "input dimension d" },
  perClass: { option: "per-class", kind: "int", min: 2, max: 2000, value: 25, placeholder: "<n>", description: "training samples per class (N = C·n)" },
  separation: { option: "separation", kind: "number", min: 1e-6, value: 2, placeholder: "<s>", description: "norm of the class centres (> 0: the classes must differ)" },
  noise: { option: "noise", kind: "number", min: 0, value: 2, placeholder: "<σ>", description: "within-class noise scale" },
  depth: { option: "depth", kind: "int", min: 2, max: 8, value: 3, placeholder: "<L>", description: "layers L (hidden layers L − 1)" },
  width: { option: "width", kind: "int", min: 1, max: 2048, value: 64, placeholder: "<p>", description: "width of every hidden layer" },
  learningRate: { option: "lr", kind: "number", min: 1e-9, max: 10, placeholder: "<η>", description: "base learning rate η", defaultText: "0.025 at depth ≤ 3, 0.014 deeper" },
  weightDecay: { option: "wd", kind: "number", min: 0, max: 10, placeholder: "<λ>", description: "weight decay λ of the λ > 0 arm (loss adds λ Σ‖W_k‖²)", defaultText: "1e-2 at depth ≤ 3, 1.2e-2 deeper" },
  batchSize: { option: "batch", kind: "int", min: 1, value: 16, placeholder: "<B>", description: "minibatch size B (≤ N)" },
  warmupSteps: { option: "warmup", kind: "int", min: 1, placeholder: "<steps>", description: "linear warm-up steps from 5 % of η", defaultText: "min(1000, steps/8), at least 1" },
  snapshots: { option: "snapshots", kind: "int", min: 2, max: 1000, value: 17, placeholder: "<k>", description: "snapshots recorded, evenly spaced" },
} as const satisfies ParameterSet;

/** One generated configuration of the experiment: a Gaussian mixture (`MixtureFields`), a WN net, its training, seeds (`RunSeedFields`, per arm). */
export interface NeuralCollapseConfig extends MixtureFields, RunSeedFields {
  /** Hidden widths; depth L = hidden.length + 1. */
  readonly hidden: readonly number[];
  /** Base learning rate η (after a linear warm-up from 5 % of it). */
  readonly learningRate: number;
  /** Warm-up steps. */
  readonly warmupSteps: number;
  /** Weight decay λ of the `wd` arm (loss adds λ Σ‖W_k‖²). */
  readonly weightDecay: number;
  /** Minibatch size B. */
  readonly batchSize: number;
  /** SGD steps. */
  readonly steps: number;
  /** Snapshots recorded (evenly spaced, including 0 and `steps`). */
  readonly snapshots: number;
}

/** Neural-collapse metrics of one snapshot (training set). */
export interface CollapsePoint {
  readonly step: number;
  /** Square loss on the training set. */
  readonly loss: number;
  /** Training accuracy (argmax of the outputs). */
  readonly accuracy: number;
  readonly nc1: number;
  readonly cdnv: number;
  readonly equinorm: number;
  readonly equiangularity: number;
  readonly etfDistance: number;
  /** Distance of the uncentred class means from an orthogonal equinorm frame (`orthogonalFrameDistance`). */
  readonly frameDistance: number;
  readonly nc3Uncentred: number;
  readonly nc3Centred: number;
  readonly nc4: number;
}

/** The measurements of one run. */
export interface CollapseRun {
  readonly seed: number;
  readonly status: TrainedRun["status"];
  readonly reason?: string;
  readonly trajectory: readonly CollapsePoint[];
  /** NC1 of each layer's activations at the end: index 0 is the input x, k is h_k (k < L). */
  readonly layerNc1: readonly number[];
  /** Numerical rank (τ = 1e-3 relative to the Frobenius norm) of the centred top-layer features at the end. */
  readonly centredFeatureRank: number;
  /** ρ_k = ‖W_k‖_F at the end. */
  readonly layerNorms: readonly number[];
}

export type CollapseArm = "wd" | "noWd" | "frozen";

export interface NeuralCollapseResult {
  readonly config: NeuralCollapseConfig;
  readonly trainer: string;
  readonly arms: Readonly<Record<CollapseArm, readonly CollapseRun[]>>;
}

export interface NeuralCollapseOptions {
  /** Trains the `wd` and `noWd` arms (default: `activeTrainer()`, the reference `sgdTrainer()` unless the environment selects another). */
  readonly trainer?: Trainer;
  /** Trains the `frozen` arm (default: `sgdTrainer({ trainOnlyLastLayer: true })`). */
  readonly frozenTrainer?: Trainer;
  /** NC1 and rank (default: `activeMetrics()`, the reference unless a metric mutant is active). */
  readonly metrics?: MetricSuite;
  /** Arms to run (default all three). */
  readonly arms?: readonly CollapseArm[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** The architecture of a configuration: bias-free ReLU MLP with weight normalisation. */
export function collapseArchitecture(config: NeuralCollapseConfig): MlpConfig {
  return { inputDim: config.dim, hidden: config.hidden, outputDim: config.classes, normalization: "weight" };
}

/** The seeds of the runs of a configuration (`src/harness/runSeeds.ts`). */
export { runSeeds };

function centre(features: Matrix): Matrix {
  const mean = features.mean("column");
  return features.clone().subRowVector(mean);
}

/** Measures one trained run (pure: depends only on its snapshots and data). */
export function measureCollapseRun(run: TrainedRun, architecture: MlpConfig, metrics: MetricSuite = activeMetrics()): CollapseRun {
  const { data } = run.spec;
  const x = inputMatrix(data);
  const C = data.classes;
  const trajectory = run.snapshots.map((snap): CollapsePoint => {
    const weights = weightMatrices(snap.weights, architecture);
    const acts = forwardHost(weights, x);
    const m = neuralCollapse(weights.at(-1)!, acts.at(-2)!, data.labels, C);
    return {
      step: snap.step,
      loss: snap.loss,
      accuracy: argmaxAccuracy(acts.at(-1)!, data.labels),
      nc1: metrics.nc1(acts.at(-2)!, data.labels, C),
      cdnv: m.cdnv.mean,
      equinorm: m.nc2.equinorm,
      equiangularity: m.nc2.equiangularity,
      etfDistance: m.nc2.etfDistance,
      frameDistance: orthogonalFrameDistance(classMeans(acts.at(-2)!, data.labels, C)),
      nc3Uncentred: m.nc3.uncentred,
      nc3Centred: m.nc3.centred,
      nc4: m.nc4,
    };
  });
  const last = run.snapshots.at(-1)!;
  const weights = weightMatrices(last.weights, architecture);
  const acts = forwardHost(weights, x);
  const layerNc1 = acts.slice(0, -1).map((h) => metrics.nc1(h, data.labels, C));
  return {
    seed: run.spec.seed,
    status: run.status,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    trajectory,
    layerNc1,
    centredFeatureRank: metrics.numericalRank(centre(acts.at(-2)!), DEFAULT_RANK_TOLERANCE),
    layerNorms: weights.map((w) => w.norm()),
  };
}

/**
 * Runs the experiment for one configuration (see the module comment).
 * @example const result = await runNeuralCollapseExperiment(config);
 *          result.arms.wd[0].trajectory.at(-1).nc1; // NC1 at the end of seed 0 with weight decay
 */
export async function runNeuralCollapseExperiment(
  config: NeuralCollapseConfig,
  options: NeuralCollapseOptions = {},
): Promise<NeuralCollapseResult> {
  const trainer = options.trainer ?? (await activeTrainer());
  const metrics = options.metrics ?? activeMetrics();
  const frozenTrainer = options.frozenTrainer ?? sgdTrainer({ trainOnlyLastLayer: true });
  const arms = options.arms ?? ["wd", "noWd", "frozen"];
  const architecture = collapseArchitecture(config);
  const { seeds, data } = seededTrainingSets(config);
  const runsWith = (weightDecay: number): RunSpec[] => settingRuns(seeds, data, { weightDecay, learningRate: config.learningRate });
  const recordAt = evenlySpacedSteps(config.steps, config.snapshots);
  const common = {
    architecture,
    batchSize: config.batchSize,
    steps: config.steps,
    schedule: warmup(config.warmupSteps, 0.05),
    recordAt,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const result: Record<CollapseArm, CollapseRun[]> = { wd: [], noWd: [], frozen: [] };
  const main: RunSpec[] = [
    ...(arms.includes("wd") ? runsWith(config.weightDecay) : []),
    ...(arms.includes("noWd") ? runsWith(0) : []),
  ];
  if (main.length > 0) {
    const trained = await trainer.train({ ...common, runs: main });
    const measured = trained.map((r) => measureCollapseRun(r, architecture, metrics));
    const nWd = arms.includes("wd") ? seeds.length : 0;
    result.wd = measured.slice(0, nWd);
    result.noWd = measured.slice(nWd);
  }
  if (arms.includes("frozen")) {
    const trained = await frozenTrainer.train({ ...common, runs: runsWith(config.weightDecay) });
    result.frozen = trained.map((r) => measureCollapseRun(r, architecture, metrics));
  }
  return { config, trainer: trainer.name, arms: result };
}
