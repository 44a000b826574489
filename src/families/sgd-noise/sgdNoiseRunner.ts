/**
 * The SGD-noise family (S1, S2) for the CLI, declared for the generic runner
 * (`src/cli/familyRunner.ts`): one configuration of `runSgdNoiseExperiment` — plain bias-free ReLU
 * MLPs, constant η, SGD with weight decay at (λ₀, η₀, B₀) and sweeps around it, with SGD at λ = 0
 * and full-batch GD as controls, per-step changes recorded at consecutive steps in two late
 * windows — decided with the spec's rules (`sgdNoisePredictions.ts`).
 *
 * Options and defaults are the experiment's `SGD_NOISE_PARAMETERS` (the first value of each choice
 * the spec draws from); 5 000 steps times the profile's training scale, 8 recorded pairs per window.
 */
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
import { decideConsistency, decideFloorTrend, decideOrdersLower, decideOutputFloor, decideWeightFloor, inInterpolation, INTERPOLATION_MAX_LOSS } from "./sgdNoisePredictions.ts";
import { layerShapes } from "../../nets/mlp.ts";
import { control, familyRunner, mixtureRows, optimiser, planRun, prediction, regimeWarnings, trainingLabel } from "../../cli/familyRunner.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { UsageError, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues } from "../../cli/parameters.ts";
import type { CommonSettings, RunDecision } from "../../cli/runnerTypes.ts";
import { requireAscending, requireBatchesBelow, seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";
import { baseRuns, consistencyTable, exponentsTable, floorsTable, NOISE_ARM_NAMES, noiseRunsTable, traceTable } from "./sgdNoiseTables.ts";

const SN = SGD_NOISE_CONFIGURATIONS;
const ARMS: Readonly<Record<"S1" | "S2", readonly NoiseArm[]>> = { S1: ["lambda", "noWd", "gd"], S2: ["lambda", "eta", "batch", "gd"] };

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
  requireBatchesBelow(levels.batchSizes, n);
  const { dim, separation } = SN;
  return { classes, dim, perClass, separation, noise, hidden: [width, width], ...SGD_NOISE_BASE, ...levels, steps, noWdSteps: SGD_NOISE_NO_WD_STEPS_FACTOR * steps, pairs, seed: settings.seed, seeds: seedsPerArm(settings) };
}

const diverged = (runs: readonly NoiseRun[], arm: string) => regimeWarnings(runs, (r) => r.status === "ok", `of the ${arm} diverged`);

function s1Decisions(result: SgdNoiseResult): { decisions: RunDecision[]; warnings: string[] } {
  const ref = result.config;
  const depth = ref.hidden.length + 1;
  const sgd = baseRuns(result);
  const gd = result.arms.gd[0]?.runs ?? [];
  const noWd = result.arms.noWd[0]?.runs ?? [];
  const warnings = [
    ...diverged(sgd, "SGD arm"),
    ...diverged(gd, "GD arm"),
    ...regimeWarnings(noWd, inInterpolation, `at λ = 0 did not reach the interpolation regime (loss ≤ ${INTERPOLATION_MAX_LOSS}, accuracy 1)`, "the λ = 0 control"),
  ];
  const decisions: RunDecision[] = [
    prediction("S1 weights keep moving at a floor (SGD, λ > 0)", decideWeightFloor(sgd, ref)),
    prediction("S1 outputs keep moving at a floor (SGD, λ > 0)", decideOutputFloor(sgd, ref, depth)),
    control("S1 weight floor on the control (full-batch GD)", decideWeightFloor(gd, ref)),
    control("S1 output floor on the control (full-batch GD)", decideOutputFloor(gd, ref, depth)),
    prediction("GD's weight floor ≥ 1 decade below SGD's", decideOrdersLower(gd, sgd, "weightFloor", ["GD λ > 0", "SGD λ > 0"])),
    prediction("GD's output floor ≥ 1 decade below SGD's", decideOrdersLower(gd, sgd, "outputFloor", ["GD λ > 0", "SGD λ > 0"])),
    control("S1 weight floor on the control (SGD, λ = 0)", decideWeightFloor(noWd, ref)),
    prediction("λ = 0's weight floor ≥ 1 decade below SGD's", decideOrdersLower(noWd, sgd, "weightFloor", ["SGD λ = 0", "SGD λ > 0"])),
    control("S1 output floor on SGD with λ = 0 (the spec reports it, does not assert it: its outputs had not stopped)", decideOutputFloor(noWd, ref, depth)),
  ];
  return { decisions, warnings };
}

function s2Decisions(result: SgdNoiseResult): { decisions: RunDecision[]; warnings: string[] } {
  const { arms, config } = result;
  const sgd = [...arms.lambda, ...arms.eta, ...arms.batch].flatMap((l) => l.runs);
  const gd = arms.gd[0]?.runs ?? [];
  const warnings = [...diverged(sgd, "sweeps"), ...diverged(gd, "GD arm")];
  const ok = (runs: readonly NoiseRun[]) => runs.filter((r) => r.status === "ok");
  const bMin = Math.min(...config.batchSizes);
  const decisions: RunDecision[] = [
    prediction("S2 the step bounds the distance of W/‖W‖_F to rank B (every late step, every SGD run)", decideConsistency(ok(sgd))),
    control(`S2 on the control (GD's steps, rank B = ${bMin})`, decideConsistency(ok(gd), bMin)),
  ];
  for (const [name, sweep, direction] of [["η", arms.eta, "increasing"], ["λ", arms.lambda, "increasing"], ["B", arms.batch, "decreasing"]] as const) {
    if (sweep.length >= 2) decisions.push(prediction(`S2 floor ${direction === "increasing" ? "grows" : "falls"} with ${name}`, decideFloorTrend(sweep, direction, name)));
    else warnings.push(`the floor's trend in ${name} needs at least two levels; got ${sweep.map((l) => l.level).join(",")}`);
  }
  return { decisions, warnings };
}

export const sgdNoiseRunner = familyRunner<"S1" | "S2">({
  family: "Intrinsic SGD noise",
  claims: ["S1", "S2"],
  noun: "an SGD-noise",
  description:
    "Trains one configuration of the SGD-noise experiment — plain bias-free ReLU MLPs with constant η, SGD with weight " +
    "decay at a base setting and (S2) sweeps of λ, η and B around it, with SGD at λ = 0 and full-batch GD as controls — " +
    "records consecutive steps late in training, and prints the per-step change floors, the rank-B distance against " +
    "the step bound, the floor's exponents, and the spec's rules on this configuration.",
  options: parameterOptions(SGD_NOISE_PARAMETERS),
  examples: [
    { command: "npx theorem-spec run S1", description: "S1 at the ci profile's defaults: SGD against full-batch GD and λ = 0 (about 10 s on 2 cores)", quick: false },
    { command: "npx theorem-spec run S2 --steps 800 --seeds 3 --lambdas 0.05,0.1 --etas 0.02,0.04 --batches 2,8", description: "a short S2 run on two levels per sweep", quick: true },
    { command: "npx theorem-spec export S2 --batches 2,4,8,16 --out out/s2-batches.json", description: "S2 with four batch sizes; the recorded steps, floors and weights as JSON (about 20 s)", quick: false },
  ],
  prepare(claim, settings, options) {
    const config = sgdNoiseConfig(settings, options);
    const arms = ARMS[claim];
    return planRun({
      configuration: {
        ...mixtureRows(config),
        widths: [config.dim, ...config.hidden, config.classes].join("-"),
        parametrisation: "plain (decay λ‖W‖² on W), constant η",
        "base λ₀, η₀, B₀": `${config.weightDecay}, ${config.learningRate}, ${config.batchSize}`,
        "λ levels": config.weightDecays.join(", "),
        ...(claim === "S2" ? { "η levels": config.learningRates.join(", "), "B levels": config.batchSizes.join(", ") } : {}),
        arms: arms.map((a) => NOISE_ARM_NAMES[a]).join("; "),
        steps: config.steps,
        "pairs (t, t+1) per window": config.pairs,
        "seeds per setting": config.seeds,
      },
      trainers: { main: { label: trainingLabel(optimiser) } },
      measure: (t) => runSgdNoiseExperiment(config, { trainer: t.main, arms }),
      tables: (result) => (claim === "S1" ? [noiseRunsTable(result), floorsTable(result), traceTable(result)] : [noiseRunsTable(result), consistencyTable(result), exponentsTable(result)]),
      decide: claim === "S1" ? s1Decisions : s2Decisions,
      export: {
        experiment: "intrinsic SGD noise — src/families/sgd-noise/sgdNoiseExperiment.ts",
        conventions: {
          weights: "effective weights W_k, row-major [out_k, in_k] (plain parametrisation)",
          inputs: "training inputs, row-major [N, d]; labels in 0..C−1",
          pairs: "per recorded step t → t+1: relative change of all weights and of the training outputs, and per layer the relative step (Frobenius, spectral) and the spectrum σ_i(W_t)/‖W_t‖_F",
          floors: "geometric mean of the per-step relative changes in the mid [T/2, 3T/4) and late [3T/4, T) windows",
        },
        snapshots: ["every recorded snapshot (the pairs' steps t and t+1)", "first and last recorded snapshot (use --weights all for every one)"],
        data(result, t, { snapshots }) {
          // A measured run's raw snapshots: among the training calls of its batch, the run of its (λ, η, seed).
          const rawOf = ({ setting: s, seed }: NoiseRun) =>
            t.main.calls.filter((c) => c.request.batchSize === (s.fullBatch ? "full" : s.batchSize)).flatMap((c) => c.runs).find((r) => r.spec.weightDecay === s.weightDecay && r.spec.learningRate === s.learningRate && r.spec.seed === seed);
          const shapes = layerShapes(noiseArchitecture(config));
          const exported = (r: NoiseRun) => exportRun(r, { setting: r.setting, finalLoss: r.finalLoss, finalAccuracy: r.finalAccuracy, weightFloor: r.weightFloor, outputFloor: r.outputFloor, pairs: r.pairs }, rawOf(r), shapes, snapshots);
          return { config, architecture: result.architecture, trainer: result.trainer, arms: Object.fromEntries(arms.map((arm) => [arm, result.arms[arm].map((l) => ({ level: l.level, runs: l.runs.map(exported) }))])) };
        },
      },
    });
  },
});
