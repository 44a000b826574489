/**
 * The plumbing of a sweep experiment (low-rank bias, intrinsic SGD noise): arms of levels, each a
 * training setting, trained as few requests as possible and handed back per arm.
 *
 * - `jobs`: one per (arm, level), in the order the arms should list them; two jobs with the same
 *   `key(setting)` share one training (e.g. the base λ of the λ arm and of the η arm).
 * - `group(setting)`: settings of one group go into one training request (same batch size, steps,
 *   normalisation); groups are trained in the order their first setting appears.
 * - `train(settings)`: trains one group and returns its runs flat, setting by setting, the same
 *   number of runs (seeds) per setting.
 *
 * Returns every arm of `armNames` (empty when no job asks for it) with its `{ level, runs }` in job
 * order.
 * @example const arms = await trainSweep(["lambda", "noWd"], jobs, { key, group, train });
 *          arms.lambda.map((a) => a.level); // the λ grid
 *
 * `SweepConfig` is what such an experiment's configuration carries (data, net, base setting,
 * levels, steps, seeds), and `oneFactorJobs` lists the jobs of its three one-factor arms.
 */
import type { MixtureFields } from "../data/mixtureTrainingSets.ts";
import type { Matrix } from "ml-matrix";
import { forwardHost } from "../nets/forwardHost.ts";
import type { MlpConfig } from "../nets/mlp.ts";
import { inputMatrix } from "../nets/weightMatrices.ts";
import type { TrainedRun } from "../train/types.ts";
import { argmaxAccuracy } from "./argmaxAccuracy.ts";
import type { RunSeedFields } from "./runSeeds.ts";

/**
 * A sweep experiment's configuration: a Gaussian mixture, a plain MLP, a base setting
 * (λ₀, η₀, B₀) and the levels of the one-factor arms around it, every run trained `steps` steps.
 */
export interface SweepConfig extends MixtureFields, RunSeedFields {
  /** Hidden widths; depth L = hidden.length + 1. */
  readonly hidden: readonly number[];
  /** Base setting (λ₀, η₀, B₀) of the sweeps; λ₀ > 0 (loss adds λ Σ‖W_k‖²), B₀ < N. */
  readonly weightDecay: number;
  readonly learningRate: number;
  readonly batchSize: number;
  /** λ levels (> 0) of the `lambda` arm, at (η₀, B₀); should contain λ₀. */
  readonly weightDecays: readonly number[];
  /** η levels of the `eta` arm, at (λ₀, B₀); should contain η₀. */
  readonly learningRates: readonly number[];
  /** B levels of the `batch` arm, at (λ₀, η₀); should contain B₀; each < N. */
  readonly batchSizes: readonly number[];
  /** SGD steps of every run of the one-factor arms (equal training). */
  readonly steps: number;
}

/**
 * Data and network of the sweep families' canonical runs (low rank, SGD noise; `specs/regression.spec.ts`):
 * MLP 16-24-24-3 on a 3-class mixture, N = 48.
 */
export const CANONICAL_SWEEP_DATA = { classes: 3, dim: 16, perClass: 16, separation: 2, noise: 2, hidden: [24, 24] } as const;

/** What every measured run of a sweep records first: its seed, setting, status and end of training. */
export interface SweepRun<Setting> {
  readonly seed: number;
  readonly setting: Setting;
  readonly status: TrainedRun["status"];
  readonly reason?: string;
  /** Training square loss and accuracy (argmax) at the end. */
  readonly finalLoss: number;
  readonly finalAccuracy: number;
}

/** The `SweepRun` fields of a trained run, `finalWeights` being its last snapshot's weights as matrices. */
export function sweepRunFields<Setting>(run: TrainedRun, setting: Setting, finalWeights: readonly Matrix[]): SweepRun<Setting> {
  return {
    seed: run.spec.seed,
    setting,
    status: run.status,
    ...(run.reason === undefined ? {} : { reason: run.reason }),
    finalLoss: run.snapshots.at(-1)!.loss,
    finalAccuracy: argmaxAccuracy(forwardHost(finalWeights, inputMatrix(run.spec.data)).at(-1)!, run.spec.data.labels),
  };
}

/** The plain architecture of a sweep configuration: bias-free ReLU MLP d → hidden → C, no normalisation. */
export function sweepArchitecture(config: Pick<SweepConfig, "dim" | "hidden" | "classes">): MlpConfig {
  return { inputDim: config.dim, hidden: config.hidden, outputDim: config.classes, normalization: "none" };
}

/**
 * The jobs of the three one-factor arms around the base (λ₀, η₀, B₀), in this order and each only
 * when `wanted` names it: `lambda` — λ ∈ `weightDecays` at (η₀, B₀); `eta` — η ∈ `learningRates`
 * at (λ₀, B₀); `batch` — B ∈ `batchSizes` at (λ₀, η₀). `setting(λ, η, B)` makes a job's setting.
 * @example oneFactorJobs(config, ["lambda"], (l, e, b) => ({ l, e, b })); // one job per λ level
 */
export function oneFactorJobs<Setting>(
  config: Pick<SweepConfig, "weightDecay" | "learningRate" | "batchSize" | "weightDecays" | "learningRates" | "batchSizes">,
  wanted: readonly string[],
  setting: (weightDecay: number, learningRate: number, batchSize: number) => Setting,
): Array<SweepJob<"lambda" | "eta" | "batch", Setting>> {
  const { weightDecay: l0, learningRate: e0, batchSize: b0 } = config;
  const jobs: Array<SweepJob<"lambda" | "eta" | "batch", Setting>> = [];
  if (wanted.includes("lambda")) config.weightDecays.forEach((l) => jobs.push({ arm: "lambda", level: l, setting: setting(l, e0, b0) }));
  if (wanted.includes("eta")) config.learningRates.forEach((e) => jobs.push({ arm: "eta", level: e, setting: setting(l0, e, b0) }));
  if (wanted.includes("batch")) config.batchSizes.forEach((b) => jobs.push({ arm: "batch", level: b, setting: setting(l0, e0, b) }));
  return jobs;
}
export interface SweepJob<Arm extends string, Setting> {
  readonly arm: Arm;
  readonly level: number;
  readonly setting: Setting;
}

export interface SweepPlan<Setting, Run> {
  /** Identity of a training setting: jobs with equal keys are trained once. */
  key(setting: Setting): string;
  /** Settings with equal groups are trained in one request. */
  group(setting: Setting): string;
  /** Trains one group; runs flat, setting by setting, equally many per setting. */
  train(settings: Setting[]): Promise<Run[]>;
}

export type SweepArms<Arm extends string, Run> = Record<Arm, Array<{ level: number; runs: Run[] }>>;

export async function trainSweep<Arm extends string, Setting, Run>(
  armNames: readonly Arm[],
  jobs: readonly SweepJob<Arm, Setting>[],
  plan: SweepPlan<Setting, Run>,
): Promise<SweepArms<Arm, Run>> {
  const unique = [...new Map(jobs.map((j) => [plan.key(j.setting), j.setting])).values()];
  const groups = new Map<string, Setting[]>();
  for (const s of unique) {
    const g = plan.group(s);
    groups.set(g, [...(groups.get(g) ?? []), s]);
  }
  const trained = new Map<string, Run[]>();
  for (const settings of groups.values()) {
    const runs = await plan.train(settings);
    if (runs.length % settings.length !== 0) {
      throw new Error(`trainSweep: train returned ${runs.length} runs for ${settings.length} settings; expected a multiple of ${settings.length} (equally many per setting)`);
    }
    const per = runs.length / settings.length;
    settings.forEach((s, i) => trained.set(plan.key(s), runs.slice(i * per, (i + 1) * per)));
  }
  const arms = Object.fromEntries(armNames.map((a) => [a, []])) as unknown as SweepArms<Arm, Run>;
  for (const j of jobs) arms[j.arm].push({ level: j.level, runs: trained.get(plan.key(j.setting))! });
  return arms;
}
