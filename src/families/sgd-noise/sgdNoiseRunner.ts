/**
 * The SGD-noise family (S1, S2) for the CLI: one configuration of `runSgdNoiseExperiment` — plain
 * bias-free ReLU MLPs, constant η, SGD with weight decay at (λ₀, η₀, B₀) and sweeps around it,
 * with SGD at λ = 0 and full-batch GD as controls, per-step changes recorded at consecutive steps
 * in two late windows — measured and decided with the spec's rules (`sgdNoisePredictions.ts`).
 *
 * Defaults are the spec's (`SGD_NOISE_*` in `sgdNoiseExperiment.ts`), with the first value of each
 * choice it draws from: C = 3 classes in d = 16, N = 48, noise 1.5, width 24, depth 3;
 * (λ₀, η₀, B₀) = (0.05, 0.02, 8), λ ∈ {0.025, 0.05, 0.1}, η ∈ {0.01, 0.02, 0.04}, B ∈ {2, 8, 16};
 * 5 000 steps times the profile's training scale, 8 recorded pairs per window.
 */
import type { ClaimId } from "../../claims/catalog.ts";
import {
  noiseArchitecture,
  runSgdNoiseExperiment,
  SGD_NOISE_BASE,
  SGD_NOISE_CONFIGURATIONS,
  SGD_NOISE_NO_WD_STEPS_FACTOR,
  SGD_NOISE_PARAMETERS,
  SGD_NOISE_STEPS,
  type NoiseArm,
  type NoiseRun,
  type SgdNoiseConfig,
  type SgdNoiseResult,
} from "./sgdNoiseExperiment.ts";
import {
  decideConsistency,
  decideFloorTrend,
  decideOrdersLower,
  decideOutputFloor,
  decideWeightFloor,
  inInterpolation,
  INTERPOLATION_MAX_LOSS,
} from "./sgdNoisePredictions.ts";
import { layerShapes } from "../../nets/mlp.ts";
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import type { TrainedRun } from "../../train/types.ts";
import { captureTrainer } from "../../cli/captureTrainer.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { UsageError, type OptionSpec, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues } from "../../cli/parameters.ts";
import type { ClaimRun, CommonSettings, ExportOptions, FamilyRunner, PreparedRun, RunContext, RunDecision } from "../../cli/runnerTypes.ts";
import { requireAscending, seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";
import { baseRuns, consistencyTable, exponentsTable, floorsTable, NOISE_ARM_NAMES, noiseRunsTable, traceTable } from "./sgdNoiseTables.ts";

const SN = SGD_NOISE_CONFIGURATIONS;
const ARMS: Readonly<Record<"S1" | "S2", readonly NoiseArm[]>> = { S1: ["lambda", "noWd", "gd"], S2: ["lambda", "eta", "batch", "gd"] };

const OPTIONS: readonly OptionSpec[] = parameterOptions(SGD_NOISE_PARAMETERS);

/** The experiment configuration from the profile defaults and the overrides. Pure. */
export function sgdNoiseConfig(settings: CommonSettings, options: OptionValues): SgdNoiseConfig {
  const { classes, width, noise, pairs, ...levels } = parameterValues(SGD_NOISE_PARAMETERS, options);
  const perClass = Math.floor(SN.trainSize / classes);
  const n = classes * perClass;
  const steps = trainingSteps(settings, SGD_NOISE_STEPS);
  if (steps < 8 * pairs) throw new UsageError(`run: --steps ${steps} is too short for ${pairs} recorded pairs per window; expected steps ≥ 8 · pairs = ${8 * pairs} (two windows of a quarter each)`, "run");
  requireAscending("lambdas", levels.weightDecays);
  requireAscending("etas", levels.learningRates);
  requireAscending("batches", levels.batchSizes);
  if (!levels.weightDecays.includes(SGD_NOISE_BASE.weightDecay)) {
    throw new UsageError(`run: --lambdas ${levels.weightDecays.join(",")} is not valid; expected it to contain λ₀ = ${SGD_NOISE_BASE.weightDecay} (the base SGD arm of S1)`, "run");
  }
  const bad = levels.batchSizes.find((b) => !Number.isInteger(b) || b >= n);
  if (bad !== undefined) throw new UsageError(`run: --batches ${levels.batchSizes.join(",")} is not valid; expected integers below N = ${n} (B = ${bad} is not)`, "run");
  return {
    classes,
    dim: SN.dim,
    perClass,
    separation: SN.separation,
    noise,
    hidden: [width, width],
    ...SGD_NOISE_BASE,
    ...levels,
    steps,
    noWdSteps: SGD_NOISE_NO_WD_STEPS_FACTOR * steps,
    pairs,
    seed: settings.seed,
    seeds: seedsPerArm(settings),
  };
}

function okRuns(runs: readonly NoiseRun[], arm: string, warnings: string[]): readonly NoiseRun[] {
  const bad = runs.filter((r) => r.status !== "ok").length;
  if (bad > 0) warnings.push(`${bad} of ${runs.length} runs of the ${arm} diverged; the spec would call this configuration inconclusive`);
  return runs;
}

function s1Decisions(result: SgdNoiseResult): { decisions: RunDecision[]; warnings: string[] } {
  const warnings: string[] = [];
  const ref = result.config;
  const depth = ref.hidden.length + 1;
  const sgd = okRuns(baseRuns(result), "SGD arm", warnings);
  const gd = okRuns(result.arms.gd[0]?.runs ?? [], "GD arm", warnings);
  const noWd = result.arms.noWd[0]?.runs ?? [];
  const outside = noWd.filter((r) => !inInterpolation(r)).length;
  if (outside > 0) warnings.push(`${outside} of ${noWd.length} λ = 0 runs did not reach the interpolation regime (loss ≤ ${INTERPOLATION_MAX_LOSS}, accuracy 1); the spec would call the λ = 0 control inconclusive`);
  const decisions: RunDecision[] = [
    { label: "S1 weights keep moving at a floor (SGD, λ > 0)", expected: true, decision: decideWeightFloor(sgd, ref) },
    { label: "S1 outputs keep moving at a floor (SGD, λ > 0)", expected: true, decision: decideOutputFloor(sgd, ref, depth) },
    { label: "S1 weight floor on the control (full-batch GD)", expected: false, decision: decideWeightFloor(gd, ref) },
    { label: "S1 output floor on the control (full-batch GD)", expected: false, decision: decideOutputFloor(gd, ref, depth) },
    { label: "GD's weight floor ≥ 1 decade below SGD's", expected: true, decision: decideOrdersLower(gd, sgd, "weightFloor", ["GD λ > 0", "SGD λ > 0"]) },
    { label: "GD's output floor ≥ 1 decade below SGD's", expected: true, decision: decideOrdersLower(gd, sgd, "outputFloor", ["GD λ > 0", "SGD λ > 0"]) },
    { label: "S1 weight floor on the control (SGD, λ = 0)", expected: false, decision: decideWeightFloor(noWd, ref) },
    { label: "λ = 0's weight floor ≥ 1 decade below SGD's", expected: true, decision: decideOrdersLower(noWd, sgd, "weightFloor", ["SGD λ = 0", "SGD λ > 0"]) },
    { label: "S1 output floor on SGD with λ = 0 (the spec reports it, does not assert it: its outputs had not stopped)", expected: false, decision: decideOutputFloor(noWd, ref, depth) },
  ];
  return { decisions, warnings };
}

function s2Decisions(result: SgdNoiseResult): { decisions: RunDecision[]; warnings: string[] } {
  const warnings: string[] = [];
  const sgd = [...result.arms.lambda, ...result.arms.eta, ...result.arms.batch].flatMap((l) => l.runs);
  okRuns(sgd, "sweeps", warnings);
  const gd = okRuns(result.arms.gd[0]?.runs ?? [], "GD arm", warnings);
  const decisions: RunDecision[] = [
    { label: "S2 the step bounds the distance of W/‖W‖_F to rank B (every late step, every SGD run)", expected: true, decision: decideConsistency(sgd.filter((r) => r.status === "ok")) },
    { label: `S2 on the control (GD's steps, rank B = ${Math.min(...result.config.batchSizes)})`, expected: false, decision: decideConsistency(gd.filter((r) => r.status === "ok"), Math.min(...result.config.batchSizes)) },
  ];
  const sweeps = [["η", result.arms.eta, "increasing"], ["λ", result.arms.lambda, "increasing"], ["B", result.arms.batch, "decreasing"]] as const;
  for (const [name, sweep, direction] of sweeps) {
    if (sweep.length >= 2) decisions.push({ label: `S2 floor ${direction === "increasing" ? "grows" : "falls"} with ${name}`, expected: true, decision: decideFloorTrend(sweep, direction, name) });
    else warnings.push(`the floor's trend in ${name} needs at least two levels; got ${sweep.map((l) => l.level).join(",")}`);
  }
  return { decisions, warnings };
}

function exportNoiseRun(run: NoiseRun, trained: TrainedRun | undefined, config: SgdNoiseConfig, options: ExportOptions): unknown {
  const { setting, finalLoss, finalAccuracy, weightFloor, outputFloor, pairs } = run;
  return exportRun(run, { setting, finalLoss, finalAccuracy, weightFloor, outputFloor, pairs }, trained, layerShapes(noiseArchitecture(config)), options.snapshots);
}

function prepare(claim: ClaimId, settings: CommonSettings, options: OptionValues): PreparedRun {
  if (claim !== "S1" && claim !== "S2") throw new UsageError(`run: ${claim} is not an SGD-noise claim`, "run");
  const config = sgdNoiseConfig(settings, options);
  const arms = ARMS[claim];
  const configuration = {
    "classes C": config.classes,
    "input dim d": config.dim,
    "train samples N": config.classes * config.perClass,
    "separation / noise": `${config.separation} / ${config.noise}`,
    widths: [config.dim, ...config.hidden, config.classes].join("-"),
    parametrisation: "plain (decay λ‖W‖² on W), constant η",
    "base λ₀, η₀, B₀": `${config.weightDecay}, ${config.learningRate}, ${config.batchSize}`,
    "λ levels": config.weightDecays.join(", "),
    ...(claim === "S2" ? { "η levels": config.learningRates.join(", "), "B levels": config.batchSizes.join(", ") } : {}),
    arms: arms.map((a) => NOISE_ARM_NAMES[a]).join("; "),
    steps: config.steps,
    "pairs (t, t+1) per window": config.pairs,
    "seeds per setting": config.seeds,
  };
  return {
    configuration,
    async run(context: RunContext): Promise<ClaimRun> {
      const trainer = captureTrainer(sgdTrainer(), (r) => `training ${r.batchSize === "full" ? "full-batch GD" : `SGD, B = ${r.batchSize}`} (${r.runs.length} runs × ${r.steps} steps)`, context.progress.bind(context));
      const result = await runSgdNoiseExperiment(config, { trainer, arms });
      const tables = claim === "S1" ? [noiseRunsTable(result), floorsTable(result), traceTable(result)] : [noiseRunsTable(result), consistencyTable(result), exponentsTable(result)];
      const { decisions, warnings } = claim === "S1" ? s1Decisions(result) : s2Decisions(result);
      return {
        tables,
        decisions,
        warnings,
        exportData(exportOptions: ExportOptions) {
          // Each training call's runs, by (λ, η, B, full batch) and seed, to find a measured run's raw snapshots.
          const trained = new Map<string, TrainedRun>();
          for (const call of trainer.calls) {
            for (const r of call.runs) trained.set(`${call.request.batchSize}|${r.spec.weightDecay}|${r.spec.learningRate}|${r.spec.seed}`, r);
          }
          const rawOf = (r: NoiseRun) => trained.get(`${r.setting.fullBatch ? "full" : r.setting.batchSize}|${r.setting.weightDecay}|${r.setting.learningRate}|${r.seed}`);
          return {
            experiment: "intrinsic SGD noise — src/families/sgd-noise/sgdNoiseExperiment.ts",
            conventions: {
              weights: "effective weights W_k, row-major [out_k, in_k] (plain parametrisation)",
              inputs: "training inputs, row-major [N, d]; labels in 0..C−1",
              pairs: "per recorded step t → t+1: relative change of all weights and of the training outputs, and per layer the relative step (Frobenius, spectral) and the spectrum σ_i(W_t)/‖W_t‖_F",
              floors: "geometric mean of the per-step relative changes in the mid [T/2, 3T/4) and late [3T/4, T) windows",
              snapshots: exportOptions.snapshots === "all" ? "every recorded snapshot (the pairs' steps t and t+1)" : "first and last recorded snapshot (use --weights all for every one)",
            },
            config,
            architecture: result.architecture,
            trainer: result.trainer,
            arms: Object.fromEntries(arms.map((arm) => [arm, result.arms[arm].map((l) => ({ level: l.level, runs: l.runs.map((r) => exportNoiseRun(r, rawOf(r), config, exportOptions)) }))])),
          };
        },
      };
    },
  };
}

export const sgdNoiseRunner: FamilyRunner = {
  family: "Intrinsic SGD noise",
  claims: ["S1", "S2"],
  description:
    "Trains one configuration of the SGD-noise experiment — plain bias-free ReLU MLPs with constant η, SGD with weight " +
    "decay at a base setting and (S2) sweeps of λ, η and B around it, with SGD at λ = 0 and full-batch GD as controls — " +
    "records consecutive steps late in training, and prints the per-step change floors, the rank-B distance against " +
    "the step bound, the floor's exponents, and the spec's rules on this configuration.",
  options: OPTIONS,
  examples: [
    { command: "npx theorem-spec run S1", description: "S1 at the ci profile's defaults: SGD against full-batch GD and λ = 0 (about 10 s on 2 cores)", quick: false },
    {
      command: "npx theorem-spec run S2 --steps 800 --seeds 3 --lambdas 0.05,0.1 --etas 0.02,0.04 --batches 2,8",
      description: "a short S2 run on two levels per sweep",
      quick: true,
    },
    {
      command: "npx theorem-spec export S2 --batches 2,4,8,16 --out out/s2-batches.json",
      description: "S2 with four batch sizes; the recorded steps, floors and weights as JSON (about 20 s)",
      quick: false,
    },
  ],
  prepare,
};
