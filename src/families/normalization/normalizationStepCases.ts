/**
 * The weight-normalised gradient flow behind N1, one step at a time (Xu et al. 2023, "ρ
 * normalisation dynamics"; CLAIMS.md "Conventions", WN). With `W_k = g_k V_k`, `‖V_k‖_F = 1` and
 * weight decay `λ Σ_k g_k²`, a gradient step moves
 *
 *   the direction  `ΔV_k = −η g_k (I − V_k V_kᵀ) ∇_{W_k} L`   (first order in η),
 *   the scale      `Δg_k = −η (⟨∇_{W_k} L, V_k⟩ + 2λ g_k)`,
 *
 * while the plain parametrisation (W_k trained directly, decay `λ‖W_k‖²`) has the same scale step
 * but the direction step `−η (I − V_kV_kᵀ)∇_{W_k}L / g_k`: the two differ by `g_k²`. The
 * equilibrium N1 predicts is that of the per-layer WN parametrisation, so the trainer must
 * implement it; these cases check one full-batch step of the trainer under test against the
 * formulas (gradients from the host float64 backward pass `gradientHost`).
 */
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../../data/gaussianMixture.ts";
import { targetsFor } from "../../data/targets.ts";
import { activeTrainer } from "../../implementation/activeImplementation.ts";
import { gradientHost } from "../../nets/gradientHost.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import { deriveSeed } from "../../random/rng.ts";
import type { Trainer } from "../../train/types.ts";

/**
 * Largest relative error of a layer's step against the first-order formulas: 2e-2. The error of
 * a first-order formula is of the order of the step itself (‖ΔW_k‖/‖W_k‖, kept near
 * `WN_STEP_SIZE` = 2e-3 by choosing η), float32 rounding of W (≈ 6e-8 relative) is ≲ 1e-3 of a
 * step that small layer by layer (the smallest layer step is recorded); a plain-parametrisation
 * step is off by |1/g_k² − 1|: ≥ 0.75 in the He-initialised hidden layers (g_k² ≈ 2 · fan-out ≥ 8),
 * while a small last layer can be drawn with g_k² ≈ 1 and then cannot tell the two apart — the
 * control is judged per case, on its worst layer.
 */
export const WN_STEP_TOLERANCE = 2e-2;

/** Target relative size of the largest layer step; η is chosen from a trial step to reach it. */
export const WN_STEP_SIZE = 2e-3;

/** η of the trial step. */
export const WN_TRIAL_LEARNING_RATE = 1e-3;

export interface WnStepCase {
  readonly classes: number;
  readonly dim: number;
  readonly perClass: number;
  readonly hidden: readonly number[];
  readonly weightDecay: number;
  readonly seed: number;
}

/** Small weight-normalised networks and Gaussian-mixture data (C = 2–4, d = 4–12, 1–2 hidden layers of 4–16). */
export function wnStepCases(base: number): fc.Arbitrary<WnStepCase> {
  return fc
    .record({
      classes: fc.integer({ min: 2, max: 4 }),
      dim: fc.integer({ min: 4, max: 12 }),
      perClass: fc.integer({ min: 3, max: 8 }),
      hidden: fc.array(fc.integer({ min: 4, max: 16 }), { minLength: 1, maxLength: 2 }),
      weightDecay: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .map((c) => ({ ...c, seed: deriveSeed(base, `wn-step/${c.seed}`) }));
}

/** One layer's step against the WN formulas. */
export interface WnStepLayer {
  readonly layer: number;
  /** g_k = ‖W_k‖_F before the step. */
  readonly scale: number;
  /** ‖ΔV − ΔV_WN‖ / ‖ΔV_WN‖. */
  readonly directionError: number;
  /**
   * |Δg − Δg_WN| / ‖ΔW_k‖: relative to the whole step (the two terms of Δg may nearly cancel, and a
   * scale step of ≈ float32 rounding has no relative accuracy of its own).
   */
  readonly scaleError: number;
  /** ⟨ΔV, ΔV_WN⟩ / ‖ΔV_WN‖²: 1 under WN, 1/g_k² on the plain parametrisation. */
  readonly directionRatio: number;
  /** ‖ΔW_k‖ / ‖W_k‖ of the step (small: first order applies). */
  readonly stepSize: number;
}

/**
 * Trains `c` for one full-batch step with the architecture's `normalization` (`weight`: the
 * prediction; `none`: the control) and compares each layer's step with the WN formulas.
 */
export async function wnStepLayers(c: WnStepCase, normalization: "weight" | "none", trainer?: Trainer): Promise<WnStepLayer[]> {
  const data = gaussianMixture({ classes: c.classes, dim: c.dim, perClass: c.perClass, separation: 2, noise: 1, seed: c.seed }).train;
  const architecture = { inputDim: c.dim, hidden: c.hidden, outputDim: c.classes, normalization };
  const implementation = trainer ?? (await activeTrainer());
  const step = async (learningRate: number) => {
    const [run] = await implementation.train({
      architecture,
      runs: [{ seed: deriveSeed(c.seed, "init"), data, weightDecay: c.weightDecay, learningRate }],
      batchSize: "full",
      steps: 1,
      recordAt: [0, 1],
    });
    if (run === undefined || run.status !== "ok" || run.snapshots.length < 2) {
      throw new Error(`inconclusive: the one-step run did not finish (${run?.status ?? "no run"}${run?.reason === undefined ? "" : `: ${run.reason}`})`);
    }
    return [weightMatrices(run.snapshots[0]!.weights, architecture), weightMatrices(run.snapshots.at(-1)!.weights, architecture)] as const;
  };
  const largestStep = (w0: readonly Matrix[], w1: readonly Matrix[]) => Math.max(...w0.map((w, k) => w1[k]!.clone().sub(w).norm() / w.norm()));
  const trial = await step(WN_TRIAL_LEARNING_RATE);
  const eta = WN_TRIAL_LEARNING_RATE * (WN_STEP_SIZE / largestStep(...trial));
  const [before, after] = await step(eta);
  const { gradients } = gradientHost(before, inputMatrix(data), targetsFor(data, c.classes));
  return before.map((w0, k) => {
    const w1 = after[k]!;
    const grad = gradients[k]!;
    const g0 = w0.norm();
    const g1 = w1.norm();
    const v0 = w0.clone().div(g0);
    const v1 = w1.clone().div(g1);
    const radial = dot(grad, v0);
    const tangential = grad.clone().sub(v0.clone().mul(radial));
    const predictedDirection = tangential.mul(-eta * g0);
    const direction = v1.sub(v0);
    const predictedScale = -eta * (radial + 2 * c.weightDecay * g0);
    const norm2 = dot(predictedDirection, predictedDirection);
    return {
      layer: k + 1,
      scale: g0,
      directionError: direction.clone().sub(predictedDirection).norm() / Math.sqrt(norm2),
      scaleError: Math.abs(g1 - g0 - predictedScale) / w1.clone().sub(w0).norm(),
      directionRatio: dot(direction, predictedDirection) / norm2,
      stepSize: w1.clone().sub(w0).norm() / g0,
    };
  });
}

function dot(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) s += a.get(i, j) * b.get(i, j);
  return s;
}
