/**
 * The measurement tables of the normalisation runner (N1, N2): runs and their regime, ρ against
 * its equilibria at λ_max, the layer balance, the fit gap and the margin spread per arm.
 */
import type { NormalizationPoint, NormalizationResult, NormalizationRun } from "./normalizationExperiment.ts";
import {
  gapExponents,
  inQuasiInterpolation,
  interpolates,
  INTERPOLATION_MAX_LOSS,
  REGIME_MAX_LOSS,
  spreadLog10Ratio,
} from "./normalizationPredictions.ts";
import { evenlySpaced, type MeasurementTable } from "../../cli/format.ts";
import { meanAt, perRunTable, runsTable, yesNo } from "../../cli/runsTable.ts";

/** Rows of a table over training. */
const TRAJECTORY_ROWS = 16;

/** Every arm of a result, named, in training order (λ = 0, the grid, frozen). */
export function namedArms(result: NormalizationResult): Array<readonly [string, readonly NormalizationRun[]]> {
  return [
    ["λ = 0", result.noWd] as const,
    ...result.grid.map((runs, i) => [`λ = ${result.config.weightDecays[i]}`, runs] as const),
    ...(result.frozen.length > 0 ? [[`λ = ${result.config.weightDecays.at(-1)}, frozen features`, result.frozen] as const] : []),
  ];
}

export function normalizationRunsTable(result: NormalizationResult): MeasurementTable {
  return runsTable({
    title: "Runs (training set)",
    arms: namedArms(result),
    final: (r) => r.trajectory.at(-1),
    columns: [["quasi-interpolation", (r) => yesNo(inQuasiInterpolation(r))], ["exact fit", (r) => yesNo(interpolates(r))]],
    note: `quasi-interpolation: final loss ≤ ${REGIME_MAX_LOSS} and accuracy 1 (needed at λ_max); exact fit: loss ≤ ${INTERPOLATION_MAX_LOSS} (the λ = 0 control of N2)`,
  });
}

export function equilibriumTable(result: NormalizationResult): MeasurementTable {
  const runs = result.grid.at(-1)!;
  return {
    title: `ρ against its equilibria over the final window (${result.config.window} steps), λ = ${result.config.weightDecays.at(-1)}`,
    columns: ["#", "mean ρ", "ρ* per-layer", "rel. error", "ρ* single-scale", "rel. error", "sd(ρ)/ρ", "growth of ρ"],
    rows: runs.map((r, i) => [i, r.window.rho, r.window.rhoPerLayer, r.window.relErrorPerLayer, r.window.rhoSingleScale, r.window.relErrorSingleScale, r.window.rhoRelSd, r.window.rhoGrowth]),
    note: "predicted: ρ sits at the per-layer equilibrium (the trainer's parametrisation), not at the single-scale one (the control); growth = (last tenth − first tenth of the window)/mean",
  };
}

export function rhoTrajectoryTable(result: NormalizationResult): MeasurementTable {
  const runs = result.grid.at(-1)!;
  const points = runs[0]?.trajectory ?? [];
  return {
    title: `ρ(t) and ρ*(V_t) over training, λ = ${result.config.weightDecays.at(-1)} (mean over seeds)`,
    columns: ["step", "ρ", "ρ* per-layer", "ρ* single-scale", "imbalance", "imbalance λ = 0"],
    rows: evenlySpaced(points.map((p) => p.step), TRAJECTORY_ROWS).map((k) => [
      points[k]!.step,
      meanAt(runs, k, (p: NormalizationPoint) => p.rho),
      meanAt(runs, k, (p: NormalizationPoint) => p.rhoPerLayer),
      meanAt(runs, k, (p: NormalizationPoint) => p.rhoSingleScale),
      meanAt(runs, k, (p: NormalizationPoint) => p.imbalance),
      meanAt(result.noWd, k, (p) => p.imbalance),
    ]),
    note: "imbalance = max_k |g_k²/ρ^{2/L} − 1| (predicted → 0 with λ > 0; conserved-ish at λ = 0)",
  };
}

export function balanceTable(result: NormalizationResult): MeasurementTable {
  return perRunTable({
    title: "Layer scales at the end",
    arms: [[`λ = ${result.config.weightDecays.at(-1)}`, result.grid.at(-1)!], ["λ = 0", result.noWd]],
    columns: [
      ["g_k", (r) => r.trajectory.at(-1)?.layerScales.map((g) => g.toPrecision(4)).join(", ") ?? "-"],
      ["imbalance", (r) => r.trajectory.at(-1)?.imbalance ?? Number.NaN],
      ["growth of ρ (window)", (r) => r.window.rhoGrowth],
    ],
  });
}

export function gapTable(result: NormalizationResult): MeasurementTable {
  return perRunTable({
    title: "Fit gap and margin spread per arm (time-averaged over the final window)",
    arms: namedArms(result),
    columns: [
      ["1 − mean ρȳ", (r) => r.window.gap],
      ["deficit ratio", (r) => r.window.deficitRatio],
      ["spread at 0", (r) => r.trajectory[0]?.marginSpread ?? Number.NaN],
      ["spread (window)", (r) => r.window.spread],
      ["log10 spread ratio", spreadLog10Ratio],
    ],
    note: "predicted with λ > 0: gap > 0 (→ 0 as λ → 0), spread falls > √10-fold; deficit ratio ≈ 1 at the ρ-equilibrium",
  });
}

export function exponentTable(result: NormalizationResult): MeasurementTable | undefined {
  const lambdas = result.config.weightDecays;
  if (lambdas.length < 2) return undefined;
  const grid = gapExponents(lambdas, result.grid);
  const dropped = gapExponents(lambdas, lambdas.map(() => result.noWd));
  return {
    title: "Exponent s of the gap in λ per seed (1 − mean ρȳ ∝ λ^s over the grid)",
    columns: ["#", "s (trained with λ)", "s (weight decay dropped: λ = 0 runs)"],
    rows: grid.map((s, i) => [i, s, dropped[i] ?? Number.NaN]),
  };
}

export function spreadTrajectoryTable(result: NormalizationResult): MeasurementTable {
  const arms = namedArms(result).filter(([, runs]) => runs.length > 0);
  const points = result.grid.at(-1)![0]?.trajectory ?? [];
  return {
    title: "Spread std(ȳ)/rms(ȳ) of the normalised margins over training (mean over seeds)",
    columns: ["step", ...arms.map(([arm]) => arm)],
    rows: evenlySpaced(points.map((p) => p.step), TRAJECTORY_ROWS).map((k) => [points[k]!.step, ...arms.map(([, runs]) => meanAt(runs, k, (p: NormalizationPoint) => p.marginSpread))]),
  };
}
