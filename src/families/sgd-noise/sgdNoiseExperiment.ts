/**
 * The SGD-noise experiment (CLAIMS S1, S2): data → nets → train → measure, for one configuration
 * and several seeds, in arms that share data and initialisation seed by seed:
 *
 * - `lambda` — SGD, λ ∈ `weightDecays` at (η₀, B₀);
 * - `eta`    — SGD, η ∈ `learningRates` at (λ₀, B₀);
 * - `batch`  — SGD, B ∈ `batchSizes` at (λ₀, η₀);
 * - `noWd`   — SGD with λ = 0 at (η₀, B₀) (S1 control: interpolation, SGD stops moving), trained
 *              `noWdSteps` steps (it approaches interpolation more slowly than the λ > 0 arms
 *              reach their floor);
 * - `gd`     — full-batch GD with λ₀ at η₀ (S1 control: converges).
 *
 * Plain parametrisation, constant learning rate: a recorded step is exactly
 * `ΔW = W_{t+1} − W_t = −η ∇L^λ_S̃(W_t)` up to float32 rounding, which is what ties the noise floor to
 * the rank bound of R1 (`‖ΔW‖_2/(2ηλ‖W_t‖_F) = ‖∇L^λ_S̃‖_2/(2λ‖W_t‖_F)`). Snapshots are recorded at
 * consecutive steps (t, t+1) at `pairs` evenly spaced t in two windows — `mid` = [T/2, 3T/4) and
 * `late` = [3T/4, T) — so per-step changes are measured without a host sync at every step.
 *
 * Per pair (host float64): the relative change of all weights `‖W_{t+1} − W_t‖/‖W_t‖` (all layers
 * together), of the training-set outputs `‖F_{t+1} − F_t‖_F/‖F_t‖_F`, and per layer the relative
 * step in spectral and Frobenius norm and the spectrum σ_i(W_t)/‖W_t‖_F.
 */
import { activeTrainer } from "../../implementation/activeImplementation.ts";
import { Matrix } from "ml-matrix";
import { frobeniusNorm } from "../../linalg/frobeniusNorm.ts";
import { singularValues } from "../../linalg/singularValues.ts";
import { spectralNorm } from "../../linalg/spectralNorm.ts";
import { relativeChange, updateSizeStats, type UpdateSizeStats } from "../../metrics/index.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import type { RunSpec, TrainedRun, Trainer } from "../../train/types.ts";
import { seededTrainingSets, settingRuns } from "../../harness/runSeeds.ts";
import { oneFactorJobs, sweepArchitecture, sweepRunFields, trainSweep, type SweepRun, type SweepConfig, type SweepJob } from "../../harness/trainSweep.ts";
import type { ParameterSet } from "../../cli/parameters.ts";

/**
 * Smallest per-step relative change reported: 2⁻²⁴ ≈ 6e-8, the relative spacing of float32
 * numbers. A smaller recorded change (down to exactly 0 for a run that stopped) is below what the
 * float32 weights can express and is reported as this value, so a stopped run has a finite floor —
 * far below any threshold — rather than log 0.
 */
export const FLOAT32_RESOLUTION = 2 ** -24;

/**
 * The base setting of specs/sgd-noise.spec.ts: λ₀ = 0.05, η₀ = 0.02, B₀ = 8 of N = 48 — 2ηλ = 2e-3
 * per step, so T = 5 000 steps are 10 time constants of the norm equilibrium; with η₀ = 0.02
 * full-batch GD reaches a floor ≈ 1e-5 (larger η leaves GD chattering at ≈ 1e-4 across ReLU
 * kinks, see docs/low-rank-noise.md).
 */
export const SGD_NOISE_BASE = { weightDecay: 0.05, learningRate: 0.02, batchSize: 8 } as const;

/** The sweeps around the base: λ and η ×½, ×2 (2ηλ from 1e-3 to 4e-3), B ∈ {2, 8, 16}. */
export const SGD_NOISE_SWEEPS = {
  weightDecays: [0.025, 0.05, 0.1],
  learningRates: [0.01, 0.02, 0.04],
  batchSizes: [2, 8, 16],
} as const;

/** SGD steps at the ci profile (scaled by `trainingScale`). */
export const SGD_NOISE_STEPS = 5000;

/**
 * The λ = 0 arm (S1's control) trains this many times `steps`: it must end in the interpolation
 * regime (loss ≤ 1e-3, `INTERPOLATION_MAX_LOSS`), which SGD without weight decay approaches like a
 * power of t rather than at the 2ηλ rate of the λ > 0 arms. Measured on C = 4, noise 1.5 (the
 * slowest configurations, 30 runs): final loss 2.4e-4–6e-3 after 5 000 steps (23 of 50 seed
 * streams had a λ = 0 run above 1e-3), 1.4e-5–5.4e-4 after 10 000, 4e-7–9.7e-5 after 20 000; ×3
 * puts the slowest run a decade below the bound.
 */
export const SGD_NOISE_NO_WD_STEPS_FACTOR = 3;

/** Consecutive pairs (t, t+1) recorded per window: 8 steps give the floor to ≈ ±0.1 decade. */
export const SGD_NOISE_PAIRS = 8;

/**
 * What the spec's configurations are drawn from: C from `classes` in d = 16 with N = 48 samples
 * for every C (16 per class at C = 3, 12 at C = 4), noise from `noises`, depth 3 with both hidden
 * layers of a width from `widths`, plain parametrisation.
 */
export const SGD_NOISE_CONFIGURATIONS = {
  trainSize: 48,
  classes: [3, 4],
  widths: [24, 32],
  noises: [1.5, 2],
  dim: 16,
  separation: 2,
} as const;

/**
 * The parameters `npx theorem-spec run|export S…` sets, one object each (range, default,
 * description; `src/cli/parameters.ts`): the defaults are the spec's first configuration
 * (`SGD_NOISE_CONFIGURATIONS`), its sweeps (`SGD_NOISE_SWEEPS`) and `SGD_NOISE_PAIRS`.
 */
export const SGD_NOISE_PARAMETERS = {
  classes: {
    option: "classes",
    kind: "int",
    min: 2,
    max: 48,
    value: SGD_NOISE_CONFIGURATIONS.classes[0],
    placeholder: "<C>",
    description: `classes C (N = ${SGD_NOISE_CONFIGURATIONS.trainSize}: ⌊${SGD_NOISE_CONFIGURATIONS.trainSize}/C⌋ per class)`,
  },
  width: { option: "width", kind: "int", min: 1, max: 2048, value: SGD_NOISE_CONFIGURATIONS.widths[0], placeholder: "<p>", description: "width of both hidden layers (depth 3)" },
  noise: { option: "noise", kind: "number", min: 0, value: SGD_NOISE_CONFIGURATIONS.noises[0], placeholder: "<σ>", description: "within-class noise scale (separation 2)" },
  weightDecays: {
    option: "lambdas",
    kind: "numbers",
    min: 1e-12,
    max: 10,
    value: SGD_NOISE_SWEEPS.weightDecays,
    placeholder: "<λ,λ,…>",
    description: `λ levels at (η₀, B₀); must contain λ₀ = ${SGD_NOISE_BASE.weightDecay}`,
  },
  learningRates: { option: "etas", kind: "numbers", min: 1e-9, max: 10, value: SGD_NOISE_SWEEPS.learningRates, placeholder: "<η,η,…>", description: "S2: η levels at (λ₀, B₀)" },
  batchSizes: { option: "batches", kind: "numbers", min: 1, max: 100_000, value: SGD_NOISE_SWEEPS.batchSizes, placeholder: "<B,B,…>", description: "S2: B levels at (λ₀, η₀), integers < N" },
  pairs: { option: "pairs", kind: "int", min: 1, max: 1000, value: SGD_NOISE_PAIRS, placeholder: "<k>", description: "consecutive steps (t, t+1) recorded per window (needs steps ≥ 8k)" },
} as const satisfies ParameterSet;

/**
 * One generated configuration of the SGD-noise experiment: a sweep configuration (`SweepConfig`:
 * mixture, hidden widths, base (λ₀ > 0, η₀, B₀ < N), the λ, η and B levels, the steps of every
 * λ > 0 run, seeds) with the λ = 0 arm's steps and the recorded pairs.
 */
export interface SgdNoiseConfig extends SweepConfig {
  /**
   * Steps of the λ = 0 arm (default `steps`; the spec uses `SGD_NOISE_NO_WD_STEPS_FACTOR · steps`).
   * Its windows are the same fractions [T/2, 3T/4), [3T/4, T) of its own T.
   */
  readonly noWdSteps?: number;
  /** Consecutive pairs (t, t+1) recorded per window. */
  readonly pairs: number;
}

/** A run's setting; `batchSize` is N for full-batch GD. */
export interface NoiseSetting {
  readonly weightDecay: number;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly fullBatch: boolean;
}

/** Per-layer measurements of one recorded step t → t+1. */
export interface LayerStep {
  /** ‖W_{t+1} − W_t‖_F / ‖W_t‖_F. */
  readonly relativeChange: number;
  /** ‖W_{t+1} − W_t‖_2 / ‖W_t‖_F (R1/S2: divided by 2ηλ it bounds σ_{B+1}(W_t)/‖W_t‖_F). */
  readonly stepSpectral: number;
  /** σ_i(W_t)/‖W_t‖_F, descending. */
  readonly spectrum: readonly number[];
}

/** One recorded step t → t+1. */
export interface StepPair {
  readonly step: number;
  readonly window: "mid" | "late";
  /** Relative change of all weights together (floored at `FLOAT32_RESOLUTION`; NaN if W_t = 0). */
  readonly weightChange: number;
  /** ‖F_{t+1} − F_t‖_F/‖F_t‖_F of the training-set outputs F `[N, C]` (floored likewise; NaN if F_t = 0). */
  readonly outputChange: number;
  readonly layers: readonly LayerStep[];
}

/** The measurements of one run: seed, setting, status, final loss and accuracy (`SweepRun`), then the recorded pairs and floors. */
export interface NoiseRun extends SweepRun<NoiseSetting> {
  readonly pairs: readonly StepPair[];
  /** Update-size statistics per window (undefined for a run that diverged before the window or died: W or F = 0). */
  readonly weightFloor: { readonly mid?: UpdateSizeStats; readonly late?: UpdateSizeStats };
  readonly outputFloor: { readonly mid?: UpdateSizeStats; readonly late?: UpdateSizeStats };
}

export type NoiseArm = "lambda" | "eta" | "batch" | "noWd" | "gd";

/** Every arm, in the order `SgdNoiseResult.arms` lists them. */
const NOISE_ARMS: readonly NoiseArm[] = ["lambda", "eta", "batch", "noWd", "gd"];

export interface SgdNoiseResult {
  readonly config: SgdNoiseConfig;
  readonly architecture: MlpConfig;
  readonly trainer: string;
  readonly arms: Readonly<Record<NoiseArm, ReadonlyArray<{ readonly level: number; readonly runs: readonly NoiseRun[] }>>>;
}

export interface SgdNoiseOptions {
  readonly trainer?: Trainer;
  readonly arms?: readonly NoiseArm[];
}

/** The plain architecture of a configuration (bias-free ReLU MLP, no normalisation): `sweepArchitecture`, as the low-rank family's. */
export const noiseArchitecture: (config: SgdNoiseConfig) => MlpConfig = sweepArchitecture;

/** The first steps t of the recorded pairs (t, t+1) in each window, for T steps and k pairs per window. */
export function pairSteps(steps: number, pairs: number): { mid: number[]; late: number[] } {
  if (!(Number.isSafeInteger(pairs) && pairs >= 1)) throw new Error(`pairSteps: pairs = ${pairs}; expected an integer ≥ 1`);
  if (!(Number.isSafeInteger(steps) && steps >= 8 * pairs)) {
    throw new Error(`pairSteps: steps = ${steps}; expected an integer ≥ 8 · pairs = ${8 * pairs} (two windows of a quarter each)`);
  }
  const window = (start: number, end: number) =>
    Array.from({ length: pairs }, (_, j) => start + Math.floor((j * (end - start)) / pairs));
  return { mid: window(Math.floor(steps / 2), Math.floor((3 * steps) / 4)), late: window(Math.floor((3 * steps) / 4), steps - 1) };
}

/**
 * `relativeChange(a, b)` floored at `FLOAT32_RESOLUTION`, or NaN when the reference `a` is zero (a
 * dead network, or weights decayed to 0): a relative change is then undefined, and the floors of
 * the run are left undefined, so its decisions are inconclusive rather than passed.
 */
function stepSize(a: Matrix | readonly Matrix[], b: Matrix | readonly Matrix[]): number {
  const zero = (Matrix.isMatrix(a) ? [a as Matrix] : (a as readonly Matrix[])).every((m) => m.norm() === 0);
  return zero ? Number.NaN : Math.max(relativeChange(a, b), FLOAT32_RESOLUTION);
}

/** Measures one trained run from its recorded pairs (pure). */
export function measureNoiseRun(
  run: TrainedRun,
  architecture: MlpConfig,
  setting: NoiseSetting,
  windows: { mid: readonly number[]; late: readonly number[] },
): NoiseRun {
  const x = inputMatrix(run.spec.data);
  const byStep = new Map(run.snapshots.map((s) => [s.step, s]));
  const pairs: StepPair[] = [];
  for (const window of ["mid", "late"] as const) {
    for (const t of windows[window]) {
      const a = byStep.get(t);
      const b = byStep.get(t + 1);
      if (a === undefined || b === undefined) continue; // diverged before this step
      const wa = weightMatrices(a.weights, architecture);
      const wb = weightMatrices(b.weights, architecture);
      const fa = forwardHost(wa, x).at(-1)!;
      const fb = forwardHost(wb, x).at(-1)!;
      pairs.push({
        step: t,
        window,
        weightChange: stepSize(wa, wb),
        outputChange: stepSize(fa, fb),
        layers: wa.map((w, k) => {
          const delta = wb[k]!.clone().sub(w);
          const norm = frobeniusNorm(w);
          return {
            relativeChange: frobeniusNorm(delta) / norm,
            stepSpectral: spectralNorm(delta) / norm,
            spectrum: Array.from(singularValues(w), (s) => s / norm),
          };
        }),
      });
    }
  }
  const stats = (window: "mid" | "late", pick: (p: StepPair) => number) => {
    const sizes = pairs.filter((p) => p.window === window).map(pick);
    return sizes.length === 0 || !sizes.every(Number.isFinite) ? undefined : updateSizeStats(sizes);
  };
  const lastWeights = weightMatrices(run.snapshots.at(-1)!.weights, architecture);
  const weightMid = stats("mid", (p) => p.weightChange);
  const weightLate = stats("late", (p) => p.weightChange);
  const outputMid = stats("mid", (p) => p.outputChange);
  const outputLate = stats("late", (p) => p.outputChange);
  return {
    ...sweepRunFields(run, setting, lastWeights),
    pairs,
    weightFloor: { ...(weightMid ? { mid: weightMid } : {}), ...(weightLate ? { late: weightLate } : {}) },
    outputFloor: { ...(outputMid ? { mid: outputMid } : {}), ...(outputLate ? { late: outputLate } : {}) },
  };
}

/**
 * Runs the experiment for one configuration (see the module comment).
 * @example const { arms } = await runSgdNoiseExperiment(config);
 *          arms.gd[0].runs.map((r) => r.weightFloor.late?.floor); // GD's late per-step change, per seed
 */
export async function runSgdNoiseExperiment(config: SgdNoiseConfig, options: SgdNoiseOptions = {}): Promise<SgdNoiseResult> {
  const trainer = options.trainer ?? (await activeTrainer());
  const wanted = options.arms ?? ["lambda", "eta", "batch", "noWd", "gd"];
  const architecture = noiseArchitecture(config);
  const { seeds, data } = seededTrainingSets(config);
  const N = data[0]!.count;
  const noWdSteps = config.noWdSteps ?? config.steps;
  if (!(Number.isSafeInteger(noWdSteps) && noWdSteps >= 8 * config.pairs)) {
    throw new Error(`SgdNoiseConfig.noWdSteps = ${noWdSteps}; expected an integer ≥ 8 · pairs = ${8 * config.pairs} (the λ = 0 arm's two windows of a quarter each)`);
  }
  const stepsOf = (s: NoiseSetting) => (s.weightDecay === 0 ? noWdSteps : config.steps);
  const { weightDecay: l0, learningRate: e0, batchSize: b0 } = config;
  const sgd = (weightDecay: number, learningRate: number, batchSize: number): NoiseSetting => ({
    weightDecay,
    learningRate,
    batchSize,
    fullBatch: false,
  });
  const jobs: Array<SweepJob<NoiseArm, NoiseSetting>> = oneFactorJobs(config, wanted, sgd);
  if (wanted.includes("noWd")) jobs.push({ arm: "noWd", level: 0, setting: sgd(0, e0, b0) });
  if (wanted.includes("gd")) jobs.push({ arm: "gd", level: l0, setting: { weightDecay: l0, learningRate: e0, batchSize: N, fullBatch: true } });

  const arms = await trainSweep(NOISE_ARMS, jobs, {
    key: (s) => `${s.fullBatch}|${s.weightDecay}|${s.learningRate}|${s.batchSize}`,
    group: (s) => `${s.fullBatch ? "full" : String(s.batchSize)}|${stepsOf(s)}`,
    async train(settings) {
      const runs: RunSpec[] = settings.flatMap((s) => settingRuns(seeds, data, s));
      const steps = stepsOf(settings[0]!);
      const windows = pairSteps(steps, config.pairs);
      const result = await trainer.train({
        architecture,
        runs,
        batchSize: settings[0]!.fullBatch ? "full" : settings[0]!.batchSize,
        steps,
        recordAt: [...windows.mid, ...windows.late].flatMap((t) => [t, t + 1]),
      });
      return result.map((r, k) => measureNoiseRun(r, architecture, settings[Math.floor(k / seeds.length)]!, windows));
    },
  });
  return { config, architecture, trainer: trainer.name, arms };
}
