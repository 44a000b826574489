/**
 * Norm-based generalization bounds: local-kernel CNNs versus dense networks.
 *
 * Source: Galanti, Xu, Galanti, Poggio, "Norm-based generalization bounds for sparse neural
 * networks", NeurIPS 2023 (../shared/papers/, §2.2, Proposition 3.1, Theorem 3.2, Corollary 3.3
 * and the comparison with Golowich et al. after it), as used by Xu et al. 2023 (Research 6:0024).
 * Conventions: ../shared/CLAIMS.md ("G — generalization bounds").
 *
 * Theorem, as checked here: a valid-padding conv layer's dense matrix holds one copy of its kernel
 * per output position (G1), so the dense-network bound of Golowich et al., which sees ρ̃ = ρ√∏d_l,
 * is far above Corollary 3.3's, which sees the kernels once — by a factor growing like
 * 2^{0.25 L(L−1)} for the tree CNN on balanced inputs (G2); ρ stays bounded as m grows and the
 * bound follows the generalization gap (G3); and on a compositionally sparse target the tree CNN
 * generalizes better than a dense network of the same size (G4).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  convCaseErrors,
  convCases,
  convFits,
  G1_MAX_CASES,
  G1_NETWORK_TOLERANCE,
  G1_TREE_DEPTHS,
  samePadding,
  samePaddingError,
  treeNetworkIdentityError,
} from "../src/families/generalization-bounds/convIdentityCases.ts";
import {
  boundRatioDepthSweep,
  G2_DEPTHS,
  initialWeightComplexity,
  labelPairsOf,
  rhoSlopesInM,
  selectRuns,
} from "../src/families/generalization-bounds/sparseTargetMeasures.ts";
import {
  G3_TRAIN_SIZES,
  G_COMPARE_SIZE,
  G_WEIGHT_DECAY,
  runSparseTargetExperiment,
  SPARSE_TARGET_SETTINGS,
  SPARSE_TARGET_STEPS,
  studentMlp,
  type SparseTargetConfig,
  type StudentCell,
  type StudentRun,
} from "../src/families/generalization-bounds/sparseTargetExperiment.ts";
import {
  decideBoundRatio,
  decideBoundTracksGap,
  decideRatioGrowth,
  decideRhoBounded,
  G3_MAX_RHO_SLOPE,
  decideSparseAdvantage,
  G2_SLOPE_RANGE,
} from "../src/families/generalization-bounds/sparseTargetPredictions.ts";
import { assertDecision } from "../src/harness/checkConfigurations.ts";
import { memoizeAsync } from "../src/harness/memoize.ts";
import { activeProfile, baseSeed } from "../src/profile.ts";
import { deriveSeed } from "../src/random/rng.ts";
import { attachDecision, labelClaim, recordEvidence, reportKeyMeasurement, reportParameters } from "../src/report/index.ts";
import { TOLERANCE } from "../src/tolerances.ts";

const profile = activeProfile();

/**
 * The experiment of G2–G4 (`SPARSE_TARGET_SETTINGS`, see docs/generalization-bounds.md for the
 * exploration): the tree CNN of the paper's example (input 2^L = 32, kernel 2, stride 2, 8
 * channels) and a one-hidden-layer dense network with the same parameter count, trained by SGD
 * (η = 0.05 after a 300-step warm-up, B = 16, λ = 1e-3 on the square loss) for 4 000 steps.
 * Margin γ = 1 and δ = 0.001 as in the paper.
 */
const CONFIG: SparseTargetConfig = {
  ...SPARSE_TARGET_SETTINGS,
  steps: Math.round(SPARSE_TARGET_STEPS * profile.trainingScale),
  seed: deriveSeed(baseSeed(), "generalization-bounds"),
};
/** Training-set sizes of the m sweep (G3), and the size of the CNN-versus-dense comparison (G2, G4). */
const M_GRID = G3_TRAIN_SIZES;
const M_COMPARE = G_COMPARE_SIZE;
const LAMBDA = G_WEIGHT_DECAY;
const SEEDS = profile.seedsPerConfig;

const CELLS: StudentCell[] = [
  ...M_GRID.flatMap((m) =>
    (["tree", "shuffled"] as const).map((teacher) => ({ student: "cnn" as const, teacher, trainCount: m, weightDecay: LAMBDA, seeds: SEEDS })),
  ),
  { student: "cnn", teacher: "dense", trainCount: M_COMPARE, weightDecay: LAMBDA, seeds: SEEDS },
  { student: "mlp", teacher: "tree", trainCount: M_COMPARE, weightDecay: LAMBDA, seeds: SEEDS },
  { student: "mlp", teacher: "dense", trainCount: M_COMPARE, weightDecay: LAMBDA, seeds: SEEDS },
];

const experiment = memoizeAsync(async (_: "all") => runSparseTargetExperiment(CONFIG, CELLS));

const select = selectRuns;

function requireOk(runs: readonly StudentRun[]): readonly StudentRun[] {
  const bad = runs.filter((r) => r.status !== "ok");
  if (bad.length > 0) throw new Error(`inconclusive: ${bad.length} run(s) diverged: ${bad.map((r) => r.reason).join("; ")}`);
  return runs;
}

async function describeExperiment(): Promise<void> {
  await reportParameters({
    "depth L": CONFIG.depth,
    "input length 2^L": 2 ** CONFIG.depth,
    "CNN channels": CONFIG.studentChannels,
    "dense width (same parameter count)": studentMlp(CONFIG).hidden[0]!,
    "teacher channels": CONFIG.teacherWidth,
    "training sizes m": M_GRID.join(", "),
    "weight decay λ": LAMBDA,
    "learning rate η": CONFIG.learningRate,
    steps: CONFIG.steps,
    "batch B": CONFIG.batchSize,
    "margin γ / δ": `${CONFIG.gamma} / ${CONFIG.delta}`,
    seeds: SEEDS,
  });
}

describe("Norm-based bounds: local-kernel CNNs vs dense networks (Galanti et al. 2023; Xu et al. 2023)", () => {
  const G1_RULE =
    "for every generated conv layer (1-D and 2-D; kernel, stride, channels and input size generated; valid padding), the operator matrix materialised from tf.conv1d/tf.conv2d on basis inputs (a) equals the suite's patch-table operator and (b) satisfies |‖W‖²_F/(d_l‖w‖²_F) − 1| ≤ 1e-3 (float32); for whole tree CNNs, ∏‖W_l‖_F of the materialised operators equals ρ·√∏d_l";

  it("G1 — a valid-padding conv layer's dense matrix holds one kernel copy per output position: ‖W_l‖_F = √d_l ‖w_l‖_F", async () => {
    await labelClaim({ claim: "G1", rule: G1_RULE });
    const errors: number[] = [];
    await fc.assert(
      fc.asyncProperty(convCases, async (c) => {
        fc.pre(convFits(c));
        const e = await convCaseErrors(c);
        // (a) The patch-table operator (the suite's own conv) applied to the basis gives the same matrix.
        expect(e.oursRows).toBe(e.operatorRows);
        expect(e.patchTable).toBeLessThan(TOLERANCE.float32.relative);
        // (b) The Toeplitz identity.
        errors.push(e.identity);
        expect(e.identity).toBeLessThan(TOLERANCE.float32.relative);
      }),
      { numRuns: Math.min(profile.exactRuns, G1_MAX_CASES) },
    );
    // Whole networks: the tree CNN at depths 3–6.
    for (const L of G1_TREE_DEPTHS) expect(treeNetworkIdentityError(L)).toBeLessThan(G1_NETWORK_TOLERANCE);
    await recordEvidence("Toeplitz identity error per generated layer", { data: { errors, maxError: Math.max(...errors) } });
    await reportKeyMeasurement(`max |‖W‖²/(d‖w‖²) − 1| = ${Math.max(...errors).toExponential(1)} over ${errors.length} layers`);
  });

  it("G1 (control) — with zero ('same') padding the border outputs hold truncated kernels and the identity fails", async () => {
    await labelClaim({ claim: "G1", control: true, rule: G1_RULE, extra: "Control: the same layers with `same` padding (kernel ≥ 2), kernel entries ±1 (the signs of the He draw, so a truncated tap always carries weight): every generated case must violate the identity by more than the tolerance." });
    const errors: number[] = [];
    await fc.assert(
      fc.asyncProperty(convCases, async (c) => {
        fc.pre(convFits(c));
        // TF's "same" pads (⌈n/s⌉ − 1)·s + k − n cells per axis; a case where that is 0 everywhere is not padded at all.
        fc.pre(samePadding(c).some((p) => p > 0));
        const e = await samePaddingError(c);
        errors.push(e.identity);
        expect(e.positions).toBeGreaterThanOrEqual(e.validPositions);
        expect(e.identity, "the identity must fail with zero padding").toBeGreaterThan(TOLERANCE.float32.relative);
      }),
      { numRuns: Math.min(profile.exactRuns, G1_MAX_CASES) },
    );
    await recordEvidence("identity error with 'same' padding", { data: { errors, minError: Math.min(...errors) } });
  });

  const G2_RULE =
    "(i) trained networks (L = 5, m = 1000): one-sided t-test over seeds, lower 95 % bound of mean log10(dense bound / Corollary 3.3 bound) > 1; (ii) depth sweep L = 3…8 on balanced inputs: per data seed, the least-squares slope of ln(ratio) against the predicted 0.25 L(L−1) ln 2; both one-sided 97.5 % bounds of the mean slope inside [0.75, 1.25]";
  const G2_EXTRA =
    "ρ cancels in the ratio — dense/sparse = √(∏d_l/∏k_l) · √(Σ‖x_i‖²/max_j Σ_i‖z_j(x_i)‖²) · (ratio of the log-factors) — so the ratio is a property of architecture and data; (i) evaluates it on the trained networks, (ii) sweeps depth on He-initialised ones.";
  const DEPTHS = G2_DEPTHS;
  const depthSweep = (kind: "cnn" | "mlp") => boundRatioDepthSweep(CONFIG, kind, SEEDS);

  it("G2 — the Corollary 3.3 bound is over an order of magnitude below the dense bound, and the gap grows like 2^{0.25 L(L−1)}", async () => {
    await labelClaim({ claim: "G2", rule: G2_RULE, extra: G2_EXTRA });
    await describeExperiment();
    const runs = await experiment("all");
    const trained = requireOk(select(runs, "cnn", "tree", M_COMPARE));
    const ratio = decideBoundRatio(trained);
    await attachDecision("G2 (i): log10 ratio on trained tree CNNs", ratio);
    const sweep = await depthSweep("cnn");
    const growth = decideRatioGrowth(sweep.slopes);
    await attachDecision("G2 (ii): fitted growth below 1.25 × predicted", growth.below);
    await attachDecision("G2 (ii): fitted growth above 0.75 × predicted", growth.above);
    await recordEvidence("bound ratio against depth", {
      data: { trained: trained.map((r) => ({ seed: r.seed, sparse: r.terms.sparseBound, dense: r.terms.denseBound, rho: r.terms.rho, rhoTilde: r.terms.rhoTilde })), sweep: sweep.table, slopes: sweep.slopes },
      line: {
        title: "ln(dense bound / Corollary 3.3 bound) against depth L (balanced inputs)",
        xLabel: "depth L",
        yLabel: "ln ratio",
        series: [
          ...Array.from({ length: SEEDS }, (_, s) => ({ name: `measured, data seed ${s}`, points: sweep.table.filter((t) => t.seed === s).map((t) => [t.L, t.lnRatio] as const) })),
          { name: "predicted 0.25 L(L−1) ln 2", points: DEPTHS.map((L) => [L, 0.25 * L * (L - 1) * Math.log(2)] as const) },
        ],
      },
    });
    const meanSlope = sweep.slopes.reduce((a, b) => a + b, 0) / sweep.slopes.length;
    await reportKeyMeasurement(`dense/sparse = 10^${ratio.estimate.toFixed(2)} at L = 5; growth ${meanSlope.toFixed(2)} × predicted (range ${G2_SLOPE_RANGE.join("–")})`);
    expect(ratio.holds, ratio.summary).toBe(true);
    expect(growth.holds, `${growth.below.summary}; ${growth.above.summary}`).toBe(true);
  });

  it("G2 (control) — for dense networks the two bounds coincide: no gap and no growth with depth", async () => {
    await labelClaim({ claim: "G2", control: true, rule: G2_RULE, extra: "Control: the same comparison for the dense students (a dense layer is one vector neuron with one predecessor: degree 1, one input pixel, ρ = ρ̃)." });
    const runs = await experiment("all");
    const ratio = decideBoundRatio(requireOk(select(runs, "mlp", "tree", M_COMPARE)));
    await attachDecision("G2 (i) on dense networks", ratio, { expected: false });
    const sweep = await depthSweep("mlp");
    const growth = decideRatioGrowth(sweep.slopes);
    await attachDecision("G2 (ii) on dense networks: growth above 0.75 × predicted", growth.above, { expected: false });
    expect(ratio.inconclusive, "the control's ratio must be decidable").toBeUndefined();
    expect(ratio.holds, `control must fail: ${ratio.summary}`).toBe(false);
    expect(growth.holds, "control must fail the growth check").toBe(false);
    expect(growth.above.inconclusive).toBeUndefined();
  });

  const G3_RULE =
    "(i) per seed, the least-squares slope of log ρ against log m over m ∈ {250, 500, 1000} (tree teacher, λ = 1e-3); one-sided t-test: upper 95 % bound of the mean slope < ¼; (ii) paired by (m, seed) — the same inputs labelled by the tree teacher or with the labels shuffled, whose generalization gap is larger (checked and reported) — d = log10 bound(tree) − log10 bound(shuffled); one-sided paired t-test: upper 95 % bound of mean d < 0";
  const G3_EXTRA =
    "Measured (docs/generalization-bounds.md): the bound is vacuous in this regime (its complexity term is in the hundreds), so its validity (bound ≥ test error) is reported, not counted as evidence. ρ here is set mostly by the He-initialisation scale and shrinks during training; it falls with m for every student measured — including λ = 0 and networks memorising shuffled labels — so (i) does not discriminate in this regime; (ii) carries the control.";

  async function g3Evidence(runs: readonly StudentRun[], label: string): Promise<void> {
    const cells = runs.filter((r) => r.student === "cnn" && r.teacher !== "dense");
    await recordEvidence(`ρ, bound and gap against m (${label})`, {
      data: cells.map((r) => ({ teacher: r.teacher, m: r.trainCount, seed: r.seed, rho: r.terms.rho, bound: r.bound, gap: r.gap, testError: r.testError, trainError: r.trainError, marginError: r.marginError })),
      line: {
        title: `Theorem 3.2 bound against m (${label})`,
        xLabel: "training samples m",
        yLabel: "bound on the test error",
        logX: true,
        logY: true,
        series: (["tree", "shuffled"] as const).flatMap((teacher) =>
          Array.from({ length: SEEDS }, (_, i) => ({
            name: `${teacher}, seed ${i}`,
            points: M_GRID.map((m) => [m, cells.filter((r) => r.teacher === teacher && r.trainCount === m)[i]!.bound] as const),
          })),
        ),
      },
    });
  }

  /** Pairs (tree teacher, shuffled labels) with the same inputs, m and initialisation. */
  const labelPairs = (runs: readonly StudentRun[]) => labelPairsOf(runs, M_GRID);

  it("G3 — ρ stays bounded as m grows, and the bound moves with the generalization gap", async () => {
    await labelClaim({ claim: "G3", rule: G3_RULE, extra: G3_EXTRA });
    await describeExperiment();
    const runs = await experiment("all");
    const tree = M_GRID.map((m) => requireOk(select(runs, "cnn", "tree", m)));
    const slopes = rhoSlopesInM(tree, M_GRID);
    const bounded = decideRhoBounded(slopes);
    await attachDecision("G3 (i): ρ bounded in m", bounded);
    const pairs = labelPairs(runs);
    const tracking = decideBoundTracksGap(pairs.map(([t]) => t.bound), pairs.map(([, s]) => s.bound));
    await attachDecision("G3 (ii): the bound follows the gap", tracking);
    const gapOrdered = pairs.filter(([t, s]) => s.gap > t.gap).length;
    const valid = runs.filter((r) => r.student === "cnn").every((r) => r.bound >= r.testError);
    await g3Evidence(runs, "trained");
    const rhoOverRootM = slopes.map((s) => s - 0.5);
    await reportKeyMeasurement(
      `slope of log(ρ/√m) = ${(rhoOverRootM.reduce((a, b) => a + b, 0) / SEEDS).toFixed(2)} (prediction −0.5 or below); shuffled labels have the larger gap in ${gapOrdered}/${pairs.length} pairs; bound ≥ test error in every run: ${valid}`,
    );
    expect(bounded.holds, bounded.summary).toBe(true);
    expect(tracking.holds, tracking.summary).toBe(true);
  });

  it("G3 as stated — \"ρ stays bounded as m grows\" does not discriminate: it holds just as well for networks trained on shuffled labels (finding pinned)", async () => {
    await labelClaim({
      claim: "G3",
      statement: "as stated",
      finding: true,
      rule: `the check of the sentence — ${G3_RULE.split(";")[0]!.replace("(i) ", "")} — applied to the same CNNs trained on the same inputs with the labels shuffled (no learnable structure); finding, asserted: it holds there too`,
      extra:
        "The finding (docs/generalization-bounds.md): with a fixed number of steps, small training sets are fitted longest and end with the largest " +
        "norms, so ρ falls with m for every student measured — λ = 0 and shuffled labels included. \"ρ stays bounded\" is therefore true but says " +
        "nothing about learning here: the statement as stated is inconclusive, and the refined statement (the bound separates learnable from " +
        "shuffled labels) carries the claim. The bound is also vacuous (≈ 10²–10³ on a test error), so its validity is reported, not counted. " +
        "A change that makes the check fail on shuffled labels — so that it discriminates — fails this test.",
    });
    const runs = await experiment("all");
    const tree = M_GRID.map((m) => requireOk(select(runs, "cnn", "tree", m)));
    const shuffled = M_GRID.map((m) => requireOk(select(runs, "cnn", "shuffled", m)));
    const onTree = decideRhoBounded(rhoSlopesInM(tree, M_GRID));
    const onShuffled = decideRhoBounded(rhoSlopesInM(shuffled, M_GRID));
    await attachDecision("ρ bounded in m, tree labels", onTree);
    await attachDecision("ρ bounded in m, shuffled labels (the check must fail here to discriminate)", onShuffled);
    const validity = runs.filter((r) => r.student === "cnn").map((r) => r.bound);
    await reportKeyMeasurement(
      `slope of log ρ vs log m: tree labels ${onTree.estimate.toFixed(2)}, shuffled labels ${onShuffled.estimate.toFixed(2)} — both below ${G3_MAX_RHO_SLOPE}; ` +
        `the bound is ${Math.min(...validity).toPrecision(2)}–${Math.max(...validity).toPrecision(2)} on a test error (vacuous)`,
    );
    expect(onTree.holds, onTree.summary).toBe(true);
    expect(onShuffled.inconclusive).toBeUndefined();
    expect(onShuffled.holds, `finding: the check now fails on shuffled labels (it discriminates) — ${onShuffled.summary}`).toBe(true);
  });

  it("G3 (control) — a bound evaluated at the initial weights does not follow the gap", async () => {
    await labelClaim({ claim: "G3", control: true, rule: G3_RULE, extra: "Control: Corollary 3.3's complexity term with ρ of the *initial* weights (the same for both label sets at a given seed and m), so it cannot tell learnable from shuffled labels." });
    const runs = await experiment("all");
    const pairs = labelPairs(runs);
    // Corollary 3.3's complexity with ρ of the initial weights: it sees the data, not what training did with the labels.
    const atInit = (r: StudentRun) => initialWeightComplexity(CONFIG, r);
    const tracking = decideBoundTracksGap(pairs.map(([t]) => atInit(t)), pairs.map(([, s]) => atInit(s)));
    await assertDecision("G3 (ii) with initial weights", tracking, { expected: false });
  });

  const G4_RULE =
    "paired by data seed (same training and test sets), m = 1000: d = test error(tree CNN) − test error(dense network with the same parameter count); one-sided paired t-test: upper 95 % bound of mean d < 0";

  async function g4Evidence(runs: readonly StudentRun[], teacher: "tree" | "dense"): Promise<{ cnn: StudentRun[]; mlp: StudentRun[] }> {
    const cnn = requireOk(select(runs, "cnn", teacher, M_COMPARE)) as StudentRun[];
    const mlp = requireOk(select(runs, "mlp", teacher, M_COMPARE)) as StudentRun[];
    await recordEvidence(`test error, ${teacher} teacher`, {
      data: { cnn: cnn.map((r) => ({ seed: r.seed, test: r.testError, train: r.trainError, parameters: r.parameters })), dense: mlp.map((r) => ({ seed: r.seed, test: r.testError, train: r.trainError, parameters: r.parameters })) },
      bars: {
        title: `Test error on the ${teacher}-teacher target (m = ${M_COMPARE})`,
        xLabel: "data seed",
        yLabel: "test error",
        bars: cnn.flatMap((r, i) => [
          { category: `seed ${i}`, group: "tree CNN", value: r.testError },
          { category: `seed ${i}`, group: "dense network", value: mlp[i]!.testError },
        ]),
      },
    });
    return { cnn, mlp };
  }

  it("G4 — on a compositionally sparse target the tree CNN reaches lower test error than a dense network of the same size", async () => {
    await labelClaim({ claim: "G4", rule: G4_RULE });
    await describeExperiment();
    const { cnn, mlp } = await g4Evidence(await experiment("all"), "tree");
    const decision = decideSparseAdvantage(cnn, mlp);
    await attachDecision("G4: tree CNN vs dense network, tree teacher", decision);
    await reportKeyMeasurement(decision.summary.split(":")[0]!);
    expect(decision.holds, decision.summary).toBe(true);
  });

  it("G4 (control) — on a target with no local structure (a dense teacher) the advantage disappears", async () => {
    await labelClaim({ claim: "G4", control: true, rule: G4_RULE, extra: "Control: labels from a random dense teacher (every unit sees every pixel)." });
    const { cnn, mlp } = await g4Evidence(await experiment("all"), "dense");
    const decision = decideSparseAdvantage(cnn, mlp);
    await assertDecision("G4: tree CNN vs dense network, dense teacher", decision, { expected: false });
  });
});
