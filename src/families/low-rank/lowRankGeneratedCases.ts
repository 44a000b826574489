/**
 * The cases on which R1's exact bound is checked (specs/low-rank.spec.ts, and a few by the CLI):
 *
 * - generated networks (He initialisation times per-layer scales: "any weights"), data, minibatch
 *   size and λ (`generatedCases`), and the same with the last layer solved exactly for the
 *   minibatch or the full batch (`stationaryCases`), where the wrong versions of the bound fail;
 * - the snapshots of trained λ > 0 runs of the low-rank experiment at generated minibatches
 *   (`boundPool`, `trainedCases`).
 *
 * Each case gives one `LayerCheck` per layer: the bound, its Frobenius form and rank ∇L_S̃ ≤ B, and
 * the controls (σ_B for σ_{B+1}, the full-batch gradient, the full-batch gradient's rank).
 */
import fc from "fast-check";
import { gaussianMixture } from "../../data/gaussianMixture.ts";
import { initWeights } from "../../nets/initWeights.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { weightMatrices } from "../../nets/weightMatrices.ts";
import { deriveSeed } from "../../random/rng.ts";
import { boundCase, drawMinibatch, ridgeLastLayer, type BoundCase } from "./lowRankBoundCases.ts";
import type { LowRankResult, RankRun } from "./lowRankExperiment.ts";
import type { InequalityCase } from "../../stats/exactCheckDecision.ts";

/** A generated network + data + minibatch + λ for the exact bound (sizes kept small: host float64). */
export interface GeneratedCase {
  readonly seed: number;
  readonly classes: number;
  readonly dim: number;
  readonly perClass: number;
  readonly hidden: readonly number[];
  /** Per-layer multipliers of the He-initialised weights ("any weights"). */
  readonly scales: readonly number[];
  readonly batchSize: number;
  readonly weightDecay: number;
}

/** Networks of depth 2–4, widths 2–16, C = 2–5, N = C · (2–6), B ∈ [1, N], λ ∈ [1e-4, 1], scales ∈ [0.1, 10]. */
export const generatedCases: fc.Arbitrary<GeneratedCase> = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    classes: fc.integer({ min: 2, max: 5 }),
    dim: fc.integer({ min: 2, max: 12 }),
    perClass: fc.integer({ min: 2, max: 6 }),
    hidden: fc.array(fc.integer({ min: 2, max: 16 }), { minLength: 1, maxLength: 3 }),
    log10Lambda: fc.double({ min: -4, max: 0, noNaN: true }),
  })
  .chain((c) =>
    fc.record({
      scales: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), {
        minLength: c.hidden.length + 1,
        maxLength: c.hidden.length + 1,
      }),
      batchSize: fc.integer({ min: 1, max: c.classes * c.perClass }),
    }).map(({ scales, batchSize }) => ({
      seed: c.seed,
      classes: c.classes,
      dim: c.dim,
      perClass: c.perClass,
      hidden: c.hidden,
      scales: scales.map((s) => 10 ** s),
      batchSize,
      weightDecay: 10 ** c.log10Lambda,
    })),
  );

/**
 * Cases "at convergence" for the controls: the last layer solved exactly for its (mini)batch
 * objective, so its right side is 0. Needs B < C ≤ last width, so that the last layer can have
 * rank > B.
 */
export const stationaryCases: fc.Arbitrary<GeneratedCase> = generatedCases
  .map((c) => {
    const classes = Math.max(3, c.classes + 1);
    const hidden = [...c.hidden.slice(0, -1), Math.max(c.hidden.at(-1)!, classes)];
    return { ...c, classes, hidden, batchSize: 1 + (c.batchSize % (classes - 1)) };
  });

/** The case's training set, its weights (He initialisation × the per-layer scales) and its minibatch. */
export function materialiseCase(c: GeneratedCase) {
  const architecture: MlpConfig = { inputDim: c.dim, hidden: c.hidden, outputDim: c.classes, normalization: "none" };
  const data = gaussianMixture({ classes: c.classes, dim: c.dim, perClass: c.perClass, separation: 2, noise: 1, seed: c.seed }).train;
  const weights = weightMatrices(initWeights(architecture, c.seed), architecture).map((w, k) => w.mul(c.scales[k]!));
  const batch = drawMinibatch(deriveSeed(c.seed, "minibatch"), data.count, c.batchSize);
  return { data, weights, batch };
}

/** One line naming the case (for a failure message). */
export function describeCase(c: GeneratedCase): string {
  return `seed ${c.seed}, widths ${[c.dim, ...c.hidden, c.classes].join("-")}, N ${c.classes * c.perClass}, B ${c.batchSize}, λ ${c.weightDecay.toPrecision(3)}`;
}

/** The inequalities of R1, and of its deliberately wrong versions (the controls), on one layer of a bound case. */
export interface LayerCheck {
  readonly where: string;
  readonly bound: InequalityCase;
  readonly boundFrobenius: InequalityCase;
  readonly gradientRank: InequalityCase;
  /** The numerical rank at τ = the bound is ≤ B (R1 in numerical-rank form). */
  readonly rankAtBound: InequalityCase;
  /** Controls. */
  readonly sigmaB: InequalityCase;
  readonly fullBatch: InequalityCase;
  readonly fullGradientRank: InequalityCase;
}

/** The checks of every layer of `bc`, each named `where`, layer k [shape]. */
export function layerChecks(bc: BoundCase, where: string): LayerCheck[] {
  return bc.layers.map((l) => {
    const at = `${where}, layer ${l.layer} [${l.shape.join("×")}]`;
    return {
      where: at,
      bound: { lhs: l.distance, rhs: l.bound, where: at },
      boundFrobenius: { lhs: l.distanceFrobenius, rhs: l.boundFrobenius, where: at },
      gradientRank: { lhs: l.gradientRank, rhs: bc.batchSize, where: at },
      rankAtBound: { lhs: l.rankAtBound, rhs: bc.batchSize, where: at },
      sigmaB: { lhs: l.distanceB, rhs: l.bound, where: at },
      fullBatch: { lhs: l.distance, rhs: l.fullBatchBound, where: at },
      fullGradientRank: { lhs: l.fullGradientRank, rhs: bc.batchSize, where: at },
    };
  });
}

/** The R1 checks of a generated case at its (generated) weights. */
export function generatedCaseChecks(c: GeneratedCase): LayerCheck[] {
  const { data, weights, batch } = materialiseCase(c);
  return layerChecks(boundCase(weights, data, batch, c.weightDecay), describeCase(c));
}

/**
 * The R1 checks of a generated case with its last layer solved exactly (ridge) for the minibatch
 * (where the σ_B version fails) or the full batch (where the full-batch version fails); none for a
 * dead network, which has no direction to bound.
 */
export function stationaryCaseChecks(c: GeneratedCase, which: "minibatch" | "full"): LayerCheck[] {
  const { data, weights, batch } = materialiseCase(c);
  const all = Int32Array.from({ length: data.count }, (_, i) => i);
  const solved = ridgeLastLayer(weights, data, which === "minibatch" ? batch : all, c.weightDecay);
  if (solved.some((w) => w.norm() === 0)) return []; // a dead network has no direction to bound
  return layerChecks(boundCase(solved, data, batch, c.weightDecay), `${describeCase(c)}, last layer at the ${which} optimum`);
}

/** R1 along training: the snapshots of every λ > 0 run (plain and WN) of a configuration. */
export function boundPool(result: LowRankResult): Array<{ run: RankRun; step: number; weights: readonly Float32Array[] }> {
  const runs = [...result.arms.lambda, ...result.arms.eta, ...result.arms.batch, ...result.arms.normalized].flatMap((l) => l.runs);
  return runs
    .filter((r) => r.status === "ok" && r.setting.weightDecay > 0)
    .flatMap((run) => run.snapshots.map((s) => ({ run, step: s.step, weights: s.weights })));
}

/** The architecture a run was trained with (plain, or weight-normalised for the WN arm). */
export function architectureOf(result: LowRankResult, run: RankRun): MlpConfig {
  return { ...result.architecture, normalization: run.setting.normalization };
}

/** R1 quantities of seed 0 of each λ level along training, at a fixed minibatch of B₀ per step. */
export function boundTrajectories(result: LowRankResult) {
  return result.arms.lambda.map((l) => {
    const run = l.runs[0]!;
    const points = run.snapshots.map((s) => {
      const batch = drawMinibatch(deriveSeed(run.seed, `r1-trajectory/${s.step}`), run.data.count, result.config.batchSize);
      const bc = boundCase(weightMatrices(s.weights, architectureOf(result, run)), run.data, batch, run.setting.weightDecay);
      return { step: s.step, layers: bc.layers };
    });
    return { weightDecay: l.level, seed: run.seed, points };
  });
}

/** A case along training: which pooled snapshot (`pick`), and a generated minibatch size B ∈ [1, N] and indices seed. */
export function trainedCases(poolSize: number, count: number): fc.Arbitrary<{ pick: number; batchSize: number; batchSeed: number }> {
  return fc.record({ pick: fc.nat({ max: poolSize - 1 }), batchSize: fc.integer({ min: 1, max: count }), batchSeed: fc.integer() });
}

/** The R1 checks of one case along training: the pooled snapshot's weights at a generated minibatch. */
export function trainedCaseChecks(
  result: LowRankResult,
  pool: ReturnType<typeof boundPool>,
  c: { pick: number; batchSize: number; batchSeed: number },
): LayerCheck[] {
  const { run, step, weights } = pool[c.pick]!;
  const batch = drawMinibatch(c.batchSeed, run.data.count, c.batchSize);
  const bc = boundCase(weightMatrices(weights, architectureOf(result, run)), run.data, batch, run.setting.weightDecay);
  const where = `${run.setting.normalization === "weight" ? "WN" : "plain"} run seed ${run.seed} (λ ${run.setting.weightDecay}, η ${run.setting.learningRate}, B_train ${run.setting.batchSize}) at step ${step}, B ${c.batchSize}`;
  return layerChecks(bc, where);
}

