/**
 * The neural-collapse family (NC1–NC4, NC-WD, NC-depth) for the CLI: one configuration of
 * `runNeuralCollapseExperiment`, measured and decided with the spec's own rules
 * (`neuralCollapsePredictions.ts`). The worked example of the registry pattern (`../registry.ts`).
 *
 * Options and defaults are the experiment's `NC_PARAMETERS` (the spec's first configuration), the
 * rules the spec's `NC_RULES`; a 1 000-step warm-up and 8 000 SGD steps times the profile's
 * training scale.
 */
import { Matrix } from "ml-matrix";
import type { ClaimId } from "../../claims/catalog.ts";
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
import { sgdTrainer } from "../../train/sgdTrainer.ts";
import type { TrainedRun, TrainingRequest } from "../../train/types.ts";
import { captureTrainer } from "../../cli/captureTrainer.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { tensor } from "../../cli/exportTensors.ts";
import type { MeasurementTable } from "../../cli/format.ts";
import { listOption, numberOption, UsageError, type OptionSpec, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues } from "../../cli/parameters.ts";
import { runsTable, yesNo } from "../../cli/runsTable.ts";
import type { ClaimRun, CommonSettings, ExportOptions, FamilyRunner, PreparedRun, RunContext, RunDecision } from "../../cli/runnerTypes.ts";

const ARMS: readonly CollapseArm[] = ["wd", "noWd", "frozen"];
const ARM_NAMES: Readonly<Record<CollapseArm, string>> = {
  wd: "λ > 0",
  noWd: "λ = 0",
  frozen: "frozen features",
};

type NcClaim = "NC1" | "NC2" | "NC3" | "NC4" | "NC-WD" | "NC-depth";
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

const OPTIONS: readonly OptionSpec[] = [
  ...parameterOptions(NC_PARAMETERS),
  {
    name: "arms",
    kind: "list",
    choices: ARMS,
    placeholder: "<arms>",
    description: "arms to train: wd (λ > 0), noWd (λ = 0), frozen (last layer only); wd is required",
    defaultText: "the claim's arm and its control",
  },
];

function isNcClaim(claim: ClaimId): claim is NcClaim {
  return claim in PLANS;
}

/** The experiment configuration of `claim` from the profile defaults and the overrides. Pure. */
export function neuralCollapseConfig(settings: CommonSettings, options: OptionValues): NeuralCollapseConfig {
  const depth = numberOption(options, NC_PARAMETERS.depth.option, NC_PARAMETERS.depth.value);
  const tuned = depth >= 4 ? NC_DEPTH_SETTINGS[4] : NC_DEPTH_SETTINGS[3];
  const steps = settings.steps ?? Math.round(NC_STEPS * settings.profile.trainingScale);
  const { classes, perClass, batchSize, width, warmupSteps, snapshots, ...rest } = parameterValues(NC_PARAMETERS, options, {
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
  return {
    classes,
    dim: rest.dim,
    perClass,
    separation: rest.separation,
    noise: rest.noise,
    hidden: Array.from({ length: depth - 1 }, () => width),
    learningRate: rest.learningRate,
    warmupSteps,
    weightDecay: rest.weightDecay,
    batchSize,
    steps,
    snapshots: Math.min(snapshots, steps + 1),
    seed: settings.seed,
    seeds: settings.seeds ?? settings.profile.seedsPerConfig,
  };
}

/** The arms to train for `claim` (the `--arms` override, which must include `wd`). */
export function armsFor(claim: NcClaim, options: OptionValues): CollapseArm[] {
  const arms = listOption(options, "arms", PLANS[claim].arms) as readonly CollapseArm[];
  if (!arms.includes("wd")) throw new UsageError(`run: --arms ${arms.join(",")} must include wd (the theorem's setting, λ > 0)`, "run");
  return ARMS.filter((a) => arms.includes(a));
}

function finalPoint(run: CollapseRun): CollapsePoint | undefined {
  return run.trajectory.at(-1);
}

function collapseRunsTable(result: NeuralCollapseResult, arms: readonly CollapseArm[]): MeasurementTable {
  return runsTable({
    title: "Runs (training set)",
    arms: arms.map((arm) => [ARM_NAMES[arm], result.arms[arm]]),
    final: finalPoint,
    columns: [["in regime", (r) => yesNo(inRegime(r))]],
    note: `in regime = quasi-interpolation: final square loss ≤ ${REGIME_MAX_LOSS} and every training sample classified correctly`,
  });
}

function metricTable(result: NeuralCollapseResult, arms: readonly CollapseArm[], metric: Metric, reported: readonly Metric[]): MeasurementTable {
  const rows = arms.flatMap((arm) =>
    result.arms[arm].map((r, i) => {
      const first = r.trajectory[0];
      const last = finalPoint(r);
      return [
        ARM_NAMES[arm],
        i,
        first?.[metric] ?? Number.NaN,
        last?.[metric] ?? Number.NaN,
        log10Ratio(r, metric),
        ...reported.map((m) => last?.[m] ?? Number.NaN),
      ];
    }),
  );
  return {
    title: `${metric} per run`,
    columns: ["arm", "#", `${metric} at step 0`, `${metric} at the end`, "log10 ratio", ...reported.map((m) => `${m} at the end`)],
    rows,
  };
}

function trajectoryTable(result: NeuralCollapseResult, arms: readonly CollapseArm[], metric: Metric): MeasurementTable {
  const steps = result.arms.wd[0]?.trajectory.map((p) => p.step) ?? [];
  const mean = (runs: readonly CollapseRun[], k: number) => {
    const values = runs.map((r) => r.trajectory[k]?.[metric]).filter((v): v is number => v !== undefined);
    return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
  };
  return {
    title: `${metric} over training (mean over seeds)`,
    columns: ["step", ...arms.map((a) => ARM_NAMES[a])],
    rows: steps.map((step, k) => [step, ...arms.map((a) => mean(result.arms[a], k))]),
  };
}

function depthTable(result: NeuralCollapseResult, arms: readonly CollapseArm[]): MeasurementTable {
  const layers = result.arms.wd[0]?.layerNc1.length ?? 0;
  return {
    title: "NC1 of each layer's activations at the end (layer 0 = input, last = top features)",
    columns: ["arm", "#", ...Array.from({ length: layers }, (_, k) => `layer ${k}`), "slope log10 NC1/layer", "rank(centred features)"],
    rows: arms.flatMap((arm) => result.arms[arm].map((r, i) => [ARM_NAMES[arm], i, ...r.layerNc1, layerSlope(r), r.centredFeatureRank])),
    note: `predicted: slope < 0 and top-feature rank ≈ C − 1 = ${result.config.classes - 1} (rank reported, not asserted)`,
  };
}

function weightDecayTable(result: NeuralCollapseResult): MeasurementTable {
  const noWd = result.arms.noWd;
  return {
    title: "NC3 (uncentred) at the end, paired by seed",
    columns: ["#", "log10 NC3 λ > 0", "log10 NC3 λ = 0", "difference", "λ = 0 in regime", "NC1 λ > 0", "NC1 λ = 0"],
    rows: result.arms.wd.map((r, i) => {
      const z = noWd[i];
      const a = Math.log10(finalPoint(r)?.nc3Uncentred ?? Number.NaN);
      const b = Math.log10((z === undefined ? undefined : finalPoint(z)?.nc3Uncentred) ?? Number.NaN);
      return [i, a, b, a - b, z !== undefined && inRegime(z) ? "yes" : "no", finalPoint(r)?.nc1 ?? Number.NaN, (z === undefined ? undefined : finalPoint(z)?.nc1) ?? Number.NaN];
    }),
    note: "predicted: difference < −0.5 (weight decay leaves the classifier ≥ √10 × closer to the means); pairs whose λ = 0 run did not interpolate are left out",
  };
}

function decisionsFor(claim: NcClaim, result: NeuralCollapseResult, arms: readonly CollapseArm[]): { decisions: RunDecision[]; warnings: string[] } {
  const plan = PLANS[claim];
  const warnings: string[] = [];
  const outside = result.arms.wd.filter((r) => !inRegime(r)).length;
  if (outside > 0) {
    warnings.push(`${outside} of ${result.arms.wd.length} runs with λ > 0 did not reach quasi-interpolation; the spec would call this configuration inconclusive`);
  }
  const decisions: RunDecision[] = [];
  if (claim === "NC-WD") {
    const pairs = result.arms.wd.map((r, i) => [r, result.arms.noWd[i]] as const).filter((p): p is readonly [CollapseRun, CollapseRun] => p[1] !== undefined && inRegime(p[1]));
    if (pairs.length >= 3) {
      decisions.push({ label: "NC-WD: λ > 0 vs λ = 0", expected: true, decision: decideWeightDecayNecessary(pairs.map((p) => p[0]), pairs.map((p) => p[1])) });
    } else {
      warnings.push(`NC-WD needs ≥ 3 pairs whose λ = 0 run interpolated; got ${pairs.length} (train the noWd arm with more seeds or steps)`);
    }
    warnings.push("the spec's NC-WD control (a trainer that silently drops weight decay) is not run by the CLI");
    return { decisions, warnings };
  }
  decisions.push({ label: `${claim} on λ > 0`, expected: true, decision: plan.decide!(result.arms.wd) });
  if (plan.level !== undefined) decisions.push({ label: `${claim} at the end on λ > 0`, expected: true, decision: plan.level(result.arms.wd) });
  if (plan.control !== undefined && arms.includes(plan.control)) {
    decisions.push({ label: `${claim} on the control (${ARM_NAMES[plan.control]})`, expected: false, decision: plan.decide!(result.arms[plan.control]) });
    if (plan.level !== undefined) decisions.push({ label: `${claim} at the end on the control (${ARM_NAMES[plan.control]})`, expected: false, decision: plan.level(result.arms[plan.control]) });
  }
  return { decisions, warnings };
}

function exportCollapseRun(arm: CollapseArm, index: number, measured: CollapseRun, trained: TrainedRun | undefined, result: NeuralCollapseResult, options: ExportOptions): unknown {
  const architecture = collapseArchitecture(result.config);
  const shapes = parameterShapes(architecture);
  const data = trained?.spec.data;
  let features: unknown;
  let outputs: unknown;
  const last = trained?.snapshots.at(-1);
  if (data !== undefined && last !== undefined) {
    const acts = forwardHost(weightMatrices(last.weights, architecture), inputMatrix(data));
    const h = acts.at(-2) as Matrix;
    const f = acts.at(-1) as Matrix;
    features = { step: last.step, ...tensor(h.rows, h.columns, h.to1DArray()) };
    outputs = { step: last.step, ...tensor(f.rows, f.columns, f.to1DArray()) };
  }
  const { trajectory, layerNc1, centredFeatureRank, layerNorms } = measured;
  const fields = { weightDecay: trained?.spec.weightDecay, learningRate: trained?.spec.learningRate, features, outputs, trajectory, layerNc1, centredFeatureRank, layerNorms };
  return { arm, armName: ARM_NAMES[arm], index, ...exportRun(measured, fields, trained, shapes, options.snapshots) };
}

function armLabel(request: TrainingRequest, config: NeuralCollapseConfig, frozen: boolean): string {
  if (frozen) return `training frozen features (${request.runs.length} runs × ${request.steps} steps)`;
  const lambdas = [...new Set(request.runs.map((r) => r.weightDecay))].map((l) => (l === 0 ? "λ = 0" : `λ = ${l}`));
  return `training ${lambdas.join(" and ")} (${request.runs.length} runs × ${request.steps} steps, width ${config.hidden[0] ?? "-"})`;
}

function prepare(claim: ClaimId, settings: CommonSettings, options: OptionValues): PreparedRun {
  if (!isNcClaim(claim)) throw new UsageError(`run: ${claim} is not a neural-collapse claim`, "run");
  const config = neuralCollapseConfig(settings, options);
  const arms = armsFor(claim, options);
  const plan = PLANS[claim];
  const configuration = {
    "classes C": config.classes,
    "input dim d": config.dim,
    "train samples N": config.classes * config.perClass,
    "separation / noise": `${config.separation} / ${config.noise}`,
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
  };
  return {
    configuration,
    async run(context: RunContext): Promise<ClaimRun> {
      const main = captureTrainer(sgdTrainer(), (r) => armLabel(r, config, false), context.progress.bind(context));
      const frozen = captureTrainer(sgdTrainer({ trainOnlyLastLayer: true }), (r) => armLabel(r, config, true), context.progress.bind(context));
      const result = await runNeuralCollapseExperiment(config, { trainer: main, frozenTrainer: frozen, arms });
      const tables: MeasurementTable[] = [collapseRunsTable(result, arms)];
      if (claim === "NC-depth") tables.push(depthTable(result, arms));
      else if (claim === "NC-WD") tables.push(weightDecayTable(result));
      if (plan.metric !== undefined) {
        tables.push(metricTable(result, arms, plan.metric, plan.reported), trajectoryTable(result, arms, plan.metric));
      }
      const { decisions, warnings } = decisionsFor(claim, result, arms);
      return {
        tables,
        decisions,
        warnings,
        exportData(exportOptions: ExportOptions) {
          const mainRuns = main.calls[0]?.runs ?? [];
          const nWd = arms.includes("wd") ? config.seeds : 0;
          const trainedOf = (arm: CollapseArm, i: number): TrainedRun | undefined =>
            arm === "frozen" ? frozen.calls[0]?.runs[i] : mainRuns[(arm === "wd" ? 0 : nWd) + i];
          return {
            experiment: "neural collapse — src/families/neural-collapse/neuralCollapseExperiment.ts",
            conventions: {
              weights: "effective weights W_k (weight normalisation: g_k V_k), row-major [out_k, in_k]; layer k maps h_{k−1} to h_k",
              inputs: "training inputs, row-major [N, d]; labels in 0..C−1",
              features: "penultimate activations h (input of the last layer) on the training set at the last snapshot, row-major [N, p]",
              outputs: "network outputs f(x) on the training set at the last snapshot, row-major [N, C]",
              trajectory: "NC metrics of the training set at every snapshot (src/metrics; CLAIMS.md conventions)",
              snapshots: exportOptions.snapshots === "all" ? "every recorded snapshot" : "first and last snapshot (use --weights all for every one)",
            },
            config: result.config,
            architecture: collapseArchitecture(result.config),
            trainer: result.trainer,
            arms: Object.fromEntries(arms.map((arm) => [arm, result.arms[arm].map((r, i) => exportCollapseRun(arm, i, r, trainedOf(arm, i), result, exportOptions))])),
          };
        },
      };
    },
  };
}

export const neuralCollapseRunner: FamilyRunner = {
  family: "Neural collapse",
  claims: ["NC1", "NC2", "NC3", "NC4", "NC-WD", "NC-depth"],
  description:
    "Trains one configuration of the neural-collapse experiment — bias-free ReLU MLPs with weight normalisation, " +
    "SGD with weight decay on the square loss, on a Gaussian mixture — with several seeds per arm (λ > 0, and the " +
    "claim's control: λ = 0 or features frozen at initialisation), then prints the NC metrics per run and over " +
    "training and the spec's decision rule applied to this one configuration.",
  options: OPTIONS,
  examples: [
    { command: "npx theorem-spec run NC1", description: "NC1 at the ci profile's defaults (about a minute on 2 cores)", quick: false },
    {
      command: "npx theorem-spec run NC1 --steps 1500 --seeds 3 --width 32",
      description: "a short NC1 run: shorter training, fewer seeds, narrower layers",
      quick: true,
    },
    { command: "npx theorem-spec run NC-WD --seed 7 --classes 4", description: "NC-WD with another seed and four classes", quick: false },
    { command: "npx theorem-spec run NC-depth --depth 4 --dry-run", description: "print the NC-depth configuration at depth 4 without training", quick: true },
    {
      command: "npx theorem-spec export NC1 --steps 1500 --seeds 3 --width 32 --out out/nc1-short.json",
      description: "a short NC1 run's weights, features and trajectories as JSON",
      quick: true,
    },
  ],
  prepare,
};
