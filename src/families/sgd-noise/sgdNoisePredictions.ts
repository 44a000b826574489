/**
 * The SGD-noise predictions (CLAIMS S1, S2) as decision rules over the seeds of one
 * configuration. Every threshold is a named constant with its reason; α is the rule's stated
 * false-positive rate.
 *
 * Unit of a step. Weight decay alone shrinks every weight by the factor (1 − 2ηλ) per step, i.e.
 * changes W by 2ηλ‖W‖ relative, and the outputs of the L-homogeneous network by ≈ 2ηλL relative.
 * At a fixed point the minibatch gradient cancels that shrinkage exactly; under SGD it cannot for
 * every minibatch (S2), and the step stays of the order of the shrinkage. The floor is therefore
 * measured in units of 2ηλ — with the λ and η of the claim's setting also for its controls (λ = 0
 * and GD), so that one threshold is applied to every arm.
 */
import { meanAbove, meanBelow, pairedLess, studentTQuantile, type Decision } from "../../stats/index.ts";
import { TOLERANCE } from "../../tolerances.ts";
import { decayCoefficient } from "../../train/weightDecay.ts";
import { olsSlope } from "../../stats/olsSlope.ts";
import { exactCheckDecision, type InequalityCase } from "../../stats/exactCheckDecision.ts";
import type { NoiseRun, StepPair } from "./sgdNoiseExperiment.ts";

/** Significance level of every S rule. */
export const S_ALPHA = 0.05;

/**
 * S1: the late floor of the per-step relative change must be at least a tenth of the weight-decay
 * step 2ηλ (weights; 2ηλL for the outputs). A run that has converged moves by far less than the
 * shrinkage it cancels; a floor ≥ 0.1 · 2ηλ means the minibatch gradient fails to cancel at least a
 * tenth of it at every step. The exploration (docs/low-rank-noise.md) measured SGD at 1–5 × 2ηλ and
 * its controls at ≤ 0.03 × 2ηλ: the threshold sits an order of magnitude from both.
 */
export const S1_MIN_FLOOR_FRACTION = 0.1;

/**
 * S1 control "orders of magnitude lower": the control's late floor must be at least one decade
 * below SGD's, seed by seed (paired t-test on log10 floors, margin 1).
 */
export const CONTROL_MIN_DECADES = 1;

/**
 * The interpolation regime of the λ = 0 control: training square loss ≤ 1e-3 and every training
 * sample classified correctly at the end (CLAIMS S1: "SGD with λ = 0 in the interpolation regime").
 */
export const INTERPOLATION_MAX_LOSS = 1e-3;

/**
 * Float32 rounding of a recorded step, relative to ‖W‖_F: W_t and W_{t+1} are float32, each entry
 * rounded to 2⁻²⁴ relative and computed by a few float32 operations, so the recorded ΔW differs from
 * the exact step by at most ≈ 4 · 2⁻²⁴ ‖W‖_F in any norm. Divided by 2ηλ it is the absolute
 * tolerance of the S2 consistency check (its relative part is `TOLERANCE.float32.relative`, for the
 * float32 gradient).
 */
export const STEP_ROUNDING = 4 * 2 ** -24;

/** The weight-decay step 2ηλ of a setting (`decayCoefficient(λ) · η`). */
export function decayStep(setting: { readonly weightDecay: number; readonly learningRate: number }): number {
  return decayCoefficient(setting.weightDecay) * setting.learningRate;
}

/** log10(late floor / unit) of one run; NaN for a run that diverged or has no late pairs. */
function floorScore(run: NoiseRun, which: "weightFloor" | "outputFloor", unit: number): number {
  const late = run[which].late;
  return run.status === "ok" && late !== undefined ? Math.log10(late.floor / unit) : Number.NaN;
}

/** S1 (weights): mean log10(late weight floor / 2ηλ_ref) > log10 `S1_MIN_FLOOR_FRACTION`. */
export function decideWeightFloor(
  runs: readonly NoiseRun[],
  reference: { readonly weightDecay: number; readonly learningRate: number },
): Decision {
  const unit = decayStep(reference);
  return meanAbove(
    runs.map((r) => floorScore(r, "weightFloor", unit)),
    Math.log10(S1_MIN_FLOOR_FRACTION),
    { alpha: S_ALPHA, label: `log10(late per-step relative weight change / 2ηλ), 2ηλ = ${unit.toPrecision(3)}` },
  );
}

/** S1 (outputs): mean log10(late output floor / (2ηλ_ref · L)) > log10 `S1_MIN_FLOOR_FRACTION`. */
export function decideOutputFloor(
  runs: readonly NoiseRun[],
  reference: { readonly weightDecay: number; readonly learningRate: number },
  depth: number,
): Decision {
  const unit = decayStep(reference) * depth;
  return meanAbove(
    runs.map((r) => floorScore(r, "outputFloor", unit)),
    Math.log10(S1_MIN_FLOOR_FRACTION),
    { alpha: S_ALPHA, label: `log10(late per-step relative output change / 2ηλL), 2ηλL = ${unit.toPrecision(3)}` },
  );
}

/** "The control's floor is at least `CONTROL_MIN_DECADES` decades below SGD's", paired by seed. */
export function decideOrdersLower(
  control: readonly NoiseRun[],
  sgd: readonly NoiseRun[],
  which: "weightFloor" | "outputFloor",
  names: [string, string],
): Decision {
  return pairedLess(
    control.map((r) => floorScore(r, which, 1)),
    sgd.map((r) => floorScore(r, which, 1)),
    {
      alpha: S_ALPHA,
      minEffect: CONTROL_MIN_DECADES,
      label: `log10 late ${which === "weightFloor" ? "weight" : "output"} floor`,
      names,
    },
  );
}

/** The λ = 0 control is in the interpolation regime (see `INTERPOLATION_MAX_LOSS`). */
export function inInterpolation(run: NoiseRun): boolean {
  return run.status === "ok" && run.finalLoss <= INTERPOLATION_MAX_LOSS && run.finalAccuracy === 1;
}

/**
 * The S2 consistency cases of a run: for every late pair and layer, CLAIMS R1 read through the
 * recorded step (plain parametrisation, constant η: ΔW = −η∇L^λ_S̃(W_t)),
 *
 *   σ_{r+1}(W_t)/‖W_t‖_F ≤ ‖ΔW‖_2/(2ηλ‖W_t‖_F)   and   √(Σ_{i>r} σ_i²)/‖W_t‖_F ≤ ‖ΔW‖_F/(2ηλ‖W_t‖_F),
 *
 * with r = the run's batch size B by default (the claim), or another r (a control: GD's steps
 * against the SGD batch size). The distance of W/‖W‖ to rank r is bounded by the step size in units
 * of 2ηλ. Tolerance: `TOLERANCE.float32.relative` relative, `STEP_ROUNDING / 2ηλ` absolute.
 */
export function consistencyCases(runs: readonly NoiseRun[], rank?: number): InequalityCase[] {
  return runs.flatMap((run) => {
    const unit = decayStep(run.setting);
    if (!(unit > 0)) throw new Error(`consistencyCases: run seed ${run.seed} has 2ηλ = ${unit}; expected λ > 0 (the bound divides by 2ηλ)`);
    const r = rank ?? run.setting.batchSize;
    const tolerance = { relative: TOLERANCE.float32.relative, absolute: STEP_ROUNDING / unit };
    return run.pairs
      .filter((p: StepPair) => p.window === "late")
      .flatMap((p) =>
        p.layers.flatMap((l, k) => {
          const where = `seed ${run.seed} (λ ${run.setting.weightDecay}, η ${run.setting.learningRate}, ${run.setting.fullBatch ? "GD" : `B ${run.setting.batchSize}`}), step ${p.step}, layer ${k + 1}, rank ${r}`;
          const tail = Math.sqrt(l.spectrum.slice(r).reduce((a, s) => a + s * s, 0));
          return [
            { lhs: l.spectrum[r] ?? 0, rhs: l.stepSpectral / unit, where: `${where} (spectral)`, tolerance },
            { lhs: tail, rhs: l.relativeChange / unit, where: `${where} (Frobenius)`, tolerance },
          ];
        }),
      );
  });
}

/** S2 consistency with R1 on every late pair of every run (exact up to float32 rounding). */
export function decideConsistency(runs: readonly NoiseRun[], rank?: number): Decision {
  const r = rank === undefined ? "B" : String(rank);
  return exactCheckDecision(
    `every late step t → t+1, every layer: σ_{${r}+1}(W_t)/‖W_t‖_F ≤ ‖W_{t+1} − W_t‖_2/(2ηλ‖W_t‖_F) and the Frobenius form (exact up to float32 rounding)`,
    consistencyCases(runs, rank),
  );
}

/** A sweep of the noise experiment: runs per level, seed i sharing data and initialisation across levels. */
export type NoiseSweep = ReadonlyArray<{ readonly level: number; readonly runs: readonly NoiseRun[] }>;

/** Per seed, the log-log slope of the late weight floor against the level (NaN if a run diverged). */
export function floorExponents(sweep: NoiseSweep, x: (level: number) => number = Math.log10): number[] {
  const seeds = sweep[0]!.runs.length;
  const xs = sweep.map((l) => x(l.level));
  return Array.from({ length: seeds }, (_, i) => {
    const runs = sweep.map((l) => l.runs[i]!);
    const ys = runs.map((r) => floorScore(r, "weightFloor", 1));
    return ys.every(Number.isFinite) ? olsSlope(xs, ys) : Number.NaN;
  });
}

/** Mean of per-seed values with its two-sided (1 − α) t interval (for reporting an exponent). */
export function meanWithInterval(values: readonly number[], alpha = S_ALPHA): { mean: number; low: number; high: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: Number.NaN, high: Number.NaN };
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(1 - alpha / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean, low: mean - half, high: mean + half };
}

/**
 * S2 scaling: the floor grows (`"increasing"`) or falls (`"decreasing"`) with the swept
 * hyperparameter — per seed log-log slope of the late weight floor; one-sided t-test over seeds
 * that the mean exponent is > 0 (or < 0).
 */
export function decideFloorTrend(sweep: NoiseSweep, direction: "increasing" | "decreasing", name: string): Decision {
  const slopes = floorExponents(sweep);
  const label = `exponent of the late weight floor in ${name} (log-log slope)`;
  return direction === "increasing"
    ? meanAbove(slopes, 0, { alpha: S_ALPHA, label })
    : meanBelow(slopes, 0, { alpha: S_ALPHA, label });
}

/**
 * Relative standard deviation of the mean of B of N per-sample gradients drawn without
 * replacement, `√((N − B)/(B(N − 1)))` — the sampling factor the B-dependence of the floor is
 * compared with (0 at B = N: full-batch GD has no sampling noise).
 */
export function samplingFactor(count: number, batchSize: number): number {
  if (!(Number.isSafeInteger(count) && count >= 2 && Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= count)) {
    throw new Error(`samplingFactor: N = ${count}, B = ${batchSize}; expected integers with N ≥ 2 and 1 ≤ B ≤ N`);
  }
  return Math.sqrt((count - batchSize) / (batchSize * (count - 1)));
}
