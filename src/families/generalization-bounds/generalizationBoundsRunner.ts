/**
 * The generalization-bound family (G1–G4) for the CLI, declared for the generic runner
 * (`src/cli/familyRunner.ts`), with the spec's rules (`sparseTargetPredictions.ts`):
 *
 * - G1 trains nothing: generated conv layers and tree CNNs, the Toeplitz identity on their
 *   materialised operators (`generalizationG1.ts`).
 * - G2–G4 train the cells of `runSparseTargetExperiment` a claim needs — the tree CNN and the
 *   same-size dense network on tree-teacher, shuffled or dense-teacher labels — and measure errors,
 *   norms and both bounds; G2 adds the bound ratio's sweep over depth on He-initialised networks.
 *
 * Defaults are the spec's (`SPARSE_TARGET_SETTINGS`, `SPARSE_TARGET_STEPS`, `G3_TRAIN_SIZES`,
 * `G_COMPARE_SIZE`, `G_WEIGHT_DECAY`): depth 5 (input 32), 8 CNN channels, a 2-channel tree
 * teacher, 2 000 test samples, η = 0.05 after a 300-step warm-up, B = 16, λ = 1e-3, 4 000 steps
 * times the profile's training scale; m = 1 000 (G2, G4) and m ∈ {250, 500, 1 000} (G3).
 */
import { G1_MAX_CASES } from "./convIdentityCases.ts";
import {
  G3_TRAIN_SIZES,
  G_COMPARE_SIZE,
  G_WEIGHT_DECAY,
  runSparseTargetExperiment,
  SPARSE_TARGET_SETTINGS,
  SPARSE_TARGET_STEPS,
  studentCnn,
  studentMlp,
  type SparseTargetConfig,
  type StudentCell,
  type StudentRun,
} from "./sparseTargetExperiment.ts";
import { boundRatioDepthSweep, initialWeightComplexity, labelPairsOf, rhoSlopesInM, selectRuns } from "./sparseTargetMeasures.ts";
import {
  decideBoundRatio,
  decideBoundTracksGap,
  decideRatioGrowth,
  decideRhoBounded,
  decideSparseAdvantage,
} from "./sparseTargetPredictions.ts";
import { parameterShapes } from "../../nets/architecture.ts";
import { control, familyRunner, planRun, prediction, regimeWarnings, trainingLabel } from "../../cli/familyRunner.ts";
import { exportTrained } from "../../cli/exportTensors.ts";
import type { MeasurementTable } from "../../cli/format.ts";
import { numberOption, UsageError, type OptionValues } from "../../cli/options.ts";
import { parameterOptions, parameterValues, type ParameterSet } from "../../cli/parameters.ts";
import type { CommonSettings, PreparedRun, RunDecision } from "../../cli/runnerTypes.ts";
import { requireAscending, seedsPerArm, trainingSteps } from "../../cli/runSettings.ts";
import { g1Decisions, g1Tables, runG1 } from "./generalizationG1.ts";
import { depthSweepTable, mSweepTable, slopesTable, studentsTable, testErrorTable } from "./generalizationTables.ts";

type TrainedClaim = "G2" | "G3" | "G4";
/** The trained claims' numeric options, their ranges and defaults — the spec's constants. */
const G_PARAMETERS = {
  m: { option: "m", kind: "int", min: 10, max: 100_000, value: G_COMPARE_SIZE, placeholder: "<m>", description: "G2, G4: training samples of the CNN-versus-dense comparison" },
  mGrid: { option: "m-grid", kind: "numbers", min: 10, max: 100_000, value: G3_TRAIN_SIZES, placeholder: "<m,m,…>", description: "G3: training-set sizes of the m sweep (ascending, at least two)" },
  weightDecay: { option: "lambda", kind: "number", min: 0, max: 10, value: G_WEIGHT_DECAY, placeholder: "<λ>", description: "G2–G4: weight decay of every student" },
  depth: { option: "depth", kind: "int", min: 3, max: 8, value: SPARSE_TARGET_SETTINGS.depth, placeholder: "<L>", description: "G2–G4: depth L of the trained networks (input length 2^L)" },
  studentChannels: { option: "channels", kind: "int", min: 1, max: 64, value: SPARSE_TARGET_SETTINGS.studentChannels, placeholder: "<c>", description: "G2–G4: channels of the tree CNN (the dense width matches its parameter count)" },
  testCount: { option: "test-count", kind: "int", min: 10, max: 100_000, value: SPARSE_TARGET_SETTINGS.testCount, placeholder: "<n>", description: "G2–G4: test samples" },
} as const satisfies ParameterSet;

const TRAINING_OPTIONS = Object.values(G_PARAMETERS).map((p) => p.option);

const OPTIONS = [
  { name: "cases", kind: "int", min: 1, max: 10_000, placeholder: "<n>", description: "G1: generated conv layers per check (valid and zero-padded)", defaultText: `the profile's exactRuns, at most ${G1_MAX_CASES}` },
  ...parameterOptions(G_PARAMETERS),
] as const;

/** The experiment's shared settings from the profile defaults and the overrides. Pure. */
export function sparseTargetConfig(settings: CommonSettings, options: OptionValues): SparseTargetConfig {
  const { depth, studentChannels, testCount } = parameterValues(G_PARAMETERS, options);
  return { ...SPARSE_TARGET_SETTINGS, depth, studentChannels, testCount, steps: trainingSteps(settings, SPARSE_TARGET_STEPS), seed: settings.seed };
}

/** The cells `claim` trains (the spec trains them all at once; each cell's runs do not depend on the others). */
export function cellsFor(claim: TrainedClaim, settings: CommonSettings, options: OptionValues): StudentCell[] {
  const { weightDecay, m, mGrid: grid } = parameterValues(G_PARAMETERS, options);
  const seeds = seedsPerArm(settings);
  const cell = (student: StudentCell["student"], teacher: StudentCell["teacher"], trainCount: number): StudentCell => ({ student, teacher, trainCount, weightDecay, seeds });
  if (claim === "G2") return [cell("cnn", "tree", m), cell("mlp", "tree", m)];
  if (claim === "G4") return [cell("cnn", "tree", m), cell("mlp", "tree", m), cell("cnn", "dense", m), cell("mlp", "dense", m)];
  requireAscending("m-grid", grid, 2);
  const fractional = grid.find((x) => !Number.isInteger(x));
  if (fractional !== undefined) throw new UsageError(`run: --m-grid ${grid.join(",")} is not valid; expected integers (${fractional} is not)`, "run");
  return grid.flatMap((size) => [cell("cnn", "tree", size), cell("cnn", "shuffled", size)]);
}

/** The tables and decisions of a trained claim (G2 adds the bound ratio's depth sweep on He-initialised networks). */
function trainedDecisions(claim: TrainedClaim, runs: readonly StudentRun[], cells: readonly StudentCell[], config: SparseTargetConfig, seeds: number) {
  const m = cells[0]!.trainCount;
  const tables: MeasurementTable[] = [studentsTable(runs)];
  const decisions: RunDecision[] = [];
  if (claim === "G2") {
    const cnn = boundRatioDepthSweep(config, "cnn", seeds);
    const mlp = boundRatioDepthSweep(config, "mlp", seeds);
    const growth = decideRatioGrowth(cnn.slopes);
    const dense = decideRatioGrowth(mlp.slopes);
    tables.push(depthSweepTable(cnn.table, mlp.table), slopesTable([["tree CNN", cnn.slopes], ["dense network", mlp.slopes]], "G2: fitted growth / predicted growth, per data seed (slope of ln ratio against 0.25 L(L−1) ln 2)"));
    decisions.push(
      prediction(`G2 dense bound > 10 × Corollary 3.3's on the trained tree CNNs (m = ${m})`, decideBoundRatio(selectRuns(runs, "cnn", "tree", m))),
      prediction("G2 growth with depth below 1.25 × predicted", growth.below),
      prediction("G2 growth with depth above 0.75 × predicted", growth.above),
      control("G2 on the control (dense networks: the bounds coincide)", decideBoundRatio(selectRuns(runs, "mlp", "tree", m))),
      control("G2 growth above 0.75 × predicted on the control (dense networks)", dense.above),
    );
  } else if (claim === "G3") {
    const grid = [...new Set(cells.map((c) => c.trainCount))];
    const slopes = rhoSlopesInM(grid.map((size) => selectRuns(runs, "cnn", "tree", size)), grid);
    const pairs = labelPairsOf(runs, grid);
    tables.push(mSweepTable(runs, grid, config), slopesTable([["log ρ against log m", slopes]], "G3: per-seed slope of log ρ against log m (tree teacher)"));
    decisions.push(
      prediction("G3 ρ stays bounded as m grows (slope < ¼)", decideRhoBounded(slopes)),
      prediction("G3 the bound follows the gap (tree labels below shuffled, paired)", decideBoundTracksGap(pairs.map(([t]) => t.bound), pairs.map(([, s]) => s.bound))),
      control("G3 on the control (Corollary 3.3 with the initial weights)", decideBoundTracksGap(pairs.map(([t]) => initialWeightComplexity(config, t)), pairs.map(([, s]) => initialWeightComplexity(config, s)))),
    );
  } else {
    tables.push(testErrorTable(runs, m));
    decisions.push(
      prediction(`G4 tree CNN beats the dense network on the tree teacher (m = ${m})`, decideSparseAdvantage(selectRuns(runs, "cnn", "tree", m), selectRuns(runs, "mlp", "tree", m))),
      control("G4 on the control (a dense teacher)", decideSparseAdvantage(selectRuns(runs, "cnn", "dense", m), selectRuns(runs, "mlp", "dense", m))),
    );
  }
  const reason = runs.find((r) => r.status !== "ok")?.reason ?? "";
  return { tables, decisions, warnings: regimeWarnings(runs, (r) => r.status === "ok", `diverged (${reason})`) };
}

function prepareTrained(claim: TrainedClaim, settings: CommonSettings, options: OptionValues): PreparedRun {
  const config = sparseTargetConfig(settings, options);
  const cells = cellsFor(claim, settings, options);
  const seeds = seedsPerArm(settings);
  return planRun({
    configuration: {
      "depth L (input length)": `${config.depth} (${2 ** config.depth})`,
      "tree CNN channels": config.studentChannels,
      "dense width (same parameter count)": studentMlp(config).hidden[0]!,
      "teacher channels": config.teacherWidth,
      cells: cells.map((c) => `${c.student === "cnn" ? "CNN" : "dense"} on ${c.teacher}, m = ${c.trainCount}`).join("; "),
      "test samples": config.testCount,
      "weight decay λ": cells[0]!.weightDecay,
      "learning rate η": `${config.learningRate} (warm-up ${config.warmupSteps} steps)`,
      "batch B": config.batchSize,
      steps: config.steps,
      "margin γ / δ": `${config.gamma} / ${config.delta}`,
      "seeds per cell": seeds,
    },
    trainers: { main: { label: trainingLabel((r) => (r.architecture.kind === "conv" ? "tree CNNs" : "dense networks"), (r) => `, m = ${r.runs[0]?.data.count ?? "-"}`) } },
    async measure(t) {
      const runs = await runSparseTargetExperiment(config, cells, t.main);
      return { runs, ...trainedDecisions(claim, runs, cells, config, seeds) };
    },
    tables: (measured) => measured.tables,
    decide: (measured) => measured,
    export: {
      experiment: "sparse target (tree teacher) — src/families/generalization-bounds/sparseTargetExperiment.ts",
      conventions: {
        weights: "W_l row-major: a conv layer's kernel [c_out, taps·c_in] (tap-major), the dense layers [out, in]",
        inputs: "training inputs, row-major [m, 2^L]; labels in 0..C−1",
        terms: "ρ (kernel norms), ρ̃ (dense operator norms), the Corollary 3.3 and dense Rademacher bounds; bound: Theorem 3.2 on the test error",
      },
      snapshots: ["the initial and the final weights", "the initial and the final weights"],
      data({ runs }, t, { snapshots }) {
        const trained = t.main.calls.flatMap((c) => c.runs);
        const exported = ({ terms, ...measured }: StudentRun, k: number) => ({ ...measured, terms, ...exportTrained(trained[k], parameterShapes(measured.student === "cnn" ? studentCnn(config) : studentMlp(config)), snapshots) });
        return { config, architectures: { cnn: studentCnn(config), dense: studentMlp(config) }, runs: runs.map(exported) };
      },
    },
  });
}

function prepareG1(settings: CommonSettings, options: OptionValues): PreparedRun {
  if (settings.steps !== undefined || settings.seeds !== undefined) {
    const [name, value] = settings.steps !== undefined ? ["steps", settings.steps] : ["seeds", settings.seeds];
    throw new UsageError(`run: --${name} ${value} does not apply to G1; it trains nothing (it materialises generated conv layers); use --cases`, "run");
  }
  const cases = numberOption(options, "cases", Math.min(settings.profile.exactRuns, G1_MAX_CASES));
  return planRun({
    configuration: {
      layers: `${cases} generated valid-padding conv layers (1-D and 2-D) and ${cases} zero-padded ones (the control)`,
      operators: "materialised from tf.conv1d/tf.conv2d applied to the basis inputs",
      networks: "tree CNNs of depths 3–6 (3 channels, He initialisation)",
    },
    trainers: {},
    measure: (_, { progress }) => runG1(settings.seed, cases, (done, total) => progress("materialising conv operators", done, total)),
    tables: g1Tables,
    decide: g1Decisions,
    export: {
      experiment: "G1 Toeplitz identity — src/families/generalization-bounds/convIdentityCases.ts",
      conventions: { layer: "the generated conv layer (sizes, kernel, stride, channels, initialisation seed)", errors: "patchTable: ‖ours − TF's‖/‖TF's‖; identity: |‖W‖²_F/(d_l‖w‖²_F) − 1|" },
      snapshots: null,
      data: (result) => ({ valid: result.valid, samePadding: result.same, networks: result.networks }),
    },
  });
}

export const generalizationBoundsRunner = familyRunner<"G1" | TrainedClaim>({
  family: "Generalization bounds",
  claims: ["G1", "G2", "G3", "G4"],
  noun: "a generalization-bound",
  description:
    "G1 materialises generated conv layers through TensorFlow.js's conv ops and checks the Toeplitz identity " +
    "‖W_l‖_F = √d_l ‖w_l‖_F (control: zero padding). G2–G4 train the tree CNN of the paper's example and a dense " +
    "network with the same parameter count on labels from a tree teacher (and, per claim, shuffled labels or a dense " +
    "teacher), then print errors, norms ρ and ρ̃, both Rademacher bounds and Theorem 3.2's bound, and the spec's rules.",
  options: OPTIONS,
  examples: [
    { command: "npx theorem-spec run G1 --cases 10", description: "G1 on 10 generated layers of each kind and four tree CNNs (no training; a few seconds)", quick: true },
    { command: "npx theorem-spec run G2", description: "G2 at the ci profile's defaults (about 13 s on 2 cores)", quick: false },
    { command: "npx theorem-spec run G3 --m-grid 250,500,1000,2000", description: "G3 with a longer m sweep (about a minute)", quick: false },
    {
      command: "npx theorem-spec run G4 --steps 1000 --seeds 3 --m 250 --test-count 500",
      description: "a short G4 run: tree CNN against the dense network, on the tree and the dense teacher",
      quick: true,
    },
    { command: "npx theorem-spec export G4 --out out/g4.json", description: "G4 at the defaults; every student's weights, training data and bound terms as JSON (about 20 s)", quick: false },
  ],
  rejects: {
    G1: { names: TRAINING_OPTIONS, why: "G1 trains nothing (it materialises generated conv layers); use --cases" },
    G2: { names: ["cases", "m-grid"], why: "G2 compares at one m (--m; G1 takes --cases)" },
    G3: { names: ["cases", "m"], why: "G3 sweeps m over --m-grid (G1 takes --cases)" },
    G4: { names: ["cases", "m-grid"], why: "G4 compares at one m (--m; G1 takes --cases)" },
  },
  prepare: (claim, settings, options) => (claim === "G1" ? prepareG1(settings, options) : prepareTrained(claim, settings, options)),
});
