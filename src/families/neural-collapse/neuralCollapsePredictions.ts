/**
 * The neural-collapse predictions as decision rules over the seeds of one configuration
 * (pure functions of `CollapseRun`s → `Decision`). Every threshold is a named constant with
 * its reason; α is the rule's stated false-positive rate.
 *
 * Trajectory metrics are decided on log10(final / initial): collapse is a *fall* over training,
 * and the log ratio is comparable across configurations whose initial values differ.
 */
import { meanBelow, olsSlope, pairedLess, type Decision } from "../../stats/index.ts";
import type { CollapsePoint, CollapseRun } from "./neuralCollapseExperiment.ts";

/** Significance level of every NC rule. */
export const NC_ALPHA = 0.05;

/**
 * NC1 must fall by more than one order of magnitude (log10 ratio < −1). At initialisation
 * NC1 ≈ 0.5–0.9 on these mixtures (classes overlap in input space); a tenfold fall is far outside
 * what the frozen-features control moves (it does not move at all: its features are fixed).
 */
export const NC1_MAX_LOG10_RATIO = -1;

/**
 * NC1 at the end must be below 0.1 (one-sided t-test on log10 NC1 over seeds): the within-class
 * variance along the class-mean directions is then at most a tenth of the between-class variance
 * (NC1 = Tr(Σ_W Σ_B^†)/C is a ratio of variances), so the classes sit as tight clusters. Measured
 * at the CI profile (5 seeds each): λ > 0 ends at log10 NC1 = −2.5 (C = 3, L = 3, noise 2) to −1.6
 * (C = 5, L = 4, noise 3, width 48: the hardest corner of the generated configurations); features
 * frozen at initialisation (the control) keep log10 NC1 = −0.7 (C = 3, noise 2) to +0.1. 0.1 sits
 * between the two with ≥ 0.4 decades on each side. CLAIMS.md: NC1–NC4 are "measured on
 * trajectories (they must fall over training) and at the end".
 */
export const NC1_MAX_FINAL = 0.1;

/**
 * The distance of the uncentred class means from an orthogonal equinorm frame
 * (`orthogonalFrameDistance`; for a bias-free last layer the frame whose centred version is the
 * simplex ETF) must at least halve (log10 ratio < log10 ½). Random ReLU features start at 0.75–0.94
 * on every seed (non-negative features share a direction); λ > 0 ends at 0.12–0.28 (ci, measured).
 * Halving is the smallest move we call "towards the frame". Not the centred ETF distance: three
 * random centred means can sit near a simplex by chance (0.03 at initialisation on some seeds), so
 * its ratio failed on 2 of the first 10 seed streams while the final geometry was fine
 * (docs/reliability.md); it is reported with NC2.
 */
export const NC2_MAX_LOG10_RATIO = Math.log10(0.5);

/**
 * The uncentred self-duality distance ‖Wᵀ/‖W‖ − M/‖M‖‖ must fall by more than √10 (log10 ratio
 * < −½). Unrelated unit-norm matrices are at distance ≈ √2; a classifier aligned with the means
 * is at 0. The λ = 0 control, whose last layer keeps its initial component outside the span of
 * the means, moves it by less than 30 % in the measurements of the exploration.
 */
export const NC3_MAX_LOG10_RATIO = -0.5;

/**
 * NC4: at the end, the classifier and the nearest-class-mean rule disagree on fewer than 1 % of
 * training samples (mean over seeds, upper bound).
 */
export const NC4_MAX_MISMATCH = 0.01;

/**
 * NC-WD: weight decay must make the classifier–means distance (NC3) at least √10 × smaller than
 * λ = 0 does, seed by seed (paired log10 difference < −½).
 */
export const NC_WD_MIN_LOG10_GAP = 0.5;

/**
 * The quasi-interpolation regime the theorem assumes: at the end, training square loss ≤ 0.05
 * and every training sample classified correctly. A run outside it is not evidence either way.
 */
export const REGIME_MAX_LOSS = 0.05;

export type CollapseMetric = Exclude<keyof CollapsePoint, "step">;

/** The run reached quasi-interpolation (see `REGIME_MAX_LOSS`) without diverging. */
export function inRegime(run: CollapseRun): boolean {
  const last = run.trajectory.at(-1);
  return run.status === "ok" && last !== undefined && last.loss <= REGIME_MAX_LOSS && last.accuracy === 1;
}

/** log10(metric at the end / metric at step 0) of one run (NaN for a diverged run). */
export function log10Ratio(run: CollapseRun, metric: CollapseMetric): number {
  if (run.status !== "ok") return Number.NaN;
  const first = run.trajectory[0]![metric];
  const last = run.trajectory.at(-1)![metric];
  return Math.log10(last / first);
}

/** The metric at the end of one run (NaN for a diverged run). */
export function finalValue(run: CollapseRun, metric: CollapseMetric): number {
  return run.status === "ok" ? run.trajectory.at(-1)![metric] : Number.NaN;
}

/** "The metric fell by at least 10^−maxLog10Ratio over training", over the seeds. */
export function fellBy(runs: readonly CollapseRun[], metric: CollapseMetric, maxLog10Ratio: number): Decision {
  return meanBelow(
    runs.map((r) => log10Ratio(r, metric)),
    maxLog10Ratio,
    { alpha: NC_ALPHA, label: `log10(${metric} final / initial)` },
  );
}

/** NC1: within-class variability collapses. */
export function decideNc1(runs: readonly CollapseRun[]): Decision {
  return fellBy(runs, "nc1", NC1_MAX_LOG10_RATIO);
}

/** NC1 at the end, as a level (the other half of "NC1 → 0": measured on trajectories and at the end). */
export function decideNc1Level(runs: readonly CollapseRun[]): Decision {
  return meanBelow(
    runs.map((r) => Math.log10(finalValue(r, "nc1"))),
    Math.log10(NC1_MAX_FINAL),
    { alpha: NC_ALPHA, label: "log10 NC1 at the end" },
  );
}

/** NC2: the class means approach the frame of the simplex ETF (uncentred: an orthogonal equinorm frame). */
export function decideNc2(runs: readonly CollapseRun[]): Decision {
  return fellBy(runs, "frameDistance", NC2_MAX_LOG10_RATIO);
}

/** NC3: the classifier aligns with the uncentred class means. */
export function decideNc3(runs: readonly CollapseRun[]): Decision {
  return fellBy(runs, "nc3Uncentred", NC3_MAX_LOG10_RATIO);
}

/** NC4: the classifier acts as the nearest-class-mean rule. */
export function decideNc4(runs: readonly CollapseRun[]): Decision {
  return meanBelow(
    runs.map((r) => finalValue(r, "nc4")),
    NC4_MAX_MISMATCH,
    { alpha: NC_ALPHA, label: "NC4 mismatch fraction at the end" },
  );
}

/** NC-WD: with weight decay, NC3 ends ≥ √10 × lower than with λ = 0, paired by seed. */
export function decideWeightDecayNecessary(withWd: readonly CollapseRun[], withoutWd: readonly CollapseRun[]): Decision {
  return pairedLess(
    withWd.map((r) => Math.log10(finalValue(r, "nc3Uncentred"))),
    withoutWd.map((r) => Math.log10(finalValue(r, "nc3Uncentred"))),
    {
      alpha: NC_ALPHA,
      minEffect: NC_WD_MIN_LOG10_GAP,
      label: "log10 NC3 (uncentred) at the end",
      names: ["λ > 0", "λ = 0"],
    },
  );
}

/**
 * Least-squares slope of log10 NC1 against layer index k = 0 (input) … L−1 (top features) of
 * one run at the end.
 */
export function layerSlope(run: CollapseRun): number {
  if (run.status !== "ok") return Number.NaN;
  return olsSlope(
    run.layerNc1.map((_, k) => k),
    run.layerNc1.map((v) => Math.log10(v)),
  );
}

/** NC-depth: NC1 decreases with depth — mean slope of log10 NC1 per layer < 0. */
export function decideDepthOrdering(runs: readonly CollapseRun[]): Decision {
  return meanBelow(runs.map(layerSlope), 0, { alpha: NC_ALPHA, label: "slope of log10 NC1 per layer" });
}

/** A trajectory claim's rule, with the control arm on which it must fail. */
export interface CollapseRule {
  /** The prediction, decided over the λ > 0 runs of one configuration. */
  readonly decide: (runs: readonly CollapseRun[]) => Decision;
  /** A second rule on the level at the end, where the claim has one (NC1); the control must fail it too. */
  readonly level?: (runs: readonly CollapseRun[]) => Decision;
  /** The arm whose runs must fail the check: features frozen at initialisation, or λ = 0. */
  readonly control: "frozen" | "noWd";
}

/**
 * The decision list of the trajectory claims, one entry per claim, used as is by the spec (the
 * prediction `it` and the control `it` of each claim) and by the CLI runner (the same rules on
 * one configuration, expected to hold on λ > 0 and to fail on the control).
 */
export const NC_RULES = {
  NC1: { decide: decideNc1, level: decideNc1Level, control: "frozen" },
  NC2: { decide: decideNc2, control: "frozen" },
  NC3: { decide: decideNc3, control: "noWd" },
  NC4: { decide: decideNc4, control: "frozen" },
  "NC-depth": { decide: decideDepthOrdering, control: "frozen" },
} as const satisfies Readonly<Record<string, CollapseRule>>;
