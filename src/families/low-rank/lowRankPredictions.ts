/**
 * The low-rank predictions (CLAIMS R1, R2) as decision rules. Every threshold is a named constant
 * with its reason; α is the rule's stated false-positive rate.
 *
 * - R1 is exact (an inequality at every W): it is decided by a property over generated cases, and
 *   holds iff no case violates it beyond float64 rounding (`exactCheckDecision`).
 * - R2 is statistical: trends of the numerical rank across λ, η and B, decided over seeds on
 *   per-seed slopes (each seed sees every level with the same data and initialisation).
 */
import { meanAbove, meanBelow, type Decision } from "../../stats/index.ts";
import type { RankArm, RankRun } from "./lowRankExperiment.ts";

/** Significance level of every R2 rule. */
export const R_ALPHA = 0.05;

/**
 * Low-rank bias: at the end, the total numerical rank Σ_k rank_τ(W_k) is below half of the
 * generic rank Σ_k min(out_k, in_k) (mean over seeds, upper 95 % bound). He-initialised layers,
 * and layers trained without weight decay, keep (almost) every singular value above τ = 1e-3 of
 * ‖W‖_F (a 32 × 32 Gaussian matrix has σ_min/‖W‖_F ≈ 1e-3 – 1e-2), so their fraction is ≈ 1; a
 * layer whose rank is at most half its size is low rank in any reading of the word.
 */
export const LOW_RANK_MAX_FRACTION = 0.5;

/**
 * A rank trend must move the total numerical rank by at least one unit per doubling of the
 * hyperparameter (OLS slope of the rank against log2 of the level, per seed; one-sided t-test on
 * the mean slope). The rank is an integer: a trend below one unit per doubling over the sweep is
 * within the ±1 flicker of a singular value sitting at τ, not a bias.
 */
export const TREND_MIN_SLOPE = 1;

/**
 * Training accuracy a run must reach for the R2 predictions: 90 % of its training set. The
 * predictions are about the rank of networks that have learned the task; a network collapsed by
 * weight decay to (nearly) constant outputs is low rank because it underfits, and sits at chance
 * accuracy (25–33 % for C = 3–4). Exact interpolation is not required: with noise ≈ separation a
 * sample can sit inside another class's cloud, and a network with λ > 0 may leave it misfit (seen
 * at 63 of 64 points in one full-profile seed).
 */
export const RANK_REGIME_MIN_ACCURACY = 0.9;

/** The regime of the R2 predictions: no divergence and training accuracy ≥ `RANK_REGIME_MIN_ACCURACY`. */
export function inRankRegime(run: RankRun): boolean {
  return run.status === "ok" && run.finalAccuracy >= RANK_REGIME_MIN_ACCURACY;
}

/** Σ_k rank_τ(W_k) / Σ_k min(out_k, in_k) at the end (NaN for a diverged run). */
export function rankFraction(run: RankRun): number {
  return run.status === "ok" ? run.totalRank / run.totalFullRank : Number.NaN;
}

/** R2, low-rank bias: the mean rank fraction is below `LOW_RANK_MAX_FRACTION`. */
export function decideLowRankBias(runs: readonly RankRun[]): Decision {
  return meanBelow(runs.map(rankFraction), LOW_RANK_MAX_FRACTION, {
    alpha: R_ALPHA,
    label: "total numerical rank / generic rank at the end",
  });
}

/** A sweep: runs per level, seed i of every level sharing data and initialisation. */
export type Sweep = ReadonlyArray<{ readonly level: number; readonly runs: readonly RankRun[] }>;

import { olsSlope } from "../../stats/olsSlope.ts";

/**
 * Per seed, the OLS slope of `measure(run)` against log2 of the level (NaN when a run of that seed
 * diverged). Needs ≥ 2 distinct levels.
 */
export function perSeedSlopes(sweep: Sweep, measure: (run: RankRun) => number): number[] {
  if (new Set(sweep.map((l) => l.level)).size < 2) {
    throw new Error(`perSeedSlopes: sweep has levels ${JSON.stringify(sweep.map((l) => l.level))}; expected ≥ 2 distinct levels`);
  }
  const seeds = sweep[0]!.runs.length;
  const xs = sweep.map((l) => Math.log2(l.level));
  return Array.from({ length: seeds }, (_, i) => {
    const runs = sweep.map((l) => l.runs[i]!);
    if (runs.some((r) => r.status !== "ok")) return Number.NaN;
    return olsSlope(xs, runs.map(measure));
  });
}

/**
 * R2 trend: the total numerical rank decreases (`"decreasing"`: with λ, with η) or increases
 * (`"increasing"`: with B) along the sweep by at least `TREND_MIN_SLOPE` per doubling — per seed
 * slope of the rank against log2(level), one-sided t-test over seeds at α = `R_ALPHA`.
 */
export function decideRankTrend(sweep: Sweep, direction: "decreasing" | "increasing", name: string): Decision {
  return decideRankTrendOfSlopes(perSeedSlopes(sweep, (r) => r.totalRank), direction, name);
}

/**
 * `decideRankTrend` on per-seed slopes already computed (`perSeedSlopes`): the form the spec uses
 * to decide over the seeds of several configurations pooled (their slopes concatenated).
 */
export function decideRankTrendOfSlopes(slopes: readonly number[], direction: "decreasing" | "increasing", name: string): Decision {
  const label = `slope of the total numerical rank per doubling of ${name}`;
  return direction === "decreasing"
    ? meanBelow(slopes, -TREND_MIN_SLOPE, { alpha: R_ALPHA, label })
    : meanAbove(slopes, TREND_MIN_SLOPE, { alpha: R_ALPHA, label });
}

/**
 * The pinned finding of R2 as stated: no trend of `TREND_MIN_SLOPE` rank unit per doubling of the
 * swept level — upper 95 % bound of the mean per-seed slope (`perSeedSlopes`) below it. A trend of
 * the size the λ and η trends are decided at fails it.
 */
export function decideTrendAbsent(slopes: readonly number[], name: string): Decision {
  return meanBelow(slopes, TREND_MIN_SLOPE, { alpha: R_ALPHA, label: `slope of the total rank per doubling of ${name}` });
}

/**
 * R2's trend predictions, the decision list the spec (one prediction `it` and one control `it` per
 * entry) and the CLI runner both iterate: the swept arm, the direction the rank must move, and the
 * control arm on which the same trend check must fail — for λ, the sweep trained by a trainer that
 * silently drops weight decay; for η, the same η levels at λ = 0.
 */
export const R2_TRENDS = [
  { name: "λ", sweep: "lambda", direction: "decreasing", control: "droppedWd", controlShort: "weight decay silently dropped" },
  { name: "η", sweep: "eta", direction: "decreasing", control: "noWd", controlShort: "λ = 0" },
] as const satisfies ReadonlyArray<{
  readonly name: string;
  readonly sweep: RankArm;
  readonly direction: "decreasing" | "increasing";
  readonly control: RankArm;
  /** How the CLI names the control. */
  readonly controlShort: string;
}>;
