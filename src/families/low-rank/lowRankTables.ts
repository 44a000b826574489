/**
 * The measurement tables of the low-rank runner: runs and their regime, the numerical rank per
 * sweep level and its per-seed slopes (R2), the exact checks of R1 and both sides of the bound
 * along training.
 */
import type { LowRankResult, RankArm, RankRun } from "./lowRankExperiment.ts";
import { boundTrajectories } from "./lowRankGeneratedCases.ts";
import { inRankRegime, perSeedSlopes, RANK_REGIME_MIN_ACCURACY, rankFraction } from "./lowRankPredictions.ts";
import type { DecisionLike } from "../../report/attachDecision.ts";
import type { MeasurementTable } from "../../cli/format.ts";
import { mean, runsTable } from "../../cli/runsTable.ts";

/** How each arm is named in the tables. */
export const ARM_NAMES: Readonly<Record<RankArm, string>> = {
  lambda: "λ sweep",
  eta: "η sweep",
  batch: "B sweep",
  noWd: "λ = 0 (η levels)",
  droppedWd: "λ sweep, weight decay dropped",
  normalized: "WN, λ₀",
};

const ORDER: readonly RankArm[] = ["lambda", "eta", "batch", "noWd", "droppedWd", "normalized"];

/** The arms of `result` that were trained, in a fixed order. */
export function trainedArms(result: LowRankResult): RankArm[] {
  return ORDER.filter((a) => result.arms[a].length > 0);
}


export function lowRankRunsTable(result: LowRankResult): MeasurementTable {
  const levels = trainedArms(result).flatMap((arm) => result.arms[arm].map((l) => [ARM_NAMES[arm], l] as const));
  return runsTable({
    title: "Runs (training set)",
    arms: levels.map(([name, l]) => [name, l.runs]),
    final: (r) => ({ loss: r.finalLoss, accuracy: r.finalAccuracy }),
    ok: (r) => (inRankRegime(r) ? "ok" : "ok, under-fit"),
    columns: [
      ["level", (_, a) => levels[a]![1].level],
      ["λ", (r) => r.setting.weightDecay],
      ["η", (r) => r.setting.learningRate],
      ["B", (r) => r.setting.batchSize],
      ["rank / generic", (r) => `${r.totalRank} / ${r.totalFullRank}`],
      ["ranks per layer", (r) => r.final.map((f) => f.numericalRank).join(", ")],
    ],
    note: `numerical rank #{i : σ_i/‖W_k‖_F > ${result.rankTolerance}}; under-fit: training accuracy < ${RANK_REGIME_MIN_ACCURACY} (the spec's regime needs ≥)`,
  });
}

export function rankTable(result: LowRankResult, arms: readonly RankArm[]): MeasurementTable {
  return {
    title: "Total numerical rank at the end, per level (equal steps)",
    columns: ["arm", "level", "ranks per seed", "mean rank", "mean rank / generic"],
    rows: arms.flatMap((arm) =>
      result.arms[arm].map((l) => [ARM_NAMES[arm], l.level, l.runs.map((r) => r.totalRank).join(", "), mean(l.runs.map((r) => r.totalRank)), mean(l.runs.map(rankFraction))]),
    ),
    note: "predicted: the rank falls with λ and with η, and with smaller B; with λ = 0 (or weight decay dropped) the layers stay near full rank",
  };
}

export function slopeTable(result: LowRankResult, arms: readonly RankArm[]): MeasurementTable | undefined {
  const sweeps = arms.filter((a) => result.arms[a].length >= 2);
  if (sweeps.length === 0) return undefined;
  return {
    title: "Per-seed slope of the total rank per doubling of the level",
    columns: ["arm", "slopes per seed", "mean"],
    rows: sweeps.map((arm) => {
      const slopes = perSeedSlopes(result.arms[arm], (r: RankRun) => r.totalRank);
      return [ARM_NAMES[arm], slopes.map((s) => s.toFixed(2)).join(", "), mean(slopes)];
    }),
  };
}

/** R1's exact checks, one row per decision (its label, and the `n` and `estimate` of `exactCheckDecision`). */
export function exactChecksTable(rows: ReadonlyArray<{ readonly label: string; readonly decision: DecisionLike & { n?: number; estimate?: number } }>): MeasurementTable {
  return {
    title: "R1 exact checks (every layer of every case)",
    columns: ["check", "layers checked", "largest lhs/rhs", "verdict"],
    rows: rows.map(({ label, decision: d }) => [label, d.n ?? Number.NaN, d.estimate ?? Number.NaN, d.inconclusive !== undefined ? "inconclusive" : d.holds ? "holds" : "violated"]),
    note: "controls (σ_B, full batch) must be violated on some case; the true bound on none",
  };
}

export function boundTrajectoryTable(result: LowRankResult): MeasurementTable | undefined {
  if (result.arms.lambda.length === 0) return undefined;
  const trajectories = boundTrajectories(result);
  const steps = trajectories[0]?.points.map((p) => p.step) ?? [];
  return {
    title: `R1 along training, hidden–hidden layer, seed 0 of each λ, a minibatch of B₀ = ${result.config.batchSize}: σ_{B+1}/‖W‖_F ≤ bound`,
    columns: ["step", ...trajectories.flatMap((t) => [`λ = ${t.weightDecay}: σ_{B+1}/‖W‖_F`, "bound", "full-batch right side"])],
    rows: steps.map((step, k) => [step, ...trajectories.flatMap((t) => {
      const layer = t.points[k]?.layers[1];
      return [layer?.distance ?? Number.NaN, layer?.bound ?? Number.NaN, layer?.fullBatchBound ?? Number.NaN];
    })]),
    note: `measured (the spec reports it, does not assert it): under SGD the minibatch right side stays of order 1, above σ_{B+1}/‖W‖_F ≤ 1/√(B+1) = ${(1 / Math.sqrt(result.config.batchSize + 1)).toPrecision(3)}, while the weights become low rank anyway`,
  };
}
