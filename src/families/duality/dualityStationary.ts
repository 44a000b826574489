/**
 * The stationary-duality experiment (CLAIMS D2): plain bias-free ReLU MLPs trained by full-batch
 * GD with weight decay λ > 0 towards a stationary point of `L + λ Σ‖W_k‖²`, and the same with
 * λ = 0 (seed by seed: same data, initialisation), with N < d and N < every width so that each
 * `span{h_{k−1}(x_n)}` is a proper subspace of the layer's input space. At every snapshot, for
 * every layer k:
 *
 * - `residual_k` = ‖W_k (I − P_k)‖_F / ‖W_k‖_F, P_k the projector onto span{h_{k−1}(x_n)} (`spanResidual`);
 * - `stationarity_k` = ‖∇_{W_k} L + 2λ W_k‖_F / (2λ ‖W_k‖_F) (host gradient, `gradientHost`).
 *
 * Why they are linked (exactly, at every W): `∇_{W_k} L = Σ_n δ_{k,n} h_{k−1,n}ᵀ` has rows in the
 * span, so `W_k (I − P_k) = (∇L + 2λW_k)(I − P_k)/(2λ)` and `residual_k ≤ stationarity_k`; at a
 * stationary point both vanish — `W_k = −(1/2λ) Σ_n δ_{k,n} h_{k−1,n}ᵀ`, the claim. For the last
 * layer the rows are also compared with the span of the class means of its input features.
 */
import { activeTrainer } from "../../implementation/activeImplementation.ts";
import { targetsFor } from "../../data/targets.ts";
import { spanResidual } from "../../linalg/index.ts";
import { classMeans } from "../../metrics/index.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import { gradientHost } from "../../nets/gradientHost.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import type { RunSpec, TrainedRun, Trainer } from "../../train/types.ts";
import type { OutputView } from "../../data/outputView.ts";
import type { MixtureFields } from "../../data/mixtureTrainingSets.ts";
import { nullSpaceArchitecture } from "./dualityNullSpace.ts";
import { evenlySpacedSteps, seededTrainingSets, settingRuns, type RunSeedFields } from "../../harness/runSeeds.ts";

/**
 * D2's optimiser: full-batch GD, η = 0.05, λ = 0.04, T = 2 000 steps at the ci profile (scaled by
 * `trainingScale`): 2ηλT = 8 e-folds of decay for any weight component the gradient does not
 * refresh, enough to reach near-stationarity (measured: stationarity 0.005–0.2,
 * docs/normalization-duality.md); larger ηλ leaves quasi-interpolation.
 */
export const D2_SETTINGS = { learningRate: 0.05, weightDecay: 0.04, steps: 2000 } as const;

/**
 * What D2's configurations are drawn from (specs/duality.spec.ts): N = 24 samples (12 per class
 * binary; C from `oneHotClasses` one-hot), d from `dims` and hidden widths from `widths` (so every
 * span{h_{k−1}(x_n)} is a proper subspace: N < in_k), depth from `depths`, well separated mixtures
 * (noise 1) that the plain net fits; `snapshots` evenly spaced snapshots.
 */
export const D2_CONFIGURATIONS = {
  trainSize: 24,
  oneHotClasses: [3, 4],
  dims: [32, 40],
  depths: [3, 4],
  widths: [40, 48],
  separation: 2,
  noise: 1,
  snapshots: 9,
} as const;

/**
 * One generated D2 configuration: a Gaussian mixture (`MixtureFields`; C = 2 for the binary view)
 * with N = C · perClass below d and below every hidden width, full-batch GD, seeds (`RunSeedFields`, per arm).
 */
export interface StationaryConfig extends MixtureFields, RunSeedFields {
  readonly view: OutputView;
  readonly hidden: readonly number[];
  /** Learning rate η of full-batch GD (constant). */
  readonly learningRate: number;
  /** Weight decay λ > 0 of the `wd` arm. */
  readonly weightDecay: number;
  /** GD steps T. */
  readonly steps: number;
  /** Snapshots (evenly spaced, including 0 and T). */
  readonly snapshots: number;
}

export interface DualityPoint {
  readonly step: number;
  readonly loss: number;
  readonly accuracy: number;
  /** ‖W_k(I − P_k)‖_F/‖W_k‖_F per layer. */
  readonly residual: readonly number[];
  /**
   * max over the rows of W_k of the row's own relative residual ‖w_i(I − P_k)‖/‖w_i‖ (zero rows
   * skipped), per layer. Rows of dead units get no gradient: they only decay, keeping their
   * initial direction, so this stays large even at a stationary point (see the D2 spec).
   */
  readonly worstRowResidual: readonly number[];
  /** max over the rows of ‖w_i(I − P_k)‖ / ‖W_k‖_F: the largest single row's residual relative to the layer. */
  readonly worstRowShare: readonly number[];
  /** dim span{h_{k−1}(x_n)} per layer (≤ N) and the layer's input size. */
  readonly spanRank: readonly number[];
  readonly inputSize: readonly number[];
  /** ‖∇L + 2λW_k‖/(2λ‖W_k‖) per layer (NaN when λ = 0). */
  readonly stationarity: readonly number[];
  /** Last layer's rows against span{μ_c} of its input features. */
  readonly meansResidual: number;
}

export interface DualityRun {
  readonly seed: number;
  readonly weightDecay: number;
  readonly status: TrainedRun["status"];
  readonly reason?: string;
  readonly trajectory: readonly DualityPoint[];
}

export interface StationaryResult {
  readonly config: StationaryConfig;
  readonly trainer: string;
  readonly wd: readonly DualityRun[];
  readonly noWd: readonly DualityRun[];
}

export interface StationaryOptions {
  readonly trainer?: Trainer;
}

/** The plain bias-free ReLU MLP of a configuration: D1's (`nullSpaceArchitecture`). */
export const stationaryArchitecture: (config: StationaryConfig) => MlpConfig = nullSpaceArchitecture;

/** Measures the duality quantities of one snapshot (pure). */
export function measureDualityPoint(
  step: number,
  loss: number,
  weights: readonly Float32Array[],
  run: { data: RunSpec["data"]; weightDecay: number },
  architecture: MlpConfig,
): DualityPoint {
  const w = weightMatrices(weights, architecture);
  const x = inputMatrix(run.data);
  const targets = targetsFor(run.data, architecture.outputDim);
  const acts = forwardHost(w, x);
  const { gradients } = gradientHost(w, x, targets);
  const lambda = run.weightDecay;
  const residuals = w.map((wk, k) => spanResidual(wk, acts[k]!));
  const L = w.length;
  const outputs = acts[L]!;
  let hits = 0;
  for (let n = 0; n < outputs.rows; n++) {
    const predicted = architecture.outputDim === 1 ? (outputs.get(n, 0) > 0 ? 1 : 0) : outputs.maxRowIndex(n)[1];
    if (predicted === run.data.labels[n]) hits++;
  }
  return {
    step,
    loss,
    accuracy: hits / outputs.rows,
    residual: residuals.map((r) => r.relative),
    worstRowResidual: residuals.map((r) => Math.max(0, ...Array.from(r.rows).filter((v) => Number.isFinite(v)))),
    worstRowShare: w.map((wk, k) => {
      const rel = residuals[k]!.rows;
      let worst = 0;
      for (let i = 0; i < wk.rows; i++) {
        const rowNorm = Math.hypot(...wk.getRow(i));
        if (rowNorm > 0) worst = Math.max(worst, (rel[i]! * rowNorm) / residuals[k]!.norm);
      }
      return worst;
    }),
    spanRank: residuals.map((r) => r.rank),
    inputSize: w.map((wk) => wk.columns),
    stationarity: w.map((wk, k) =>
      lambda > 0 ? gradients[k]!.clone().add(wk.clone().mul(2 * lambda)).norm() / (2 * lambda * wk.norm()) : Number.NaN,
    ),
    meansResidual: spanResidual(w[L - 1]!, classMeans(acts[L - 1]!, run.data.labels, run.data.classes)).relative,
  };
}

/** Measures every snapshot of one trained run (pure). */
export function measureDualityRun(run: TrainedRun, architecture: MlpConfig): DualityRun {
  return {
    seed: run.spec.seed,
    weightDecay: run.spec.weightDecay,
    status: run.status,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    trajectory: run.snapshots.map((s) => measureDualityPoint(s.step, s.loss, s.weights, run.spec, architecture)),
  };
}

/**
 * Trains the `wd` (λ > 0) and `noWd` (λ = 0) arms by full-batch GD in one request and measures them.
 * @example const { wd, noWd } = await runStationaryExperiment(config); wd[0].trajectory.at(-1).residual
 */
export async function runStationaryExperiment(config: StationaryConfig, options: StationaryOptions = {}): Promise<StationaryResult> {
  const trainer = options.trainer ?? (await activeTrainer());
  const n = config.classes * config.perClass;
  const narrowest = Math.min(config.dim, ...config.hidden);
  if (!(n < narrowest)) {
    throw new Error(
      `StationaryConfig: N = ${n} samples but the narrowest layer input has ${narrowest} dimensions; expected N < d and N < every hidden width (each span{h_{k−1}(x_n)} a proper subspace)`,
    );
  }
  if (!(config.weightDecay > 0)) {
    throw new Error(`StationaryConfig.weightDecay = ${config.weightDecay}; expected λ > 0 (the λ = 0 arm is added automatically)`);
  }
  const architecture = stationaryArchitecture(config);
  const { seeds, data } = seededTrainingSets(config);
  const runsWith = (weightDecay: number): RunSpec[] => settingRuns(seeds, data, { weightDecay, learningRate: config.learningRate });
  const recordAt = evenlySpacedSteps(config.steps, config.snapshots);
  const trained = await trainer.train({
    architecture,
    runs: [...runsWith(config.weightDecay), ...runsWith(0)],
    batchSize: "full",
    steps: config.steps,
    recordAt,
  });
  const measured = trained.map((r) => measureDualityRun(r, architecture));
  return { config, trainer: trainer.name, wd: measured.slice(0, seeds.length), noWd: measured.slice(seeds.length) };
}
