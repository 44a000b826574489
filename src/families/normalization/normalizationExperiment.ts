/**
 * The normalisation experiment (CLAIMS N1, N2): data → weight-normalised nets → SGD + WD → measure
 * ρ, its equilibria and the margins, for one configuration and several seeds, in arms that share
 * data and initialisation seed by seed:
 *
 * - one arm per λ of the grid `weightDecays` (SGD + weight decay λ + weight normalisation: the
 *   theorem's setting; the largest λ is the one trained long enough to equilibrate, see the spec);
 * - `noWd`   — λ = 0 (CLAIMS N2's control);
 * - `frozen` — the largest λ with only the last layer trained (no feature learning: the margins
 *              cannot be equalised by learned features).
 *
 * Under weight normalisation the trainer keeps `W_k = g_k V_k`, `‖V_k‖_F = 1`, so the snapshot's
 * `ρ_k = ‖W_k‖_F = g_k` and `ρ = ∏ g_k` (per-layer scales; `perLayerRho` is their equilibrium).
 * Everything is measured on the training set, host-side in float64, at every snapshot; snapshots
 * are sparse over training and dense over the last `window` steps (time averages under SGD noise).
 */
import { activeTrainer } from "../../implementation/activeImplementation.ts";
import { targetsFor } from "../../data/targets.ts";
import {
  layerImbalance,
  marginSpread,
  perLayerRho,
  scaleMoments,
  singleScaleRho,
  targetMargins,
} from "../../metrics/index.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { normalizedForm } from "../../nets/normalizedForm.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import { warmup } from "../../train/schedule.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import type { RunSpec, TrainedRun, Trainer } from "../../train/types.ts";
import type { MixtureFields } from "../../data/mixtureTrainingSets.ts";
import { runSeeds, seededTrainingSets, settingRuns, type RunSeedFields } from "../../harness/runSeeds.ts";
import type { OutputView } from "../../data/outputView.ts";

/**
 * The λ grid of N2, ascending (specs/normalization.spec.ts). Its largest value is where N1 is
 * checked: with η = 0.05 over 3 000 steps (after the warm-up, ∫η ≈ 126) it gives 4λ∫η ≈ 10
 * e-folds for the balancing of the layer scales, which decays like e^{−4λ∫η}
 * (docs/normalization-duality.md); the smaller λ are not yet balanced at the end and serve N2's
 * trend only.
 */
export const N_WEIGHT_DECAYS = [5e-3, 1e-2, 2e-2] as const;

/** SGD steps at the ci profile (scaled by `trainingScale`), and the final window of time averages. */
export const N_STEPS = 3000;
export const N_WINDOW = 1000;

/**
 * The λ = 0 arm trains this many times `steps`: N2's control needs λ = 0 runs that fit exactly
 * (loss ≤ 1e-4), and a few binary runs hover at 1e-4 – 7e-3 after 3 000 steps before they fit
 * (measured, 25 binary runs: 3 above 1e-4 at 3 000 steps, 1 at 6 000, none at 9 000; the control
 * needs 3 of 5, and failed on 1 of 50 seed streams at ×1). The first `steps` steps are the same as
 * with ×1 (same seeds and schedule), so only the control's regime changes.
 */
export const N_NO_WD_STEPS_FACTOR = 3;

/**
 * The fixed part of the spec's configurations, inside the regime of the theorem: depth 3, width
 * 32, a Gaussian mixture in d = 32 whose classes overlap (noise 3 > separation 2, so fitting needs
 * learned features, and last-layer-only training cannot fit), N ≈ 64 (`floor(64 / C)` per class),
 * B = 16 < N; η = 0.05 with a 1 000-step warm-up from 5 % (the weight-normalised net kills its
 * ReLUs without it: docs/neural-collapse.md); snapshots every 10 steps in the final window, every
 * 100 before it.
 */
export const N_CONFIGURATION = {
  dim: 32,
  trainSize: 64,
  separation: 2,
  noise: 3,
  hidden: [32, 32],
  learningRate: 0.05,
  warmupSteps: 1000,
  batchSize: 16,
  windowEvery: 10,
  trajectoryEvery: 100,
} as const;

/** The classes C the spec draws from for the one-hot view (the binary view has C = 2). */
export const N_ONE_HOT_CLASSES = [3, 4] as const;


/** One generated configuration of the experiment: a Gaussian mixture (`MixtureFields`; C = 2 for the binary view), a WN net, its training, seeds (`RunSeedFields`, per arm). */
export interface NormalizationConfig extends MixtureFields, RunSeedFields {
  readonly view: OutputView;
  /** Hidden widths; depth L = hidden.length + 1. */
  readonly hidden: readonly number[];
  /** Base learning rate η (after a linear warm-up from 5 % of it). */
  readonly learningRate: number;
  readonly warmupSteps: number;
  /** The λ > 0 grid, ascending (loss adds λ Σ g_k²). */
  readonly weightDecays: readonly number[];
  /** Minibatch size B. */
  readonly batchSize: number;
  /** SGD steps T of the λ > 0 arms. */
  readonly steps: number;
  /**
   * SGD steps of the λ = 0 arm (default `steps`; the spec uses `N_NO_WD_STEPS_FACTOR · steps`): its
   * control needs an exact fit, reached later than the λ > 0 arms' equilibrium. Its window is the
   * last `window` of its own steps.
   */
  readonly noWdSteps?: number;
  /** Length of the final window over which time averages are taken. */
  readonly window: number;
  /** Snapshot spacing inside the window, and before it. */
  readonly windowEvery: number;
  readonly trajectoryEvery: number;
}

/** Measurements of one snapshot (training set). */
export interface NormalizationPoint {
  readonly step: number;
  /** Square loss L_S. */
  readonly loss: number;
  /** Fraction of training samples classified right (sign of the output, or argmax). */
  readonly accuracy: number;
  /** ρ = ∏ g_k. */
  readonly rho: number;
  /** g_k = ‖W_k‖_F. */
  readonly layerScales: readonly number[];
  /** a = (1/N) Σ ⟨y_n, f_V(x_n)⟩ and b = (1/N) Σ ‖f_V(x_n)‖² of the normalised net V_t. */
  readonly alignment: number;
  readonly outputEnergy: number;
  /** ρ*(V_t): per-layer equilibrium (the trainer's parametrisation), single-scale, least squares a/b. */
  readonly rhoPerLayer: number;
  readonly rhoSingleScale: number;
  readonly rhoLeastSquares: number;
  /** Mean of the network's margins ρ ȳ_n (binary) / fitted target coordinate (one-hot). */
  readonly meanMargin: number;
  /** Spread of the normalised margins ȳ_n (`marginSpread`). */
  readonly marginSpread: number;
  /** max_k |g_k²/ρ^{2/L} − 1|. */
  readonly imbalance: number;
  /** Fit deficit ρ(a − ρb) and λ·HM(g_k²): equal when ρ is stationary for fixed g-ratios. */
  readonly fitDeficit: number;
  readonly decayTerm: number;
}

/** Time averages and summaries of one run over the last `window` steps. */
export interface WindowSummary {
  /** Snapshots averaged. */
  readonly snapshots: number;
  /** Mean ρ, mean ρ*(V_t) (per-layer and single-scale) over the window. */
  readonly rho: number;
  readonly rhoPerLayer: number;
  readonly rhoSingleScale: number;
  /** |mean ρ − mean ρ*| / mean ρ*, per-layer and single-scale. */
  readonly relErrorPerLayer: number;
  readonly relErrorSingleScale: number;
  /** |mean ρ − ρ*_per-layer(V_final)| / ρ*_per-layer(V_final). */
  readonly relErrorPerLayerFinal: number;
  /** Relative SGD fluctuation of ρ: sd(ρ_t)/mean ρ over the window. */
  readonly rhoRelSd: number;
  /** (mean ρ over the last tenth − mean ρ over the first tenth of the window) / mean ρ. */
  readonly rhoGrowth: number;
  /** max ρ_t over the window. */
  readonly rhoMax: number;
  /** 1 − mean over the window of the mean margin ρ ȳ. */
  readonly gap: number;
  /** Mean spread of ȳ over the window. */
  readonly spread: number;
  /** mean fitDeficit / mean decayTerm (1 at the quasi-static ρ-equilibrium). */
  readonly deficitRatio: number;
}

export interface NormalizationRun {
  readonly seed: number;
  readonly weightDecay: number;
  readonly status: TrainedRun["status"];
  readonly reason?: string;
  readonly trajectory: readonly NormalizationPoint[];
  /** Summary of the final window (NaN fields for a diverged run). */
  readonly window: WindowSummary;
}

export interface NormalizationResult {
  readonly config: NormalizationConfig;
  readonly trainer: string;
  /** `grid[i]`: the runs at λ = `config.weightDecays[i]`. */
  readonly grid: readonly (readonly NormalizationRun[])[];
  /** λ = 0. */
  readonly noWd: readonly NormalizationRun[];
  /** Largest λ, only the last layer trained. */
  readonly frozen: readonly NormalizationRun[];
}

export interface NormalizationOptions {
  /** Trains the grid and λ = 0 arms (default `activeTrainer()`). */
  readonly trainer?: Trainer;
  /** Trains the frozen arm (default `sgdTrainer({ trainOnlyLastLayer: true })`); `null` skips it. */
  readonly frozenTrainer?: Trainer | null;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Output dimension of a view: 1 (±1 targets) or C. */
export function outputDimOf(config: Pick<NormalizationConfig, "view" | "classes">): number {
  if (config.view === "binary") {
    if (config.classes !== 2) throw new Error(`NormalizationConfig: view "binary" with classes = ${config.classes}; expected 2`);
    return 1;
  }
  return config.classes;
}

/** Bias-free ReLU MLP with weight normalisation, one output (binary) or C. */
export function normalizationArchitecture(config: NormalizationConfig): MlpConfig {
  return { inputDim: config.dim, hidden: config.hidden, outputDim: outputDimOf(config), normalization: "weight" };
}

/** Snapshot steps: every `trajectoryEvery` before the window, every `windowEvery` inside it. */
export function normalizationRecordSteps(config: NormalizationConfig, steps: number = config.steps): number[] {
  const { window, windowEvery, trajectoryEvery } = config;
  if (!(window >= windowEvery && window <= steps)) {
    throw new Error(`NormalizationConfig.window = ${window}; expected windowEvery (${windowEvery}) ≤ window ≤ steps (${steps})`);
  }
  const at = new Set<number>();
  for (let t = 0; t < steps - window; t += trajectoryEvery) at.add(t);
  for (let t = steps - window; t <= steps; t += windowEvery) at.add(t);
  at.add(steps);
  return [...at].sort((x, y) => x - y);
}

function accuracyOf(outputs: import("ml-matrix").Matrix, labels: Int32Array, binary: boolean): number {
  let hits = 0;
  for (let n = 0; n < outputs.rows; n++) {
    const predicted = binary ? (outputs.get(n, 0) > 0 ? 1 : 0) : outputs.maxRowIndex(n)[1];
    if (predicted === labels[n]) hits++;
  }
  return hits / outputs.rows;
}

/** Measures one snapshot's weights on the run's training set. */
export function measureNormalizationPoint(
  step: number,
  loss: number,
  weights: readonly Float32Array[],
  run: { data: RunSpec["data"]; weightDecay: number },
  architecture: MlpConfig,
): NormalizationPoint {
  const binary = architecture.outputDim === 1;
  const targets = targetsFor(run.data, architecture.outputDim);
  const w = weightMatrices(weights, architecture);
  const { layerScales, rho, directions } = normalizedForm(w);
  const outputsV = forwardHost(directions, inputMatrix(run.data)).at(-1)!;
  const moments = scaleMoments(outputsV, targets);
  const margins = targetMargins(outputsV, targets);
  const lambda = run.weightDecay;
  const L = layerScales.length;
  const harmonic = L / layerScales.reduce((s, g) => s + 1 / (g * g), 0);
  // A dead network (every output 0) has no scale: its equilibria are undefined (NaN, out of regime).
  const alive = moments.outputEnergy > 0;
  return {
    step,
    loss,
    accuracy: accuracyOf(outputsV, run.data.labels, binary),
    rho,
    layerScales,
    alignment: moments.alignment,
    outputEnergy: moments.outputEnergy,
    rhoPerLayer: alive ? perLayerRho(moments, lambda, L) : Number.NaN,
    rhoSingleScale: alive ? singleScaleRho(moments, lambda) : Number.NaN,
    rhoLeastSquares: alive ? moments.alignment / moments.outputEnergy : Number.NaN,
    meanMargin: rho * moments.alignment,
    marginSpread: marginSpread(margins),
    imbalance: layerImbalance(layerScales),
    fitDeficit: rho * (moments.alignment - rho * moments.outputEnergy),
    decayTerm: lambda * harmonic,
  };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Summary of the points with step ≥ `from` (see `WindowSummary`). */
export function summariseWindow(points: readonly NormalizationPoint[], from: number): WindowSummary {
  const win = points.filter((p) => p.step >= from);
  if (win.length < 2) {
    const nan = Number.NaN;
    return {
      snapshots: win.length, rho: nan, rhoPerLayer: nan, rhoSingleScale: nan, relErrorPerLayer: nan,
      relErrorSingleScale: nan, relErrorPerLayerFinal: nan, rhoRelSd: nan, rhoGrowth: nan, rhoMax: nan,
      gap: nan, spread: nan, deficitRatio: nan,
    };
  }
  const rhos = win.map((p) => p.rho);
  const rho = mean(rhos);
  const rhoPerLayer = mean(win.map((p) => p.rhoPerLayer));
  const rhoSingleScale = mean(win.map((p) => p.rhoSingleScale));
  const tenth = Math.max(1, Math.round(win.length / 10));
  const last = win.at(-1)!;
  return {
    snapshots: win.length,
    rho,
    rhoPerLayer,
    rhoSingleScale,
    relErrorPerLayer: Math.abs(rho - rhoPerLayer) / rhoPerLayer,
    relErrorSingleScale: Math.abs(rho - rhoSingleScale) / rhoSingleScale,
    relErrorPerLayerFinal: Math.abs(rho - last.rhoPerLayer) / last.rhoPerLayer,
    rhoRelSd: Math.sqrt(mean(rhos.map((r) => (r - rho) ** 2))) / rho,
    rhoGrowth: (mean(rhos.slice(-tenth)) - mean(rhos.slice(0, tenth))) / rho,
    rhoMax: Math.max(...rhos),
    gap: 1 - mean(win.map((p) => p.meanMargin)),
    spread: mean(win.map((p) => p.marginSpread)),
    deficitRatio: mean(win.map((p) => p.fitDeficit)) / mean(win.map((p) => p.decayTerm)),
  };
}

/** Measures one trained run (pure: depends only on its snapshots and data). */
export function measureNormalizationRun(run: TrainedRun, architecture: MlpConfig, windowStart: number): NormalizationRun {
  const trajectory = run.snapshots.map((s) =>
    measureNormalizationPoint(s.step, s.loss, s.weights, run.spec, architecture),
  );
  const ok = run.status === "ok";
  return {
    seed: run.spec.seed,
    weightDecay: run.spec.weightDecay,
    status: run.status,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    trajectory,
    window: summariseWindow(ok ? trajectory : [], windowStart),
  };
}

/** The seeds of the runs of a configuration: `runSeeds`. */
export const normalizationRunSeeds: (config: NormalizationConfig) => number[] = runSeeds;

/**
 * Runs the experiment for one configuration: every λ of the grid (and λ = 0 when it trains as long)
 * in one batched request, λ = 0 with `noWdSteps` in its own, the frozen arm in another.
 * @example const result = await runNormalizationExperiment(config);
 *          result.grid.at(-1)[0].window.relErrorPerLayer; // |ρ̄ − ρ̄*|/ρ̄* at the largest λ, seed 0
 */
export async function runNormalizationExperiment(
  config: NormalizationConfig,
  options: NormalizationOptions = {},
): Promise<NormalizationResult> {
  const trainer = options.trainer ?? (await activeTrainer());
  const frozenTrainer = options.frozenTrainer === undefined ? sgdTrainer({ trainOnlyLastLayer: true }) : options.frozenTrainer;
  const grid = config.weightDecays;
  if (grid.length < 1 || grid.some((l, i) => !(l > 0) || (i > 0 && !(l > grid[i - 1]!)))) {
    throw new Error(`NormalizationConfig.weightDecays = [${grid.join(", ")}]; expected λ > 0, strictly ascending, at least one`);
  }
  const architecture = normalizationArchitecture(config);
  const { seeds, data } = seededTrainingSets(config);
  const runsWith = (weightDecay: number): RunSpec[] => settingRuns(seeds, data, { weightDecay, learningRate: config.learningRate });
  const common = {
    architecture,
    batchSize: config.batchSize,
    steps: config.steps,
    schedule: warmup(config.warmupSteps, 0.05),
    recordAt: normalizationRecordSteps(config),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const windowStart = config.steps - config.window;
  const noWdSteps = config.noWdSteps ?? config.steps;
  if (!(Number.isSafeInteger(noWdSteps) && noWdSteps >= config.window)) {
    throw new Error(`NormalizationConfig.noWdSteps = ${noWdSteps}; expected an integer ≥ window = ${config.window} (the λ = 0 arm's time averages are over its last window)`);
  }
  // λ = 0 joins the grid's batched request when it trains as long; otherwise it is a request of its own.
  const together = noWdSteps === config.steps;
  const trained = await trainer.train({ ...common, runs: (together ? [0, ...grid] : grid).flatMap(runsWith) });
  const measured = trained.map((r) => measureNormalizationRun(r, architecture, windowStart));
  const noWd = together
    ? measured.splice(0, seeds.length)
    : (
        await trainer.train({ ...common, steps: noWdSteps, recordAt: normalizationRecordSteps(config, noWdSteps), runs: runsWith(0) })
      ).map((r) => measureNormalizationRun(r, architecture, noWdSteps - config.window));
  const arm = (i: number) => measured.slice(i * seeds.length, (i + 1) * seeds.length);
  let frozen: NormalizationRun[] = [];
  if (frozenTrainer !== null) {
    const frozenRuns = await frozenTrainer.train({ ...common, runs: runsWith(grid.at(-1)!) });
    frozen = frozenRuns.map((r) => measureNormalizationRun(r, architecture, windowStart));
  }
  return {
    config,
    trainer: trainer.name,
    noWd,
    grid: grid.map((_, i) => arm(i)),
    frozen,
  };
}
