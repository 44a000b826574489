/**
 * The low-rank experiment (CLAIMS R1, R2): data → nets → train → measure, for one configuration
 * and several seeds, over a sweep of weight decay λ, learning rate η and batch size B around a
 * base setting (λ₀, η₀, B₀), all at the same number of SGD steps ("equal training"):
 *
 * - `lambda` — λ ∈ `weightDecays` at (η₀, B₀);
 * - `eta`    — η ∈ `learningRates` at (λ₀, B₀);
 * - `batch`  — B ∈ `batchSizes` at (λ₀, η₀);
 * - `noWd`   — λ = 0 at every η of `learningRates`, B₀ (the R2 control: no low-rank bias);
 * - `droppedWd` — the `lambda` sweep trained by a trainer that silently drops weight decay
 *                 (`dropWeightDecay`), the control of the λ-trend;
 * - `normalized` — optional: λ₀ with weight normalisation (warm-up), for the R1 bound on WN weights.
 *
 * Plain parametrisation (`normalization: "none"`) everywhere except `normalized`: CLAIMS R1 is about
 * the decay λ‖W‖² acting on W itself. Constant learning rate (no schedule), so a recorded step is
 * exactly `ΔW = −η ∇L^λ_S̃(W)` up to float32 rounding. Runs of one batch size are trained in one
 * request (the reference trainer batches them over the seed axis).
 *
 * Measurements are host-side float64 on the snapshots: numerical rank (τ relative to ‖W_k‖_F,
 * `DEFAULT_RANK_TOLERANCE`), stable and effective rank, and the relative singular values
 * σ_i/‖W_k‖_F of every layer.
 */
import { activeMetrics, activeTrainer } from "../../implementation/activeImplementation.ts";
import type { MetricSuite } from "../../implementation/metricSuite.ts";
import { Matrix } from "ml-matrix";
import { singularValues } from "../../linalg/singularValues.ts";
import { DEFAULT_RANK_TOLERANCE, effectiveRank, stableRank } from "../../metrics/index.ts";
import { layerShapes, type MlpConfig } from "../../nets/mlp.ts";
import { weightMatrices } from "../../nets/weightMatrices.ts";
import { dropWeightDecay } from "../../train/dropWeightDecay.ts";
import { warmup } from "../../train/schedule.ts";
import type { RunSpec, Snapshot, TrainedRun, Trainer } from "../../train/types.ts";
import { argmaxAccuracy } from "../../harness/argmaxAccuracy.ts";
import { runSeeds, seededTrainingSets, settingRuns } from "../../harness/runSeeds.ts";
import { oneFactorJobs, sweepArchitecture, sweepRunFields, trainSweep, type SweepRun, type SweepConfig, type SweepJob } from "../../harness/trainSweep.ts";
import type { ParameterSet } from "../../cli/parameters.ts";

/**
 * The sweeps of specs/low-rank.spec.ts: λ levels at η₀ = 0.05 and η levels at λ₀ = 0.02 — the
 * weight-decay factor of a component the gradient does not refresh after T = 4 000 steps is
 * (1 − 2ηλ)^T ≈ e^{−2ηλT} with 2ηλT = 4, 8, 16 along each sweep, from "not yet below
 * τ = 1e-3 ≈ e^{−6.9}" to "far below" (exploration in docs/low-rank-noise.md) — and B levels
 * 2, 8, 32 (×16) at (λ₀, η₀), all < N = 48.
 */
export const LOW_RANK_SWEEPS = {
  weightDecays: [0.01, 0.02, 0.04],
  learningRates: [0.025, 0.05, 0.1],
  batchSizes: [2, 8, 32],
} as const;

/** The base setting (λ₀, η₀, B₀) the sweeps move around. */
export const LOW_RANK_BASE = { weightDecay: 0.02, learningRate: 0.05, batchSize: 8 } as const;

/** SGD steps at the ci profile (scaled by `trainingScale`). */
export const LOW_RANK_STEPS = 4000;

/**
 * The WN arm (R1 on WN weights only): η = 0.05 with a warm-up, stable at depth 3
 * (docs/neural-collapse.md); 1 000 steps suffice to supply trained WN weights at which to check
 * the bound.
 */
export const LOW_RANK_NORMALIZED = { learningRate: 0.05, warmupSteps: 250, steps: 1000 } as const;

/** Snapshots kept for R1 along training, as fractions of the steps. */
export const LOW_RANK_RECORD_FRACTIONS = [0, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 3 / 4, 1] as const;

/**
 * What the spec's configurations are drawn from: Gaussian mixtures with C from `classes` in
 * d = 16, 16 samples per class (N = 48–64), noise from `noises` (overlapping classes), depth 3
 * with both hidden layers of a width from `widths`.
 */
export const LOW_RANK_CONFIGURATIONS = {
  classes: [3, 4],
  widths: [24, 32],
  noises: [1.5, 2],
  dim: 16,
  perClass: 16,
  separation: 2,
} as const;

/**
 * The parameters `npx theorem-spec run|export R…` sets, one object each (range, default,
 * description; `src/cli/parameters.ts`): the defaults are the spec's first configuration
 * (`LOW_RANK_CONFIGURATIONS`) and its sweeps (`LOW_RANK_SWEEPS`).
 */
export const LOW_RANK_PARAMETERS = {
  classes: { option: "classes", kind: "int", min: 2, max: 20, value: LOW_RANK_CONFIGURATIONS.classes[0], placeholder: "<C>", description: "classes C of the Gaussian mixture" },
  width: { option: "width", kind: "int", min: 1, max: 2048, value: LOW_RANK_CONFIGURATIONS.widths[0], placeholder: "<p>", description: "width of both hidden layers (depth 3)" },
  noise: { option: "noise", kind: "number", min: 0, value: LOW_RANK_CONFIGURATIONS.noises[0], placeholder: "<σ>", description: "within-class noise scale (separation 2)" },
  weightDecays: {
    option: "lambdas",
    kind: "numbers",
    min: 1e-12,
    max: 10,
    value: LOW_RANK_SWEEPS.weightDecays,
    placeholder: "<λ,λ,…>",
    description: `λ levels of the λ sweep at (η₀, B₀) = (${LOW_RANK_BASE.learningRate}, ${LOW_RANK_BASE.batchSize})`,
  },
  learningRates: {
    option: "etas",
    kind: "numbers",
    min: 1e-9,
    max: 10,
    value: LOW_RANK_SWEEPS.learningRates,
    placeholder: "<η,η,…>",
    description: `η levels of the η sweep at (λ₀, B₀) = (${LOW_RANK_BASE.weightDecay}, ${LOW_RANK_BASE.batchSize}), and of the λ = 0 arm`,
  },
  batchSizes: { option: "batches", kind: "numbers", min: 1, max: 100_000, value: LOW_RANK_SWEEPS.batchSizes, placeholder: "<B,B,…>", description: "B levels of the B sweep at (λ₀, η₀), each < N" },
} as const satisfies ParameterSet;

/**
 * One generated configuration of the low-rank experiment: a sweep configuration (`SweepConfig`:
 * mixture, hidden widths, base (λ₀, η₀, B₀), the λ, η and B levels, steps, seeds; the η levels are
 * also those of the λ = 0 arm) with the snapshots of the R1 bound and the optional WN arm.
 */
export interface LowRankConfig extends SweepConfig {
  /** Steps at which snapshots are kept for the R1 bound along training (0 and `steps` always). */
  readonly recordAt: readonly number[];
  /**
   * Optional weight-normalised arm at (λ₀, B₀), for the R1 bound on WN weights: its learning rate,
   * warm-up and number of steps (shorter than the sweeps: it only supplies weights to check the bound at).
   */
  readonly normalized?: { readonly learningRate: number; readonly warmupSteps: number; readonly steps: number };
}

/** A hyperparameter setting of one run. */
export interface RankSetting {
  readonly weightDecay: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly normalization: MlpConfig["normalization"];
}

/** Rank measurements of one layer at one snapshot. */
export interface LayerRank {
  /** `[out_k, in_k]`. */
  readonly shape: readonly [number, number];
  /** `#{i : σ_i/‖W_k‖_F > τ}` at τ = `DEFAULT_RANK_TOLERANCE`. */
  readonly numericalRank: number;
  /** min(out_k, in_k): the rank of a generic matrix of this shape. */
  readonly fullRank: number;
  readonly stableRank: number;
  readonly effectiveRank: number;
  /** σ_i/‖W_k‖_F, descending. */
  readonly spectrum: readonly number[];
}

/** The measurements of one run: seed, setting, status, final loss and accuracy (`SweepRun`), then the ranks. */
export interface RankRun extends SweepRun<RankSetting> {
  /** Per layer, at step 0 and at the end. */
  readonly initial: readonly LayerRank[];
  readonly final: readonly LayerRank[];
  /** Σ_k numerical rank at the end, and Σ_k min(out_k, in_k). */
  readonly totalRank: number;
  readonly totalFullRank: number;
  /** The recorded snapshots (effective weights), for the R1 bound along training. */
  readonly snapshots: readonly Snapshot[];
  /** The run's training set. */
  readonly data: RunSpec["data"];
}

export type RankArm = "lambda" | "eta" | "batch" | "noWd" | "droppedWd" | "normalized";

/** Every arm, in the order `LowRankResult.arms` lists them. */
const RANK_ARMS: readonly RankArm[] = ["lambda", "eta", "batch", "noWd", "droppedWd", "normalized"];

export interface LowRankResult {
  readonly config: LowRankConfig;
  readonly architecture: MlpConfig;
  readonly trainer: string;
  /** Rank tolerance τ used (relative to ‖W_k‖_F). */
  readonly rankTolerance: number;
  /** Runs per arm, grouped by level (in the order of the config's level list), seeds in order. */
  readonly arms: Readonly<Record<RankArm, ReadonlyArray<{ readonly level: number; readonly runs: readonly RankRun[] }>>>;
}

export interface LowRankOptions {
  /** Trains every arm except `droppedWd` (default: `activeTrainer()`). */
  readonly trainer?: Trainer;
  /** Arms to run (default: all; `normalized` only when the config has it). */
  readonly arms?: readonly RankArm[];
}

/** The plain architecture of a configuration (bias-free ReLU MLP, no normalisation): `sweepArchitecture`, as SGD noise's (`noiseArchitecture`). */
export const lowRankArchitecture: (config: Pick<LowRankConfig, "dim" | "hidden" | "classes">) => MlpConfig = sweepArchitecture;

/** The seeds of the runs of a configuration (shared by every setting: same data and init per seed): `runSeeds`. */
export const lowRankSeeds: (config: { seed: number; seeds: number }) => number[] = runSeeds;

/** Rank measurements of the layers `weights` (float64; the numerical rank through `metrics`, default `activeMetrics()`). */
export function measureLayers(weights: readonly Matrix[], metrics: MetricSuite = activeMetrics()): LayerRank[] {
  return weights.map((w) => {
    const norm = w.norm();
    return {
      shape: [w.rows, w.columns] as const,
      numericalRank: metrics.numericalRank(w, DEFAULT_RANK_TOLERANCE),
      fullRank: Math.min(w.rows, w.columns),
      stableRank: stableRank(w),
      effectiveRank: effectiveRank(w),
      spectrum: Array.from(singularValues(w), (s) => (norm > 0 ? s / norm : 0)),
    };
  });
}

/** Measures one trained run (pure: depends only on its snapshots and data). */
export function measureRankRun(run: TrainedRun, architecture: MlpConfig, setting: RankSetting): RankRun {
  const first = run.snapshots[0]!;
  const last = run.snapshots.at(-1)!;
  const finalWeights = weightMatrices(last.weights, architecture);
  const final = measureLayers(finalWeights);
  return {
    ...sweepRunFields(run, setting, finalWeights),
    initial: measureLayers(weightMatrices(first.weights, architecture)),
    final,
    totalRank: final.reduce((a, l) => a + l.numericalRank, 0),
    totalFullRank: layerShapes(architecture).reduce((a, [o, i]) => a + Math.min(o, i), 0),
    snapshots: run.snapshots,
    data: run.spec.data,
  };
}

/**
 * Runs the experiment for one configuration (see the module comment).
 * @example const { arms } = await runLowRankExperiment(config);
 *          arms.lambda.map((l) => l.runs.map((r) => r.totalRank)); // ranks per λ level and seed
 */
export async function runLowRankExperiment(config: LowRankConfig, options: LowRankOptions = {}): Promise<LowRankResult> {
  const trainer = options.trainer ?? (await activeTrainer());
  const wanted = options.arms ?? ["lambda", "eta", "batch", "noWd", "droppedWd", "normalized"];
  const architecture = lowRankArchitecture(config);
  const { seeds, data } = seededTrainingSets(config);
  const plain = (weightDecay: number, learningRate: number, batchSize: number): RankSetting => ({
    weightDecay,
    learningRate,
    batchSize,
    normalization: "none",
  });
  const { weightDecay: l0, learningRate: e0, batchSize: b0 } = config;
  const jobs: Array<SweepJob<RankArm, RankSetting>> = oneFactorJobs(config, wanted, plain);
  if (wanted.includes("noWd")) config.learningRates.forEach((e) => jobs.push({ arm: "noWd", level: e, setting: plain(0, e, b0) }));
  if (wanted.includes("normalized") && config.normalized !== undefined) {
    jobs.push({
      arm: "normalized",
      level: l0,
      setting: { weightDecay: l0, learningRate: config.normalized.learningRate, batchSize: b0, normalization: "weight" },
    });
  }

  const recordAt = config.recordAt.filter((t) => t > 0 && t < config.steps);
  const runsOf = (s: RankSetting): RunSpec[] => settingRuns(seeds, data, s);

  // One request per (normalisation, batch size): every seed and λ/η of that batch size together.
  const arms = await trainSweep(RANK_ARMS, jobs, {
    key: (s) => `${s.normalization}|${s.weightDecay}|${s.learningRate}|${s.batchSize}`,
    group: (s) => `${s.normalization}|${s.batchSize}`,
    async train(settings) {
      const normalized = settings[0]!.normalization === "weight";
      const arch: MlpConfig = { ...architecture, normalization: settings[0]!.normalization };
      const steps = normalized ? config.normalized!.steps : config.steps;
      const result = await trainer.train({
        architecture: arch,
        runs: settings.flatMap(runsOf),
        batchSize: settings[0]!.batchSize,
        steps,
        recordAt: normalized ? recordAt.map((t) => Math.round((t * steps) / config.steps)).filter((t) => t > 0 && t < steps) : recordAt,
        ...(normalized ? { schedule: warmup(config.normalized!.warmupSteps, 0.05) } : {}),
      });
      return result.map((r, k) => measureRankRun(r, arch, settings[Math.floor(k / seeds.length)]!));
    },
  });

  if (wanted.includes("droppedWd")) {
    const mutant = dropWeightDecay(trainer);
    const settings = config.weightDecays.map((l) => plain(l, e0, b0));
    const result = await mutant.train({
      architecture,
      runs: settings.flatMap(runsOf),
      batchSize: b0,
      steps: config.steps,
    });
    settings.forEach((s, i) => {
      arms.droppedWd.push({
        level: s.weightDecay,
        runs: result.slice(i * seeds.length, (i + 1) * seeds.length).map((r) => measureRankRun(r, architecture, s)),
      });
    });
  }
  return { config, architecture, trainer: trainer.name, rankTolerance: DEFAULT_RANK_TOLERANCE, arms };
}
