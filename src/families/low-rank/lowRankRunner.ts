/**
 * The low-rank family (R1, R2) for the CLI, declared for the generic runner
 * (`src/cli/familyRunner.ts`): one configuration of `runLowRankExperiment` — plain bias-free ReLU
 * MLPs trained by SGD with weight decay at equal steps over sweeps of λ, η and B around
 * (λ₀, η₀, B₀), with their controls — decided with the spec's rules (`lowRankPredictions.ts`).
 * R1 also checks the exact bound on generated networks (`lowRankGeneratedCases.ts`, the spec's own
 * case generators, drawn from the configuration seed) and on the trained snapshots (plain and
 * weight-normalised).
 *
 * Options and defaults are the experiment's `LOW_RANK_PARAMETERS` (the first value of each choice
 * the spec draws from); 4 000 steps times the profile's training scale.
 */
import fc from "fast-check";
import {
  LOW_RANK_BASE,
  LOW_RANK_CONFIGURATIONS,
  LOW_RANK_PARAMETERS,
  LOW_RANK_NORMALIZED,
  LOW_RANK_RECORD_FRACTIONS,
  LOW_RANK_STEPS,
  runLowRankExperiment,
  type LowRankConfig,
  type LowRankResult,
  type RankArm,
  type RankRun,
} from "./lowRankExperiment.ts";
import { boundPool, generatedCaseChecks, generatedCases, stationaryCaseChecks, stationaryCases, trainedCaseChecks, trainedCases, type LayerCheck } from "./lowRankGeneratedCases.ts";
import { exactCheckDecision } from "../../stats/exactCheckDecision.ts";
import { decideLowRankBias, decideRankTrend, inRankRegime, R2_TRENDS } from "./lowRankPredictions.ts";
import { layerShapes } from "../../nets/mlp.ts";
import { control, familyRunner, mixtureRows, planRun, prediction, regimeWarnings, trainingLabel } from "../../cli/familyRunner.ts";
import { exportRun } from "../../cli/exportRun.ts";
import { listOption, numberOption, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues } from "../../cli/parameters.ts";
import type { CommonSettings, RunDecision } from "../../cli/runnerTypes.ts";
import { requireAscending, requireBatchesBelow, scaledLength, seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";
import { ARM_NAMES, boundTrajectoryTable, exactChecksTable, lowRankRunsTable, rankTable, slopeTable, trainedArms } from "./lowRankTables.ts";

type Sweep = "lambda" | "eta" | "batch";
const SWEEPS: readonly Sweep[] = ["lambda", "eta", "batch"];
const LR = LOW_RANK_CONFIGURATIONS;

/** The experiment configuration from the profile defaults and the overrides. Pure. */
export function lowRankConfig(settings: CommonSettings, options: OptionValues): LowRankConfig {
  const { classes, width, noise, ...levels } = parameterValues(LOW_RANK_PARAMETERS, options);
  const steps = trainingSteps(settings, LOW_RANK_STEPS);
  requireAscending("lambdas", levels.weightDecays, 2);
  requireAscending("etas", levels.learningRates, 2);
  requireAscending("batches", levels.batchSizes, 2);
  requireBatchesBelow(levels.batchSizes, classes * LR.perClass);
  const wn = LOW_RANK_NORMALIZED;
  const wnSteps = scaledLength(wn.steps, LOW_RANK_STEPS, steps);
  const { dim, perClass, separation } = LR;
  return {
    classes, dim, perClass, separation, noise, hidden: [width, width], ...LOW_RANK_BASE, ...levels, steps,
    recordAt: LOW_RANK_RECORD_FRACTIONS.map((f) => Math.round(f * steps)),
    seed: settings.seed,
    seeds: seedsPerArm(settings),
    normalized: { learningRate: wn.learningRate, warmupSteps: scaledLength(wn.warmupSteps, wn.steps, wnSteps), steps: wnSteps },
  };
}

/** The arms a claim trains for the chosen sweeps: R2 adds the controls, R1 the weight-normalised arm. */
export function lowRankArms(claim: "R1" | "R2", sweeps: readonly string[]): RankArm[] {
  const arms = new Set<RankArm>(sweeps as readonly Sweep[]);
  if (claim === "R1") arms.add("normalized");
  else {
    if (sweeps.includes("lambda")) arms.add("droppedWd").add("noWd");
    if (sweeps.includes("eta")) arms.add("noWd");
  }
  return (["lambda", "eta", "batch", "noWd", "droppedWd", "normalized"] as const).filter((a) => arms.has(a));
}

function r2Decisions(result: LowRankResult, sweeps: readonly string[]): RunDecision[] {
  const { arms } = result;
  const decisions: RunDecision[] = [];
  if (sweeps.includes("lambda")) {
    const top = arms.lambda.at(-1)!;
    decisions.push(prediction(`R2 low rank at λ = ${top.level}`, decideLowRankBias(top.runs)));
    for (const level of arms.noWd) decisions.push(control(`R2 low rank on the control (λ = 0, η = ${level.level})`, decideLowRankBias(level.runs)));
  }
  for (const t of R2_TRENDS.filter((t) => sweeps.includes(t.sweep))) {
    decisions.push(
      prediction(`R2 rank ${t.direction === "decreasing" ? "decreases" : "increases"} with ${t.name}`, decideRankTrend(arms[t.sweep], t.direction, t.name)),
      control(`R2 ${t.name} trend on the control (${t.controlShort})`, decideRankTrend(arms[t.control], t.direction, t.name)),
    );
  }
  if (sweeps.includes("batch")) decisions.push(prediction("R2 rank increases with B (the spec reports this, does not assert it: not found at equal steps)", decideRankTrend(arms.batch, "increasing", "B")));
  return decisions;
}

/** R1's exact checks: every layer of every generated case, at generated weights, at optima and along training. */
interface R1Checks {
  readonly generated: readonly LayerCheck[];
  readonly atMinibatchOptimum: readonly LayerCheck[];
  readonly atFullBatchOptimum: readonly LayerCheck[];
  readonly alongTraining: readonly LayerCheck[];
}

function r1Checks(result: LowRankResult, seed: number, cases: number): R1Checks {
  const draw = <T>(arbitrary: fc.Arbitrary<T>) => fc.sample(arbitrary, { seed, numRuns: cases });
  const pool = boundPool(result);
  return {
    generated: draw(generatedCases).flatMap(generatedCaseChecks),
    atMinibatchOptimum: draw(stationaryCases).flatMap((c) => stationaryCaseChecks(c, "minibatch")),
    atFullBatchOptimum: draw(stationaryCases).flatMap((c) => stationaryCaseChecks(c, "full")),
    alongTraining: pool.length === 0 ? [] : draw(trainedCases(pool.length, result.config.classes * result.config.perClass)).flatMap((c) => trainedCaseChecks(result, pool, c)),
  };
}

function r1Decisions({ generated: g, atMinibatchOptimum: m, atFullBatchOptimum: f, alongTraining: t }: R1Checks): RunDecision[] {
  return [
    prediction("R1 bound at generated weights", exactCheckDecision("σ_{B+1}(W)/‖W‖_F ≤ ‖∇L^λ_S̃‖_2/(2λ‖W‖_F)", g.map((c) => c.bound))),
    prediction("R1 bound, Frobenius form, at generated weights", exactCheckDecision("√(Σ_{i>B} σ_i²)/‖W‖_F ≤ ‖∇L^λ_S̃‖_F/(2λ‖W‖_F)", g.map((c) => c.boundFrobenius))),
    prediction("R1 rank of the minibatch gradient ≤ B at generated weights", exactCheckDecision("rank ∇_W L_S̃ ≤ B", g.map((c) => c.gradientRank))),
    control("R1 control: the σ_B version at minibatch optima", exactCheckDecision("σ_B(W)/‖W‖_F ≤ ‖∇L^λ_S̃‖_2/(2λ‖W‖_F) (wrong: σ_B)", m.map((c) => c.sigmaB))),
    prediction("R1 (true bound) at minibatch optima", exactCheckDecision("σ_{B+1} bound on the same cases", m.map((c) => c.bound))),
    control("R1 control: the full-batch version at full-batch optima", exactCheckDecision("σ_{B+1}(W)/‖W‖_F ≤ ‖∇L^λ_S‖_2/(2λ‖W‖_F) (wrong: full batch)", f.map((c) => c.fullBatch))),
    prediction("R1 (true bound) at full-batch optima", exactCheckDecision("σ_{B+1} bound with the minibatch gradient on the same cases", f.map((c) => c.bound))),
    control("R1 control: rank of the full-batch gradient ≤ B", exactCheckDecision("rank ∇_W L_S ≤ B (wrong: full batch)", g.map((c) => c.fullGradientRank))),
    prediction("R1 bound along training (plain and WN snapshots)", exactCheckDecision("σ_{B+1}(W)/‖W‖_F ≤ ‖∇L^λ_S̃‖_2/(2λ‖W‖_F) along training", t.map((c) => c.bound))),
    prediction("R1 Frobenius form along training", exactCheckDecision("Frobenius form along training", t.map((c) => c.boundFrobenius))),
    prediction("R1 rank ∇L_S̃ ≤ B along training", exactCheckDecision("rank ∇_W L_S̃ ≤ B along training", t.map((c) => c.gradientRank))),
  ];
}

function exportArms(result: LowRankResult, snapshots: "ends" | "all"): unknown {
  const exported = (r: RankRun) => {
    const { setting, finalLoss, finalAccuracy, totalRank, totalFullRank, initial, final } = r;
    const shapes = layerShapes({ ...result.architecture, normalization: setting.normalization });
    return exportRun(r, { setting, finalLoss, finalAccuracy, totalRank, totalFullRank, initial, final }, { spec: r, snapshots: r.snapshots }, shapes, snapshots);
  };
  return Object.fromEntries(trainedArms(result).map((arm) => [arm, result.arms[arm].map((l) => ({ level: l.level, runs: l.runs.map(exported) }))]));
}

export const lowRankRunner = familyRunner<"R1" | "R2">({
  family: "Low-rank bias",
  claims: ["R1", "R2"],
  noun: "a low-rank",
  description:
    "Trains one configuration of the low-rank experiment — plain bias-free ReLU MLPs, SGD with weight decay on the " +
    "square loss, at equal steps over sweeps of λ, η and B (R2 adds its controls: λ = 0, and a trainer that drops " +
    "weight decay; R1 a weight-normalised arm) — and prints the numerical ranks and the spec's rules. R1 also checks " +
    "the exact bound σ_{B+1}(W)/‖W‖_F ≤ ‖∇L^λ_S̃‖₂/(2λ‖W‖_F) on generated networks and on the trained snapshots.",
  options: [
    ...parameterOptions(LOW_RANK_PARAMETERS, ["classes", "width", "noise"]),
    { name: "sweeps", kind: "list", choices: SWEEPS, placeholder: "<sweeps>", description: "sweeps to train (R2 adds their controls: λ = 0, weight decay dropped)", defaultText: SWEEPS.join(",") },
    ...parameterOptions(LOW_RANK_PARAMETERS, ["weightDecays", "learningRates", "batchSizes"]),
    { name: "cases", kind: "int", min: 1, max: 10_000, placeholder: "<n>", description: "R1: generated cases per exact check (networks, and minibatches along training)", defaultText: "the profile's exactRuns: ci 100, full 500" },
  ],
  examples: [
    { command: "npx theorem-spec run R2", description: "R2 at the ci profile's defaults: every sweep and its controls (about 15 s on 2 cores)", quick: false },
    {
      command: "npx theorem-spec run R2 --sweeps lambda --lambdas 0.04,0.08,0.16 --steps 1000 --seeds 3",
      description: "a short λ sweep with its controls: λ × 4 at a quarter of the steps keeps the spec's 2ηλT = 4, 8, 16",
      quick: true,
    },
    {
      command: "npx theorem-spec export R1 --sweeps lambda --cases 50 --out out/r1-lambda.json",
      description: "R1 along the λ sweep (and the WN arm) with 50 generated cases per check; weights, spectra and checked cases as JSON (about 10 s)",
      quick: false,
    },
  ],
  rejects: { R2: { names: ["cases"], why: "the exact checks belong to R1" } },
  prepare(claim, settings, options) {
    const config = lowRankConfig(settings, options);
    const sweeps = listOption(options, "sweeps", SWEEPS);
    const arms = lowRankArms(claim, sweeps);
    const cases = numberOption(options, "cases", settings.profile.exactRuns);
    const wn = config.normalized!;
    return planRun({
      configuration: {
        ...mixtureRows(config),
        widths: [config.dim, ...config.hidden, config.classes].join("-"),
        parametrisation: `plain (decay λ‖W‖² on W)${claim === "R1" ? `; WN arm at λ₀ (${wn.steps} steps, η ${wn.learningRate})` : ""}`,
        "base λ₀, η₀, B₀": `${config.weightDecay}, ${config.learningRate}, ${config.batchSize}`,
        "λ levels": config.weightDecays.join(", "),
        "η levels": config.learningRates.join(", "),
        "B levels": config.batchSizes.join(", "),
        arms: arms.map((a) => ARM_NAMES[a]).join("; "),
        steps: config.steps,
        ...(claim === "R1" ? { "exact cases per check": cases } : {}),
        "seeds per setting": config.seeds,
      },
      trainers: { main: { label: trainingLabel((r) => `${r.architecture.normalization === "weight" ? "WN" : "plain"}, B = ${r.batchSize}`) } },
      async measure(t, { phase }) {
        const result = await runLowRankExperiment(config, { trainer: t.main, arms });
        const exact = claim === "R1" ? await phase(`exact checks (${cases} cases each)`, () => r1Checks(result, config.seed, cases)) : undefined;
        return { result, exact };
      },
      tables: ({ result, exact }) => (exact !== undefined ? [lowRankRunsTable(result), exactChecksTable(r1Decisions(exact)), boundTrajectoryTable(result)] : [lowRankRunsTable(result), rankTable(result, arms), slopeTable(result, arms)]),
      decide: ({ result, exact }) => ({
        decisions: exact !== undefined ? r1Decisions(exact) : r2Decisions(result, sweeps),
        warnings: arms.filter((a) => a !== "normalized").flatMap((arm) => regimeWarnings(result.arms[arm].flatMap((l) => l.runs), inRankRegime, `of the ${ARM_NAMES[arm]} did not train into the regime (no divergence, training accuracy ≥ 0.9)`, "its predictions")),
      }),
      export: {
        experiment: "low-rank bias — src/families/low-rank/lowRankExperiment.ts",
        conventions: ({ result }) => ({
          weights: "effective weights W_k, row-major [out_k, in_k] (plain; the WN arm's are g_k V_k)",
          inputs: "training inputs, row-major [N, d]; labels in 0..C−1",
          ranks: `initial/final per layer: numerical rank (τ = ${result.rankTolerance} of ‖W_k‖_F), stable and effective rank, spectrum σ_i/‖W_k‖_F`,
          exact: "R1: every checked layer as { lhs, rhs, where } of σ_{B+1}/‖W‖_F ≤ ‖∇L^λ_S̃‖₂/(2λ‖W‖_F)",
        }),
        data: ({ result, exact }, _, { snapshots }) => ({
          config,
          architecture: result.architecture,
          trainer: result.trainer,
          arms: exportArms(result, snapshots),
          ...(exact === undefined ? {} : { exact: Object.fromEntries(Object.entries(exact).map(([k, checks]) => [k, (checks as LayerCheck[]).map((c) => c.bound)])) }),
        }),
      },
    });
  },
});
