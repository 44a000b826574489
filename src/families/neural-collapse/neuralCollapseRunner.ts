/**
 * The neural-collapse family (NC1–NC4, NC-WD, NC-depth) for the CLI, declared for the generic
 * runner (`src/cli/familyRunner.ts`): one configuration of `runNeuralCollapseExperiment`, measured
 * and decided with the spec's own rules (`NC_RULES`, `neuralCollapsePredictions.ts`). The worked
 * example of docs/architecture.md, "Adding a claim family".
 *
 * Options and defaults are the experiment's `NC_PARAMETERS` (the spec's first configuration); a
 * 1 000-step warm-up and 8 000 SGD steps times the profile's training scale.
 */
import { Matrix } from "ml-matrix";
import {
  collapseArchitecture,
  NC_DEPTH_SETTINGS,
  NC_PARAMETERS,
  NC_STEPS,
  NC_WARMUP,
  runNeuralCollapseExperiment,
  type CollapseArm,
  type CollapsePoint,
  type CollapseRun,
  type NeuralCollapseConfig,
  type NeuralCollapseResult,
} from "./neuralCollapseExperiment.ts";
import { decideWeightDecayNecessary, inRegime, layerSlope, log10Ratio, NC_RULES, REGIME_MAX_LOSS, type CollapseRule } from "./neuralCollapsePredictions.ts";
import { parameterShapes } from "../../nets/architecture.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import type { TrainedRun, TrainingRequest } from "../../train/types.ts";
import { control, familyRunner, mixtureRows, planRun, prediction, regimeWarnings, trainingLabel } from "../../cli/familyRunner.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { tensor } from "../../cli/exportTensors.ts";
import type { MeasurementTable } from "../../cli/format.ts";
import { listOption, numberOption, UsageError, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues } from "../../cli/parameters.ts";
import { meanAt, perRunTable, runsTable, yesNo } from "../../cli/runsTable.ts";
import type { CommonSettings, RunDecision } from "../../cli/runnerTypes.ts";
import { seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";

const ARMS: readonly CollapseArm[] = ["wd", "noWd", "frozen"];
const ARM_NAMES: Readonly<Record<CollapseArm, string>> = { wd: "λ > 0", noWd: "λ = 0", frozen: "frozen features" };
const CLAIMS = ["NC1", "NC2", "NC3", "NC4", "NC-WD", "NC-depth"] as const;
type NcClaim = (typeof CLAIMS)[number];
type Metric = Exclude<keyof CollapsePoint, "step" | "loss" | "accuracy">;

/** What the runner prints of a claim, with the spec's rule (`NC_RULES`; NC-WD's pairs are decided apart). */
interface ClaimPlan extends Partial<CollapseRule> {
  /** The asserted metric (trajectory claims), printed per run and over training. */
  readonly metric?: Metric;
  /** Further metrics reported at the end. */
  readonly reported: readonly Metric[];
  /** Arms trained by default. */
  readonly arms: readonly CollapseArm[];
}

const PLANS: Readonly<Record<NcClaim, ClaimPlan>> = {
  NC1: { metric: "nc1", reported: ["cdnv"], arms: ["wd", "frozen"], ...NC_RULES.NC1 },
  NC2: { metric: "frameDistance", reported: ["etfDistance", "equinorm", "equiangularity"], arms: ["wd", "frozen"], ...NC_RULES.NC2 },
  NC3: { metric: "nc3Uncentred", reported: ["nc3Centred"], arms: ["wd", "noWd"], ...NC_RULES.NC3 },
  NC4: { metric: "nc4", reported: [], arms: ["wd", "frozen"], ...NC_RULES.NC4 },
  "NC-WD": { metric: "nc3Uncentred", reported: ["nc1", "cdnv", "etfDistance"], arms: ["wd", "noWd"] },
  "NC-depth": { reported: [], arms: ["wd", "frozen"], ...NC_RULES["NC-depth"] },
};

/** The experiment configuration of `claim` from the profile defaults and the overrides. Pure. */
export function neuralCollapseConfig(settings: CommonSettings, options: OptionValues): NeuralCollapseConfig {
  const depth = numberOption(options, NC_PARAMETERS.depth.option, NC_PARAMETERS.depth.value);
  const tuned = depth >= 4 ? NC_DEPTH_SETTINGS[4] : NC_DEPTH_SETTINGS[3];
  const steps = trainingSteps(settings, NC_STEPS);
  const { classes, perClass, batchSize, width, warmupSteps, snapshots, depth: _, ...rest } = parameterValues(NC_PARAMETERS, options, {
    learningRate: tuned.learningRate,
    weightDecay: tuned.weightDecay,
    warmupSteps: Math.max(1, Math.min(NC_WARMUP, Math.round(steps / 8))),
  });
  const samples = classes * perClass;
  if (batchSize > samples) {
    throw new UsageError(`run: --batch ${batchSize} is larger than the training set N = C · per-class = ${classes} · ${perClass} = ${samples}; expected B ≤ ${samples}`, "run");
  }
  if (warmupSteps > steps) {
    throw new UsageError(`run: --warmup ${warmupSteps} is longer than the run (${steps} steps); expected a warm-up of at most --steps`, "run");
  }
  const { dim, separation, noise, learningRate, weightDecay } = rest;
  const hidden = Array.from({ length: depth - 1 }, () => width);
  return { classes, dim, perClass, separation, noise, hidden, learningRate, warmupSteps, weightDecay, batchSize, steps, snapshots: Math.min(snapshots, steps + 1), seed: settings.seed, seeds: seedsPerArm(settings) };
}

/** The arms to train for `claim` (the `--arms` override, which must include `wd`). */
export function armsFor(claim: NcClaim, options: OptionValues): CollapseArm[] {
  const arms = listOption(options, "arms", PLANS[claim].arms) as readonly CollapseArm[];
  if (!arms.includes("wd")) throw new UsageError(`run: --arms ${arms.join(",")} must include wd (the theorem's setting, λ > 0)`, "run");
  return ARMS.filter((a) => arms.includes(a));
}

const final = (run: CollapseRun): CollapsePoint | undefined => run.trajectory.at(-1);
const finalOf = (run: CollapseRun | undefined, metric: Metric): number => (run === undefined ? undefined : final(run)?.[metric]) ?? Number.NaN;

function tablesFor(claim: NcClaim, result: NeuralCollapseResult, arms: readonly CollapseArm[]): Array<MeasurementTable | undefined> {
  const named = arms.map((arm) => [ARM_NAMES[arm], result.arms[arm]] as const);
  const { metric, reported } = PLANS[claim];
  const layers = result.arms.wd[0]?.layerNc1.length ?? 0;
  const steps = result.arms.wd[0]?.trajectory.map((p) => p.step) ?? [];
  return [
    runsTable({
      title: "Runs (training set)",
      arms: named,
      final,
      columns: [["in regime", (r) => yesNo(inRegime(r))]],
      note: `in regime = quasi-interpolation: final square loss ≤ ${REGIME_MAX_LOSS} and every training sample classified correctly`,
    }),
    claim !== "NC-depth" ? undefined : perRunTable({
      title: "NC1 of each layer's activations at the end (layer 0 = input, last = top features)",
      arms: named,
      columns: [...Array.from({ length: layers }, (_, k) => [`layer ${k}`, (r: CollapseRun) => r.layerNc1[k] ?? Number.NaN] as const), ["slope log10 NC1/layer", layerSlope], ["rank(centred features)", (r) => r.centredFeatureRank]],
      note: `predicted: slope < 0 and top-feature rank ≈ C − 1 = ${result.config.classes - 1} (rank reported, not asserted)`,
    }),
    claim !== "NC-WD" ? undefined : perRunTable({
      title: "NC3 (uncentred) at the end, paired by seed",
      arms: [["λ > 0 / λ = 0", result.arms.wd.map((r, i) => [r, result.arms.noWd[i]] as const)]],
      columns: [
        ["log10 NC3 λ > 0", ([r]) => Math.log10(finalOf(r, "nc3Uncentred"))],
        ["log10 NC3 λ = 0", ([, z]) => Math.log10(finalOf(z, "nc3Uncentred"))],
        ["difference", ([r, z]) => Math.log10(finalOf(r, "nc3Uncentred")) - Math.log10(finalOf(z, "nc3Uncentred"))],
        ["λ = 0 in regime", ([, z]) => yesNo(z !== undefined && inRegime(z))],
        ["NC1 λ > 0", ([r]) => finalOf(r, "nc1")],
        ["NC1 λ = 0", ([, z]) => finalOf(z, "nc1")],
      ],
      note: "predicted: difference < −0.5 (weight decay leaves the classifier ≥ √10 × closer to the means); pairs whose λ = 0 run did not interpolate are left out",
    }),
    ...(metric === undefined ? [] : [
      perRunTable({
        title: `${metric} per run`,
        arms: named,
        columns: [[`${metric} at step 0`, (r) => r.trajectory[0]?.[metric] ?? Number.NaN], [`${metric} at the end`, (r) => finalOf(r, metric)], ["log10 ratio", (r) => log10Ratio(r, metric)], ...reported.map((m) => [`${m} at the end`, (r: CollapseRun) => finalOf(r, m)] as const)],
      }),
      { title: `${metric} over training (mean over seeds)`, columns: ["step", ...named.map(([name]) => name)], rows: steps.map((step, k) => [step, ...named.map(([, runs]) => meanAt(runs, k, (p) => p[metric]))]) },
    ]),
  ];
}

function decisionsFor(claim: NcClaim, result: NeuralCollapseResult, arms: readonly CollapseArm[]): { decisions: RunDecision[]; warnings: string[] } {
  const plan = PLANS[claim];
  const warnings = regimeWarnings(result.arms.wd, inRegime, "with λ > 0 did not reach quasi-interpolation");
  if (claim === "NC-WD") {
    const pairs = result.arms.wd.map((r, i) => [r, result.arms.noWd[i]] as const).filter((p): p is readonly [CollapseRun, CollapseRun] => p[1] !== undefined && inRegime(p[1]));
    if (pairs.length < 3) warnings.push(`NC-WD needs ≥ 3 pairs whose λ = 0 run interpolated; got ${pairs.length} (train the noWd arm with more seeds or steps)`);
    warnings.push("the spec's NC-WD control (a trainer that silently drops weight decay) is not run by the CLI");
    return { decisions: pairs.length < 3 ? [] : [prediction("NC-WD: λ > 0 vs λ = 0", decideWeightDecayNecessary(pairs.map((p) => p[0]), pairs.map((p) => p[1])))], warnings };
  }
  const decisions = [prediction(`${claim} on λ > 0`, plan.decide!(result.arms.wd))];
  if (plan.level !== undefined) decisions.push(prediction(`${claim} at the end on λ > 0`, plan.level(result.arms.wd)));
  if (plan.control !== undefined && arms.includes(plan.control)) {
    const on = `on the control (${ARM_NAMES[plan.control]})`;
    decisions.push(control(`${claim} ${on}`, plan.decide!(result.arms[plan.control])));
    if (plan.level !== undefined) decisions.push(control(`${claim} at the end ${on}`, plan.level(result.arms[plan.control])));
  }
  return { decisions, warnings };
}

/** A run's export: its fields, and the features h and outputs f on the training set at the last snapshot. */
function exportCollapseRun(arm: CollapseArm, index: number, measured: CollapseRun, trained: TrainedRun | undefined, config: NeuralCollapseConfig, snapshots: "ends" | "all"): unknown {
  const architecture = collapseArchitecture(config);
  const data = trained?.spec.data;
  const last = trained?.snapshots.at(-1);
  const acts = data === undefined || last === undefined ? undefined : forwardHost(weightMatrices(last.weights, architecture), inputMatrix(data));
  const at = (m: Matrix | undefined) => (m === undefined ? undefined : { step: last!.step, ...tensor(m.rows, m.columns, m.to1DArray()) });
  const { trajectory, layerNc1, centredFeatureRank, layerNorms } = measured;
  const fields = { weightDecay: trained?.spec.weightDecay, learningRate: trained?.spec.learningRate, features: at(acts?.at(-2)), outputs: at(acts?.at(-1)), trajectory, layerNc1, centredFeatureRank, layerNorms };
  return { arm, armName: ARM_NAMES[arm], index, ...exportRun(measured, fields, trained, parameterShapes(architecture), snapshots) };
}

const lambdas = (r: TrainingRequest) => [...new Set(r.runs.map((x) => x.weightDecay))].map((l) => (l === 0 ? "λ = 0" : `λ = ${l}`)).join(" and ");

export const neuralCollapseRunner = familyRunner<NcClaim>({
  family: "Neural collapse",
  claims: CLAIMS,
  noun: "a neural-collapse",
  description:
    "Trains one configuration of the neural-collapse experiment — bias-free ReLU MLPs with weight normalisation, " +
    "SGD with weight decay on the square loss, on a Gaussian mixture — with several seeds per arm (λ > 0, and the " +
    "claim's control: λ = 0 or features frozen at initialisation), then prints the NC metrics per run and over " +
    "training and the spec's decision rule applied to this one configuration.",
  options: [
    ...parameterOptions(NC_PARAMETERS),
    { name: "arms", kind: "list", choices: ARMS, placeholder: "<arms>", description: "arms to train: wd (λ > 0), noWd (λ = 0), frozen (last layer only); wd is required", defaultText: "the claim's arm and its control" },
  ],
  examples: [
    { command: "npx theorem-spec run NC1", description: "NC1 at the ci profile's defaults (about a minute on 2 cores)", quick: false },
    { command: "npx theorem-spec run NC1 --steps 1500 --seeds 3 --width 32", description: "a short NC1 run: shorter training, fewer seeds, narrower layers", quick: true },
    { command: "npx theorem-spec run NC-WD --seed 7 --classes 4", description: "NC-WD with another seed and four classes", quick: false },
    { command: "npx theorem-spec run NC-depth --depth 4 --dry-run", description: "print the NC-depth configuration at depth 4 without training", quick: true },
    { command: "npx theorem-spec export NC1 --steps 1500 --seeds 3 --width 32 --out out/nc1-short.json", description: "a short NC1 run's weights, features and trajectories as JSON", quick: true },
  ],
  prepare(claim, settings, options) {
    const config = neuralCollapseConfig(settings, options);
    const arms = armsFor(claim, options);
    const width = `, width ${config.hidden[0] ?? "-"}`;
    return planRun({
      configuration: {
        ...mixtureRows(config),
        "depth L": config.hidden.length + 1,
        "hidden widths": config.hidden.join("-"),
        "learning rate η": config.learningRate,
        "warm-up steps": config.warmupSteps,
        "weight decay λ": config.weightDecay,
        "batch B": config.batchSize,
        steps: config.steps,
        snapshots: config.snapshots,
        "seeds per arm": config.seeds,
        arms: arms.join(", "),
      },
      trainers: { main: { label: trainingLabel(lambdas, () => width) }, frozen: { options: { trainOnlyLastLayer: true }, label: trainingLabel(() => "frozen features") } },
      measure: (t) => runNeuralCollapseExperiment(config, { trainer: t.main, frozenTrainer: t.frozen, arms }),
      tables: (result) => tablesFor(claim, result, arms),
      decide: (result) => decisionsFor(claim, result, arms),
      export: {
        experiment: "neural collapse — src/families/neural-collapse/neuralCollapseExperiment.ts",
        conventions: {
          weights: "effective weights W_k (weight normalisation: g_k V_k), row-major [out_k, in_k]; layer k maps h_{k−1} to h_k",
          inputs: "training inputs, row-major [N, d]; labels in 0..C−1",
          features: "penultimate activations h (input of the last layer) on the training set at the last snapshot, row-major [N, p]",
          outputs: "network outputs f(x) on the training set at the last snapshot, row-major [N, C]",
          trajectory: "NC metrics of the training set at every snapshot (src/metrics; CLAIMS.md conventions)",
        },
        data(result, t, { snapshots }) {
          // The main trainer's one call trains wd's seeds, then noWd's; the frozen trainer the frozen arm.
          const trainedOf = (arm: CollapseArm, i: number) => (arm === "frozen" ? t.frozen.calls[0]?.runs[i] : t.main.calls[0]?.runs[(arm === "wd" ? 0 : config.seeds) + i]);
          const runs = (arm: CollapseArm) => result.arms[arm].map((r, i) => exportCollapseRun(arm, i, r, trainedOf(arm, i), result.config, snapshots));
          return { config: result.config, architecture: collapseArchitecture(result.config), trainer: result.trainer, arms: Object.fromEntries(arms.map((arm) => [arm, runs(arm)])) };
        },
      },
    });
  },
});
