/**
 * The measurement tables of the duality runner: D1's null-space curves against (1 − 2ηλ)^t, and
 * D2's row-space residuals, stationarity and the last layer against the class means.
 */
import type { NullSpaceResult, NullSpaceRun } from "./dualityNullSpace.ts";
import { checkNullSpaceDecay, D2_MAX_STATIONARITY, D2_REGIME_MAX_LOSS, nearStationary } from "./dualityPredictions.ts";
import type { DualityPoint, DualityRun, StationaryResult } from "./dualityStationary.ts";
import { evenlySpaced, type MeasurementTable } from "../../cli/format.ts";
import { meanAt, perRunTable, runsTable, yesNo } from "../../cli/runsTable.ts";

/** Rows of a table over training. */
const TRAJECTORY_ROWS = 11;

const OPTIMISERS = [
  ["gd", "GD"],
  ["sgd", "SGD"],
] as const;

const joined = (xs: readonly number[]) => xs.map((x) => x.toPrecision(3)).join(", ");

export function curvesTable(result: NullSpaceResult): MeasurementTable {
  return {
    title: "‖W⊥_t‖/‖W⊥_0‖ of the first layer (part orthogonal to span{x_n}) against (1 − 2ηλ)^t, λ > 0 runs",
    columns: ["optimiser", "run", "λ", "η", "B", "status", "span rank / d", "ratio at T", "(1 − 2ηλ)^T", "max |r/p − 1|", "budget use", "decay rate", "predicted rate"],
    rows: OPTIMISERS.flatMap(([key, name]) =>
      result[key].decayed.map((r, i) => {
        const c = checkNullSpaceDecay(r);
        const T = r.curve.steps.at(-1) ?? 0;
        return [name, i, r.weightDecay, r.learningRate, r.batchSize, r.status, `${r.curve.spanRank} / ${r.curve.dim}`, r.curve.ratio.at(-1) ?? Number.NaN, (1 - 2 * r.learningRate * r.weightDecay) ** T, c.maxRelativeError, c.worstBudgetUse, c.fittedRate, c.predictedRate];
      }),
    ),
    note: "budget use = max_t |r_t − p_t| / float32 error budget (≤ 1 to hold); the rates are per step: fitted −ln r_t / t and −ln(1 − 2ηλ)",
  };
}

export function twinsTable(result: NullSpaceResult): MeasurementTable {
  return {
    title: "λ = 0 twins (same seed, data, η, batches): ‖W⊥‖ stays constant",
    columns: ["optimiser", "twin of run", "ratio at T", "max |r_t − 1|", "budget use vs (1 − 2ηλ)^t of the partner"],
    rows: OPTIMISERS.flatMap(([key, name]) =>
      result[key].twins.map((r, i) => {
        const partner = result[key].decayed[i]!;
        return [name, i, r.curve.ratio.at(-1) ?? Number.NaN, Math.max(0, ...r.curve.ratio.map((x) => Math.abs(x - 1))), checkNullSpaceDecay(r, partner.weightDecay).worstBudgetUse];
      }),
    ),
    note: "the control: checked against the partner's λ > 0 the identity must fail (budget use > 1)",
  };
}

export function curveTrajectoryTable(result: NullSpaceResult, optimiser: "gd" | "sgd"): MeasurementTable {
  const { decayed, twins } = result[optimiser];
  const steps = decayed[0]?.curve.steps ?? [];
  const at = (r: NullSpaceRun | undefined, k: number) => r?.curve.ratio[k] ?? Number.NaN;
  return {
    title: `‖W⊥_t‖/‖W⊥_0‖ over training, ${optimiser === "gd" ? "full-batch GD" : "minibatch SGD"}: measured and predicted per run`,
    columns: ["step", ...decayed.flatMap((r, i) => [`run ${i} (λ = ${r.weightDecay.toPrecision(3)})`, `(1 − 2ηλ)^t`]), "λ = 0 twin 0"],
    rows: evenlySpaced(steps, TRAJECTORY_ROWS).map((k) => [
      steps[k]!,
      ...decayed.flatMap((r) => [at(r, k), (1 - 2 * r.learningRate * r.weightDecay) ** steps[k]!]),
      at(twins[0], k),
    ]),
  };
}

function final(run: DualityRun): DualityPoint | undefined {
  return run.trajectory.at(-1);
}

export function stationaryRunsTable(result: StationaryResult): MeasurementTable {
  const arms = [["λ > 0", result.wd] as const, ["λ = 0", result.noWd] as const];
  return runsTable({
    title: "Runs (training set, full-batch GD)",
    arms,
    final,
    columns: [
      ["stationarity per layer", (r) => (final(r) === undefined ? "-" : joined(final(r)!.stationarity))],
      ["near-stationary", (r) => (result.wd.includes(r) ? yesNo(nearStationary(r)) : "-")],
    ],
    note: `stationarity_k = ‖∇L + 2λW_k‖/(2λ‖W_k‖); near-stationary: every layer ≤ ${D2_MAX_STATIONARITY}, loss ≤ ${D2_REGIME_MAX_LOSS}, accuracy 1 (D2's regime)`,
  });
}

export function residualTable(result: StationaryResult): MeasurementTable {
  const at = (p: DualityPoint | undefined, pick: (p: DualityPoint) => readonly number[]) => (p === undefined ? "-" : joined(pick(p)));
  return perRunTable({
    title: "Row-space residuals ‖W_k(I − P_k)‖_F/‖W_k‖_F per layer, and W_L against span{μ_c}",
    arms: [["λ > 0", result.wd], ["λ = 0", result.noWd]],
    columns: [
      ["residual at init", (r) => at(r.trajectory[0], (p) => p.residual)],
      ["residual at the end", (r) => at(final(r), (p) => p.residual)],
      ["means residual at init", (r) => r.trajectory[0]?.meansResidual ?? Number.NaN],
      ["at the end", (r) => final(r)?.meansResidual ?? Number.NaN],
      ["worst row residual at the end", (r) => at(final(r), (p) => p.worstRowResidual)],
    ],
    note: "P_k projects onto span{h_{k−1}(x_n)} (N < in_k); predicted with λ > 0: small residuals at the end; at initialisation and with λ = 0 they stay large",
  });
}

export function residualTrajectoryTable(result: StationaryResult): MeasurementTable {
  const steps = result.wd[0]?.trajectory.map((p) => p.step) ?? [];
  const worst = (p: DualityPoint) => Math.max(...p.residual);
  const means = (p: DualityPoint) => p.meansResidual;
  return {
    title: "Over training (mean over seeds)",
    columns: ["step", "max_k residual λ > 0", "λ = 0", "means residual λ > 0", "λ = 0", "max_k stationarity λ > 0"],
    rows: steps.map((step, k) => [step, meanAt(result.wd, k, worst), meanAt(result.noWd, k, worst), meanAt(result.wd, k, means), meanAt(result.noWd, k, means), meanAt(result.wd, k, (p) => Math.max(...p.stationarity))]),
  };
}
