/**
 * The normalisation family (N1, N2) for the CLI, declared for the generic runner
 * (`src/cli/familyRunner.ts`): one configuration of `runNormalizationExperiment` — a
 * weight-normalised ReLU MLP trained by SGD at every λ of a grid, at λ = 0 and (N2) with frozen
 * features — decided with the spec's own rules (`normalizationPredictions.ts`); N1 also checks both
 * closed-form ρ-equilibria on a few generated fixed-V problems (`normalizationExactCases.ts`).
 *
 * Defaults are the spec's configuration (`N_CONFIGURATION`, `N_WEIGHT_DECAYS`, `N_STEPS`,
 * `N_WINDOW` in `normalizationExperiment.ts`), binary view first: d = 32, N = 64, width 32,
 * depth 3, B = 16, η = 0.05 after a 1 000-step warm-up, λ ∈ {5e-3, 1e-2, 2e-2}, 3 000 steps
 * times the profile's training scale with a final window of 1 000. Shorter runs (`--steps`)
 * shrink the warm-up and the window in proportion.
 */
import {
  N_CONFIGURATION,
  N_ONE_HOT_CLASSES,
  N_NO_WD_STEPS_FACTOR,
  N_STEPS,
  N_WEIGHT_DECAYS,
  N_WINDOW,
  normalizationArchitecture,
  runNormalizationExperiment,
  type NormalizationConfig,
  type NormalizationResult,
  type NormalizationRun,
} from "./normalizationExperiment.ts";
import {
  decideBalance,
  decideBounded,
  decideFitGap,
  decideGapVanishes,
  decideMarginsEqualise,
  decideRhoEquilibrium,
  inQuasiInterpolation,
  interpolates,
  INTERPOLATION_MAX_LOSS,
} from "./normalizationPredictions.ts";
import { parameterShapes } from "../../nets/architecture.ts";
import type { TrainingRequest } from "../../train/types.ts";
import { control, familyRunner, outputView, planRun, prediction, regimeWarnings, trainingLabel, VIEW_OPTION, viewRows } from "../../cli/familyRunner.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { numberOption, UsageError, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues, type ParameterSet } from "../../cli/parameters.ts";
import type { CommonSettings, RunDecision } from "../../cli/runnerTypes.ts";
import { requireAscending, scaledLength, seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";
import { exactTables, perLayerDecision, runExactPart, singleScaleDecision, type ExactResult } from "./normalizationExact.ts";
import { balanceTable, equilibriumTable, exponentTable, gapTable, namedArms, rhoTrajectoryTable, normalizationRunsTable, spreadTrajectoryTable } from "./normalizationTables.ts";

type NClaim = "N1" | "N2";
const C = N_CONFIGURATION;

/**
 * The numeric options, their ranges and defaults — the spec's constants (`N_CONFIGURATION`,
 * `N_WEIGHT_DECAYS`); the warm-up and the window default to the spec's, shrunk for shorter runs.
 */
const N_PARAMETERS = {
  classes: { option: "classes", kind: "int", min: 2, max: 20, value: N_ONE_HOT_CLASSES[0], placeholder: "<C>", description: "classes C of the one-hot view (N = C · floor(64/C))" },
  depth: { option: "depth", kind: "int", min: 2, max: 8, value: C.hidden.length + 1, placeholder: "<L>", description: "layers L (hidden layers L − 1)" },
  width: { option: "width", kind: "int", min: 1, max: 2048, value: C.hidden[0], placeholder: "<p>", description: "width of every hidden layer" },
  learningRate: { option: "lr", kind: "number", min: 1e-9, max: 10, value: C.learningRate, placeholder: "<η>", description: "base learning rate η" },
  weightDecays: { option: "lambdas", kind: "numbers", min: 1e-12, max: 10, value: N_WEIGHT_DECAYS, placeholder: "<λ,λ,…>", description: "the λ > 0 grid, ascending; N1 and the N2 gap are decided at the largest" },
  batchSize: { option: "batch", kind: "int", min: 1, value: C.batchSize, placeholder: "<B>", description: "minibatch size B (≤ N)" },
  warmupSteps: { option: "warmup", kind: "int", min: 1, defaultText: `${C.warmupSteps}, shrunk in proportion for runs under ${N_STEPS} steps`, placeholder: "<steps>", description: "linear warm-up steps from 5 % of η" },
  window: { option: "window", kind: "int", min: 1, defaultText: `${N_WINDOW}, shrunk in proportion likewise`, placeholder: "<steps>", description: `final window of the time averages (snapshots every ${C.windowEvery} steps)` },
} as const satisfies ParameterSet;

const OPTIONS = [
  VIEW_OPTION,
  ...parameterOptions(N_PARAMETERS),
  { name: "problems", kind: "int", min: 1, max: 10_000, placeholder: "<n>", description: "N1 only: generated fixed-V problems for the exact closed-form checks", defaultText: "the profile's exactRuns: ci 100, full 500" },
] as const;

/** The experiment configuration from the profile defaults and the overrides. Pure. */
export function normalizationConfig(settings: CommonSettings, options: OptionValues): NormalizationConfig {
  const { view, classes } = outputView(options, N_PARAMETERS.classes.value);
  const perClass = Math.floor(C.trainSize / classes);
  if (perClass < 1) throw new UsageError(`run: --classes ${classes} leaves no sample per class (N = ${C.trainSize}); expected C ≤ ${C.trainSize}`, "run");
  const steps = trainingSteps(settings, N_STEPS);
  const { depth, width, batchSize, window, weightDecays, learningRate, warmupSteps } = parameterValues(N_PARAMETERS, options, {
    window: scaledLength(N_WINDOW, N_STEPS, steps, C.windowEvery),
    warmupSteps: scaledLength(C.warmupSteps, N_STEPS, steps),
  });
  if (window < C.windowEvery || window > steps) {
    const what = options.window === undefined ? `--steps ${steps} gives a final window of ${window} steps` : `--window ${window} is not valid`;
    throw new UsageError(`run: ${what}; expected ${C.windowEvery} ≤ window ≤ steps = ${steps}`, "run");
  }
  if (batchSize > classes * perClass) {
    throw new UsageError(`run: --batch ${batchSize} is larger than the training set N = ${classes * perClass}; expected B ≤ ${classes * perClass}`, "run");
  }
  requireAscending("lambdas", weightDecays);
  const { dim, separation, noise, windowEvery, trajectoryEvery } = C;
  const hidden = Array.from({ length: depth - 1 }, () => width);
  return {
    view, classes, dim, perClass, separation, noise, hidden, learningRate, warmupSteps, weightDecays: [...weightDecays], batchSize, steps,
    noWdSteps: N_NO_WD_STEPS_FACTOR * steps, window, windowEvery, trajectoryEvery, seed: settings.seed, seeds: seedsPerArm(settings),
  };
}

const lambdaMax = (c: NormalizationConfig) => c.weightDecays.at(-1)!;

const outsideRegime = (arm: string, runs: readonly NormalizationRun[]) => regimeWarnings(runs, inQuasiInterpolation, `at ${arm} did not reach quasi-interpolation`);

function n1Decisions({ result, exact }: { result: NormalizationResult; exact?: ExactResult }): { decisions: RunDecision[]; warnings: string[] } {
  const top = result.grid.at(-1)!;
  const at = `λ = ${lambdaMax(result.config)}`;
  const decisions: RunDecision[] = [
    prediction(`N1 ρ at the per-layer equilibrium, ${at}`, decideRhoEquilibrium(top, "perLayer")),
    control(`N1 ρ at the single-scale equilibrium (control), ${at}`, decideRhoEquilibrium(top, "singleScale")),
    prediction(`N1 layer scales balance, ${at}`, decideBalance(top)),
    control("N1 layer scales balance on the control (λ = 0)", decideBalance(result.noWd)),
    prediction(`N1 ρ stays bounded over the final window, ${at}`, decideBounded(top)),
  ];
  if (exact !== undefined) {
    decisions.push(
      prediction(`N1 exact, single-scale closed form (${exact.single.length} problems)`, singleScaleDecision(exact)),
      prediction(`N1 exact, per-layer closed form (${exact.perLayer.length} problems)`, perLayerDecision(exact)),
    );
  }
  return { decisions, warnings: outsideRegime(at, top) };
}

function n2Decisions({ result }: { result: NormalizationResult }): { decisions: RunDecision[]; warnings: string[] } {
  const { config } = result;
  const top = result.grid.at(-1)!;
  const at = `λ = ${lambdaMax(config)}`;
  const warnings = result.grid.flatMap((runs, i) => outsideRegime(`λ = ${config.weightDecays[i]}`, runs));
  const decisions = [prediction(`N2 fit not exact (gap > 0), ${at}`, decideFitGap(top))];
  const fitted = result.noWd.filter(interpolates);
  if (fitted.length >= 3) decisions.push(control(`N2 gap on the control (λ = 0, ${fitted.length} runs that fit exactly)`, decideFitGap(fitted)));
  else warnings.push(`the N2 gap control needs ≥ 3 λ = 0 runs that fit exactly (loss ≤ ${INTERPOLATION_MAX_LOSS}); got ${fitted.length}`);
  if (config.weightDecays.length >= 2) {
    decisions.push(
      prediction("N2 gap vanishes as a power of λ over the grid", decideGapVanishes(config.weightDecays, result.grid)),
      control("N2 gap trend on the control (weight decay dropped: λ = 0 at every grid point)", decideGapVanishes(config.weightDecays, config.weightDecays.map(() => result.noWd))),
    );
  } else {
    warnings.push(`the N2 trend needs at least two λ in --lambdas; got ${config.weightDecays.join(",")}`);
  }
  decisions.push(
    prediction(`N2 margins equalise (spread falls > √10-fold), ${at}`, decideMarginsEqualise(top)),
    control("N2 margins equalise on the control (frozen features)", decideMarginsEqualise(result.frozen)),
  );
  return { decisions, warnings };
}

function mainArms(r: TrainingRequest): string {
  const zero = r.runs.filter((x) => x.weightDecay === 0).length;
  return zero === r.runs.length ? "λ = 0" : zero > 0 ? "λ = 0 and the λ grid" : "the λ grid";
}

export const normalizationRunner = familyRunner<NClaim>({
  family: "Normalisation and ρ",
  claims: ["N1", "N2"],
  noun: "a normalisation",
  description:
    "Trains one configuration of the normalisation experiment — a bias-free ReLU MLP with weight normalisation (one " +
    "scale g_k per layer), SGD with weight decay on the square loss, on overlapping Gaussian classes — at every λ of a " +
    "grid and at λ = 0 (N2 also with frozen features), then prints ρ against its equilibria, the layer balance, the fit " +
    "gap and the margin spread, and the spec's rules on this configuration; N1 also checks both closed-form " +
    "equilibria on generated fixed-V problems.",
  options: OPTIONS,
  examples: [
    { command: "npx theorem-spec run N1", description: "N1 at the ci profile's defaults, with 100 exact problems (about 15 s on 2 cores)", quick: false },
    {
      command: "npx theorem-spec run N1 --steps 600 --seeds 3 --problems 10",
      description: "a short N1 run: 600 steps (warm-up and window shrunk to 200: too short for the layers to balance), 3 seeds, 10 exact problems",
      quick: true,
    },
    {
      command: "npx theorem-spec export N2 --view one-hot --classes 4 --out out/n2-one-hot.json",
      description: "N2 on the one-hot view with four classes; every arm's weights, trajectories and window averages as JSON (about 15 s)",
      quick: false,
    },
  ],
  rejects: { N2: { names: ["problems"], why: "the exact closed-form checks belong to N1" } },
  prepare(claim, settings, options) {
    const config = normalizationConfig(settings, options);
    const problems = numberOption(options, "problems", settings.profile.exactRuns);
    return planRun({
      configuration: {
        ...viewRows(config),
        "separation / noise": `${config.separation} / ${config.noise}`,
        "depth L": config.hidden.length + 1,
        "hidden widths": config.hidden.join("-"),
        parametrisation: "weight normalisation W_k = g_k V_k, decay λ Σ g_k²",
        "learning rate η": config.learningRate,
        "warm-up steps": config.warmupSteps,
        "λ grid": config.weightDecays.join(", "),
        "batch B": config.batchSize,
        steps: config.steps,
        "final window": `last ${config.window} steps, every ${config.windowEvery}`,
        arms: `λ = 0, the λ grid${claim === "N2" ? `, frozen features at λ = ${lambdaMax(config)}` : ""}`,
        ...(claim === "N1" ? { "exact problems": problems } : {}),
        "seeds per arm": config.seeds,
      },
      trainers: { main: { label: trainingLabel(mainArms) }, frozen: { options: { trainOnlyLastLayer: true }, label: trainingLabel(() => "frozen features") } },
      async measure(t, { phase }) {
        const result = await runNormalizationExperiment(config, { trainer: t.main, frozenTrainer: claim === "N2" ? t.frozen : null });
        return claim === "N1" ? { result, exact: await phase(`exact closed forms (${problems} problems)`, () => runExactPart(config.seed, problems)) } : { result };
      },
      tables: ({ result, exact }: { result: NormalizationResult; exact?: ExactResult }) =>
        exact !== undefined
          ? [normalizationRunsTable(result), equilibriumTable(result), rhoTrajectoryTable(result), balanceTable(result), ...exactTables(exact)]
          : [normalizationRunsTable(result), gapTable(result), exponentTable(result), spreadTrajectoryTable(result)],
      decide: claim === "N1" ? n1Decisions : n2Decisions,
      export: {
        experiment: "normalisation and ρ — src/families/normalization/normalizationExperiment.ts",
        conventions: {
          weights: "effective weights W_k = g_k V_k (‖V_k‖_F = 1, so g_k = ‖W_k‖_F and ρ = ∏ g_k), row-major [out_k, in_k]",
          inputs: "training inputs, row-major [N, d]; labels in 0..C−1 (binary view: target +1 for label 1, −1 for label 0)",
          trajectory: "measured at every snapshot on the training set: ρ, g_k, ρ*(V_t) per-layer and single-scale, margins, imbalance",
          window: "time averages over the final window",
        },
        data({ result, exact }: { result: NormalizationResult; exact?: ExactResult }, t, { snapshots }) {
          // The main trainer's one call trains λ = 0, then the grid, seed after seed; the frozen trainer the frozen arm.
          const trainedOf = (arm: number, i: number) => (arm <= config.weightDecays.length ? t.main.calls[0]?.runs[arm * config.seeds + i] : t.frozen.calls[0]?.runs[i]);
          const shapes = parameterShapes(normalizationArchitecture(config));
          const exported = (r: NormalizationRun, arm: number, i: number) => exportRun(r, { weightDecay: r.weightDecay, trajectory: r.trajectory, window: r.window }, trainedOf(arm, i), shapes, snapshots);
          return {
            config,
            architecture: normalizationArchitecture(config),
            trainer: result.trainer,
            arms: namedArms(result).map(([arm, runs], a) => ({ arm, runs: runs.map((r, i) => exported(r, a, i)) })),
            ...(exact === undefined ? {} : { exact: { singleScale: exact.single.map((c) => c.record), perLayer: exact.perLayer.map((c) => ({ ...c.record, ok: c.ok })) } }),
          };
        },
      },
    });
  },
});
