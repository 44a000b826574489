/**
 * Decision rules of claims G2–G4 (pure: measurements → `Decision`), thresholds with reasons.
 */
import { meanAbove, meanBelow, pairedLess, type Decision } from "../../stats/index.ts";
import type { StudentRun } from "./sparseTargetExperiment.ts";

export const G_ALPHA = 0.05;

/** G2: the dense (Golowich, ρ̃) bound must exceed Corollary 3.3's by more than 10× (log10 ratio > 1). */
export const G2_MIN_LOG10_RATIO = 1;

/**
 * G2 growth: the fitted slope of the log ratio against the predicted 0.25 L(L−1) log 2 must lie
 * within ±25 % of 1. The prediction drops two slowly varying terms (the ratio of the
 * log-factors and max_j Σ‖z_j‖² against the average pixel), which bend the slope a little below 1.
 */
export const G2_SLOPE_RANGE: readonly [number, number] = [0.75, 1.25];

/** G3: ρ "stays bounded": its log-log slope in m must be below ¼ (the bound then falls at least like m^−¼). */
export const G3_MAX_RHO_SLOPE = 0.25;



const okValue = (r: StudentRun, v: number) => (r.status === "ok" ? v : Number.NaN);

/** G2 on trained networks: log10(dense bound / sparse bound) > 1 over seeds. */
export function decideBoundRatio(runs: readonly StudentRun[]): Decision {
  return meanAbove(
    runs.map((r) => okValue(r, Math.log10(r.terms.denseBound / r.terms.sparseBound))),
    G2_MIN_LOG10_RATIO,
    { alpha: G_ALPHA, label: "log10(dense bound / Corollary 3.3 bound)" },
  );
}

/**
 * G2 growth: per data seed, the slope of ln(ratio) against 0.25 L(L−1) ln 2 over the depths;
 * holds iff the mean slope is inside `G2_SLOPE_RANGE` at confidence 1 − α on both sides.
 */
export function decideRatioGrowth(slopes: readonly number[]): { holds: boolean; below: Decision; above: Decision } {
  const below = meanBelow([...slopes], G2_SLOPE_RANGE[1], { alpha: G_ALPHA / 2, label: "fitted growth / predicted growth" });
  const above = meanAbove([...slopes], G2_SLOPE_RANGE[0], { alpha: G_ALPHA / 2, label: "fitted growth / predicted growth" });
  return { holds: below.holds && above.holds, below, above };
}

/** G3: per seed, slope of log ρ against log m; mean slope < ¼. */
export function decideRhoBounded(slopes: readonly number[]): Decision {
  return meanBelow([...slopes], G3_MAX_RHO_SLOPE, { alpha: G_ALPHA, label: "slope of log ρ against log m" });
}

/**
 * G3 tracking: paired by (m, seed), the bound of the network trained on learnable (tree-teacher)
 * labels is below that of the same network trained on shuffled labels (the larger gap):
 * one-sided paired t-test on log10 bound(tree) − log10 bound(shuffled) < 0.
 */
export function decideBoundTracksGap(treeBounds: readonly number[], shuffledBounds: readonly number[]): Decision {
  return pairedLess(
    treeBounds.map((b) => Math.log10(b)),
    shuffledBounds.map((b) => Math.log10(b)),
    { alpha: G_ALPHA, label: "log10 bound", names: ["tree teacher", "shuffled labels"] },
  );
}

/** G4: paired by data seed, the tree CNN's test error is below the dense network's. */
export function decideSparseAdvantage(cnn: readonly StudentRun[], mlp: readonly StudentRun[]): Decision {
  return pairedLess(
    cnn.map((r) => okValue(r, r.testError)),
    mlp.map((r) => okValue(r, r.testError)),
    { alpha: G_ALPHA, label: "test error", names: ["tree CNN", "dense network"] },
  );
}
