/**
 * The duality family (D1, D2) for the CLI, with the spec's rules (`dualityPredictions.ts`):
 *
 * - D1: one configuration of `runNullSpaceExperiment` — plain bias-free ReLU MLPs on N < d
 *   inputs, one run per λ of `--lambdas` and its λ = 0 twin, trained by full-batch GD and by SGD
 *   for `D1_STEPS` steps with a snapshot at every step — and the exact null-space identity
 *   ‖W⊥_t‖ = (1 − 2ηλ)^t ‖W⊥_0‖ checked on every step of every curve. Defaults: the upper ends of
 *   the spec's ranges (`D1_CONFIGURATIONS`): binary, 5 samples per class (N = 10) in d = 40, one
 *   hidden layer of width 24, λ at both ends of [5e-3, 0.1] and their geometric mean, η = 0.05,
 *   B = ⌊N/2⌋.
 * - D2: one configuration of `runStationaryExperiment` — full-batch GD with λ > 0 and λ = 0 towards
 *   a stationary point — and the row-space residuals against span{h_{k−1}(x_n)} and span{μ_c}.
 *   Defaults: the first values of the spec's configurations (`D2_CONFIGURATIONS`, `D2_SETTINGS`):
 *   binary, N = 24, d = 32, depth 3, width 40, η = 0.05, λ = 0.04, 2 000 steps times the
 *   profile's training scale, 9 snapshots.
 */
import {
  D1_CONFIGURATIONS,
  D1_STEPS,
  nullSpaceArchitecture,
  runNullSpaceExperiment,
  type NullSpaceConfig,
  type NullSpaceResult,
  type NullSpaceRun,
} from "./dualityNullSpace.ts";
import { allChecks, checkNullSpaceDecay, decideLayerDuality, decideMeansDuality, D2_MIN_STATIONARY_RUNS, stationaryRuns, residualBoundViolations } from "./dualityPredictions.ts";
import {
  D2_CONFIGURATIONS,
  D2_SETTINGS,
  runStationaryExperiment,
  stationaryArchitecture,
  type DualityRun,
  type StationaryConfig,
  type StationaryResult,
} from "./dualityStationary.ts";
import { parameterShapes } from "../../nets/architecture.ts";
import type { DecisionLike } from "../../report/attachDecision.ts";
import type { TrainedRun } from "../../train/types.ts";
import { control, familyRunner, optimiser, outputView, planRun, prediction, trainingLabel, VIEW_OPTION, viewRows } from "../../cli/familyRunner.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { numberOption, numbersOption, UsageError, type OptionValues } from "../../cli/options.ts";
import type { CommonSettings, PreparedRun, RunDecision } from "../../cli/runnerTypes.ts";
import { seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";
import { curvesTable, curveTrajectoryTable, residualTable, residualTrajectoryTable, stationaryRunsTable, twinsTable } from "./dualityTables.ts";

const D1C = D1_CONFIGURATIONS;
const D2C = D2_CONFIGURATIONS;

/** D1's default λ: `D1C.runs` values spaced geometrically over the spec's range, ends included. */
const D1_LAMBDAS = Array.from({ length: D1C.runs }, (_, i) => D1C.lambda[0] * (D1C.lambda[1] / D1C.lambda[0]) ** (i / (D1C.runs - 1)));

const OPTIONS = [
  VIEW_OPTION,
  { name: "classes", kind: "int", min: 2, max: 20, placeholder: "<C>", description: "classes C of the one-hot view", defaultText: `D1 ${D1C.oneHotClasses}, D2 ${D2C.oneHotClasses[0]}` },
  { name: "dim", kind: "int", min: 2, max: 1024, placeholder: "<d>", description: "input dimension d (> N: span{x_n} a proper subspace)", defaultText: `D1 ${D1C.maxDim}, D2 ${D2C.dims[0]}` },
  { name: "depth", kind: "int", min: 2, max: 8, placeholder: "<L>", description: "layers L (hidden layers L − 1)", defaultText: `D1 ${D1C.hiddenLayers[0] + 1}, D2 ${D2C.depths[0]}` },
  { name: "width", kind: "int", min: 1, max: 2048, placeholder: "<p>", description: "width of every hidden layer (D2: > N)", defaultText: `D1 ${D1C.width[1]}, D2 ${D2C.widths[0]}` },
  { name: "lr", kind: "number", min: 1e-9, max: 10, placeholder: "<η>", description: "learning rate η (constant)", defaultText: `D1 ${D1C.learningRate[1]}, D2 ${D2_SETTINGS.learningRate}` },
  { name: "per-class", kind: "int", min: 1, max: 500, placeholder: "<n>", description: "D1: samples per class (N = C·n < d)", defaultText: String(D1C.perClass[1]) },
  { name: "lambdas", kind: "numbers", min: 1e-12, max: 10, placeholder: "<λ,λ,…>", description: "D1: one run per λ > 0 (each with a λ = 0 twin)", defaultText: D1_LAMBDAS.map((l) => l.toPrecision(3)).join(",") },
  { name: "batch", kind: "int", min: 1, placeholder: "<B>", description: "D1: SGD minibatch size B < N", defaultText: "⌊N/2⌋" },
  { name: "lambda", kind: "number", min: 1e-12, max: 10, placeholder: "<λ>", description: "D2: weight decay λ > 0 of the λ > 0 arm", defaultText: String(D2_SETTINGS.weightDecay) },
  { name: "snapshots", kind: "int", min: 2, max: 1000, placeholder: "<k>", description: "D2: snapshots measured, evenly spaced", defaultText: String(D2C.snapshots) },
] as const;

/** D1's configuration from the defaults and the overrides. Pure. */
export function nullSpaceConfig(settings: CommonSettings, options: OptionValues): NullSpaceConfig {
  const { view, classes } = outputView(options, D1C.oneHotClasses);
  const perClass = numberOption(options, "per-class", D1C.perClass[1]);
  const n = classes * perClass;
  const dim = numberOption(options, "dim", D1C.maxDim);
  if (!(n < dim)) throw new UsageError(`run: --dim ${dim} is not above N = C · per-class = ${classes} · ${perClass} = ${n}; expected d > N (span{x_n} a proper subspace)`, "run");
  const batchSize = numberOption(options, "batch", Math.floor(n / 2));
  if (!(batchSize < n)) throw new UsageError(`run: --batch ${batchSize} is not below N = ${n}; expected 1 ≤ B < N (the SGD request; GD uses the full batch)`, "run");
  const learningRate = numberOption(options, "lr", D1C.learningRate[1]);
  const depth = numberOption(options, "depth", D1C.hiddenLayers[0] + 1);
  return {
    view,
    classes,
    dim,
    perClass,
    separation: D1C.separation,
    noise: D1C.noise,
    hidden: Array.from({ length: depth - 1 }, () => numberOption(options, "width", D1C.width[1])),
    runs: numbersOption(options, "lambdas", D1_LAMBDAS).map((weightDecay) => ({ weightDecay, learningRate })),
    batchSize,
    steps: settings.steps ?? D1_STEPS,
    seed: settings.seed,
  };
}

/** D2's configuration from the profile defaults and the overrides. Pure. */
export function stationaryConfig(settings: CommonSettings, options: OptionValues): StationaryConfig {
  const { view, classes } = outputView(options, D2C.oneHotClasses[0]);
  const perClass = Math.floor(D2C.trainSize / classes);
  const n = classes * perClass;
  const dim = numberOption(options, "dim", D2C.dims[0]);
  const depth = numberOption(options, "depth", D2C.depths[0]);
  const width = numberOption(options, "width", D2C.widths[0]);
  if (!(n < Math.min(dim, width))) {
    throw new UsageError(`run: --dim ${dim} and --width ${width} must both exceed N = ${n}; expected N < d and N < every hidden width (each span{h_{k−1}(x_n)} a proper subspace)`, "run");
  }
  const steps = trainingSteps(settings, D2_SETTINGS.steps);
  return {
    view,
    classes,
    dim,
    perClass,
    separation: D2C.separation,
    noise: D2C.noise,
    hidden: Array.from({ length: depth - 1 }, () => width),
    learningRate: numberOption(options, "lr", D2_SETTINGS.learningRate),
    weightDecay: numberOption(options, "lambda", D2_SETTINGS.weightDecay),
    steps,
    snapshots: Math.min(numberOption(options, "snapshots", D2C.snapshots), steps + 1),
    seed: settings.seed,
    seeds: seedsPerArm(settings),
  };
}

function d1Decisions(result: NullSpaceResult): RunDecision[] {
  return (["gd", "sgd"] as const).flatMap((key) => {
    const name = key === "gd" ? "full-batch GD" : "minibatch SGD";
    const { decayed, twins } = result[key];
    return [
      prediction(`D1 under ${name}: ‖W⊥_t‖ = (1 − 2ηλ)^t ‖W⊥_0‖ at every step`, allChecks(`D1 under ${name}`, decayed.map((r) => checkNullSpaceDecay(r)))),
      prediction(`λ = 0 twins keep ‖W⊥‖ constant (${name})`, allChecks(`λ = 0 twins against a constant ‖W⊥‖ (${key})`, twins.map((r) => checkNullSpaceDecay(r)))),
      control(`D1 on the control (λ = 0 twins against their partner's (1 − 2ηλ)^t, ${name})`, allChecks(`λ = 0 twins against (1 − 2ηλ)^t (${key})`, twins.map((r, i) => checkNullSpaceDecay(r, decayed[i]!.weightDecay)))),
    ];
  });
}

function boundDecision(runs: readonly DualityRun[]): DecisionLike {
  const points = runs.flatMap((r) => r.trajectory.map((p) => ({ seed: r.seed, p })));
  const bad = points.filter(({ p }) => residualBoundViolations(p).length > 0);
  const rule = "at every snapshot of every λ > 0 run, every layer: ‖W_k(I − P_k)‖/‖W_k‖ ≤ ‖∇L + 2λW_k‖/(2λ‖W_k‖) up to float64 rounding (relative 1e-9); exact";
  const tightest = Math.max(0, ...points.flatMap(({ p }) => p.residual.map((r, k) => r / p.stationarity[k]!)));
  return {
    holds: bad.length === 0,
    rule,
    summary:
      bad.length === 0
        ? `${points.length} snapshots, every layer within the bound; largest residual/bound ${tightest.toPrecision(3)}: held`
        : `violated at ${bad.length} of ${points.length} snapshots, e.g. seed ${bad[0]!.seed}, step ${bad[0]!.p.step}: not held`,
  };
}

function d2Decisions(result: StationaryResult): { decisions: RunDecision[]; warnings: string[] } {
  const { kept, left } = stationaryRuns(result.wd);
  const warnings =
    left.length === 0
      ? []
      : [
          kept.length < D2_MIN_STATIONARY_RUNS
            ? `${left.length} of ${result.wd.length} λ > 0 runs are not near-stationary in quasi-interpolation; the spec would call this configuration inconclusive (it needs ${D2_MIN_STATIONARY_RUNS})`
            : `${left.length} of ${result.wd.length} λ > 0 runs are not near-stationary in quasi-interpolation; D2 is decided on the other ${kept.length}, as in the spec`,
        ];
  const decisions: RunDecision[] = [
    prediction("D2 rows of every W_k in span{h_{k−1}(x_n)}, λ > 0 at the end", decideLayerDuality(kept, "final")),
    control("D2 rows in the span on the control (the same networks at initialisation)", decideLayerDuality(result.wd, "initial")),
    control("D2 rows in the span on the control (λ = 0 at the end)", decideLayerDuality(result.noWd, "final")),
    prediction("D2 last layer in span{μ_c}, λ > 0 at the end", decideMeansDuality(kept, "final")),
    control("D2 last layer in span{μ_c} on the control (initialisation)", decideMeansDuality(result.wd, "initial")),
    control("D2 last layer in span{μ_c} on the control (λ = 0 at the end)", decideMeansDuality(result.noWd, "final")),
    prediction("D2 exact bound: residual_k ≤ stationarity_k at every snapshot", boundDecision(result.wd)),
  ];
  return { decisions, warnings };
}

/** A run's export with the raw snapshots `trained` of its training call; `shapes` of its architecture. */
function exportDuality<R extends { readonly seed: number; readonly status: string; readonly reason?: string }>(fields: (r: R) => Record<string, unknown>, shapes: Array<readonly [number, number]>, snapshots: "ends" | "all") {
  return (r: R, trained: TrainedRun | undefined) => exportRun(r, fields(r), trained, shapes, snapshots);
}

const PLAIN = "effective weights W_k, row-major [out_k, in_k] (plain parametrisation)";

function prepareD1(settings: CommonSettings, options: OptionValues): PreparedRun {
  if (settings.seeds !== undefined) throw new UsageError(`run: --seeds ${settings.seeds} does not apply to D1; it trains one run per λ of --lambdas, each with its own seed (an exact identity needs no seed statistics)`, "run");
  const config = nullSpaceConfig(settings, options);
  return planRun({
    configuration: {
      ...viewRows(config),
      "hidden widths": config.hidden.join("-"),
      parametrisation: "plain (weight decay on W_k itself)",
      "(λ, η) of the runs": config.runs.map((r) => `(${r.weightDecay.toPrecision(3)}, ${r.learningRate})`).join(", "),
      optimisers: `full-batch GD and SGD with B = ${config.batchSize}`,
      steps: `${config.steps} (a snapshot at every step)`,
    },
    trainers: { main: { label: trainingLabel(optimiser) } },
    measure: (t) => runNullSpaceExperiment(config, { trainer: t.main }),
    tables: (result: NullSpaceResult) => [curvesTable(result), twinsTable(result), curveTrajectoryTable(result, "gd")],
    decide: (result) => ({ decisions: d1Decisions(result) }),
    export: {
      experiment: "D1 null-space decay — src/families/duality/dualityNullSpace.ts",
      conventions: {
        weights: PLAIN,
        inputs: "training inputs, row-major [N, d] (N < d); labels in 0..C−1",
        curve: "ratio = ‖W⊥_t‖_F/‖W⊥_0‖_F at every step, W⊥ = W_1 (I − QQᵀ), Q a basis of span{x_n}; firstLayerNorm ‖W_1‖_F; stepNorm ‖W_{1,t+1} − W_{1,t}‖_F",
      },
      snapshots: ["every step", "first and last step (use --weights all for every one)"],
      data(result, t, { snapshots }) {
        const exported = exportDuality((r: NullSpaceRun) => ({ weightDecay: r.weightDecay, learningRate: r.learningRate, batchSize: r.batchSize, curve: r.curve }), parameterShapes(nullSpaceArchitecture(config)), snapshots);
        // One training call per optimiser (GD, then SGD), each training the λ > 0 runs, then their twins.
        const optimisers = (["gd", "sgd"] as const).map((key, call) => {
          const trained = t.main.calls[call]?.runs ?? [];
          return [key, { decayed: result[key].decayed.map((r, i) => exported(r, trained[i])), twins: result[key].twins.map((r, i) => exported(r, trained[config.runs.length + i])) }] as const;
        });
        return { config, architecture: nullSpaceArchitecture(config), trainer: result.trainer, optimisers: Object.fromEntries(optimisers) };
      },
    },
  });
}

function prepareD2(settings: CommonSettings, options: OptionValues): PreparedRun {
  const config = stationaryConfig(settings, options);
  return planRun({
    configuration: {
      ...viewRows(config),
      "depth L": config.hidden.length + 1,
      "hidden widths": config.hidden.join("-"),
      parametrisation: "plain (weight decay on W_k itself)",
      optimiser: "full-batch GD",
      "learning rate η": config.learningRate,
      "weight decay λ": `${config.weightDecay} (and the λ = 0 arm)`,
      steps: config.steps,
      snapshots: config.snapshots,
      "seeds per arm": config.seeds,
    },
    trainers: { main: { label: trainingLabel(() => `λ = ${config.weightDecay} and λ = 0 by full-batch GD`) } },
    measure: (t) => runStationaryExperiment(config, { trainer: t.main }),
    tables: (result: StationaryResult) => [stationaryRunsTable(result), residualTable(result), residualTrajectoryTable(result)],
    decide: d2Decisions,
    export: {
      experiment: "D2 stationary duality — src/families/duality/dualityStationary.ts",
      conventions: {
        weights: PLAIN,
        inputs: "training inputs, row-major [N, d]; labels in 0..C−1",
        trajectory: "per snapshot: residual_k = ‖W_k(I − P_k)‖_F/‖W_k‖_F (P_k onto span{h_{k−1}(x_n)}), stationarity_k = ‖∇L + 2λW_k‖/(2λ‖W_k‖), meansResidual of W_L against span{μ_c}",
      },
      data(result, t, { snapshots }) {
        const exported = exportDuality((r: DualityRun) => ({ weightDecay: r.weightDecay, trajectory: r.trajectory }), parameterShapes(stationaryArchitecture(config)), snapshots);
        // One training call: the λ > 0 seeds, then the λ = 0 seeds.
        const trained = t.main.calls[0]?.runs ?? [];
        const arms = { wd: result.wd.map((r, i) => exported(r, trained[i])), noWd: result.noWd.map((r, i) => exported(r, trained[config.seeds + i])) };
        return { config, architecture: stationaryArchitecture(config), trainer: result.trainer, arms };
      },
    },
  });
}

export const dualityRunner = familyRunner<"D1" | "D2">({
  family: "Duality",
  claims: ["D1", "D2"],
  noun: "a duality",
  description:
    "D1 trains plain bias-free ReLU MLPs on fewer samples than input dimensions, one run per λ and its λ = 0 twin, by " +
    "full-batch GD and by SGD with a snapshot at every step, and checks the exact decay ‖W⊥_t‖ = (1 − 2ηλ)^t ‖W⊥_0‖ of " +
    "the first layer outside span{x_n} on every step. D2 trains them by full-batch GD with λ > 0 and λ = 0 towards a " +
    "stationary point and measures how far each layer's rows lie from span{h_{k−1}(x_n)} and the last layer's from " +
    "the span of the class means, at initialisation and at the end.",
  options: OPTIONS,
  examples: [
    { command: "npx theorem-spec run D1", description: "D1 at its defaults: 3 λ and their λ = 0 twins, GD and SGD, 200 steps (a few seconds)", quick: true },
    { command: "npx theorem-spec run D2", description: "D2 at the ci profile's defaults (about 6 s on 2 cores)", quick: false },
    {
      command: "npx theorem-spec export D2 --view one-hot --depth 4 --width 48 --out out/d2-one-hot.json",
      description: "D2 on the one-hot view, depth 4: both arms' weights and residual trajectories as JSON",
      quick: false,
    },
  ],
  rejects: {
    D1: { names: ["lambda", "snapshots"], why: "D1 trains one run per λ of --lambdas and records every step" },
    D2: { names: ["per-class", "lambdas", "batch"], why: "D2 trains by full-batch GD on N = 24 samples at one λ (--lambda)" },
  },
  prepare: (claim, settings, options) => (claim === "D1" ? prepareD1 : prepareD2)(settings, options),
});
