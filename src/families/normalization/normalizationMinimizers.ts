/**
 * Numerical references for the closed-form ρ-equilibria of CLAIMS N1 (`singleScaleRho`,
 * `perLayerRho` in `src/metrics`): minimisers found by iterating, without the closed forms, so the
 * N1 spec can check the formulas against them.
 *
 * - `numericSingleScaleRho` — the training-side computation: the outputs `f_V(x_n)` by the tfjs
 *   (float32) forward pass, then gradient descent on ρ alone with tfjs autodiff gradients of
 *   `(1/N) Σ_n ‖y_n − ρ f_n‖² + λρ²`. Its fixed point is where the float32 gradient vanishes.
 * - `numericPerLayerScales` — float64 gradient descent with backtracking on the layer scales g_k of
 *   `c − 2aρ + bρ² + λ Σ_k g_k²` (ρ = ∏ g_k), which is the loss of `∏_k g_k · f_V` exactly
 *   (homogeneity `f_{gV} = (∏ g_k) f_V`, tested in `tests/nets/nets.test.ts`).
 */
import * as tf from "@tensorflow/tfjs";
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { initBackend } from "../../backend.ts";
import type { ScaleMoments } from "../../metrics/scaleMoments.ts";

/** Inputs of {@link numericSingleScaleRho}. */
export interface SingleScaleProblem {
  /** Directions `V_k [out_k, in_k]` of a normalised network (any scale works; the result is for these weights). */
  readonly directions: readonly Matrix[];
  /** `[N, d]`, one sample per row. */
  readonly inputs: Matrix;
  /** Row-major `[N, C]` targets (`targetsFor`). */
  readonly targets: ArrayLike<number>;
  /** Weight decay λ ≥ 0 (the objective adds λρ²). */
  readonly lambda: number;
  /** Gradient steps (default 300). */
  readonly steps?: number;
}

/**
 * The minimiser over ρ of `(1/N) Σ_n ‖y_n − ρ f_V(x_n)‖² + λρ²`, by float32 gradient descent on ρ
 * alone (tfjs autodiff), from ρ = 0. Step size `1/κ` with κ the secant slope of the autodiff
 * gradient between ρ = 0 and ρ = 1 (the objective's curvature, `2(b + λ)` for this parabola), halved:
 * each step then shrinks the distance to the minimiser by ½, so 300 steps reach the float32 fixed
 * point. The step size only sets the speed; the fixed point is where the float32 gradient is 0.
 * @example const rho = await numericSingleScaleRho({ directions, inputs, targets, lambda: 0.01 });
 */
export async function numericSingleScaleRho(problem: SingleScaleProblem): Promise<number> {
  await initBackend();
  const { directions, inputs, targets, lambda } = problem;
  const steps = problem.steps ?? 300;
  if (!(Number.isFinite(lambda) && lambda >= 0)) {
    throw new Error(`numericSingleScaleRho: lambda = ${lambda}; expected a finite λ ≥ 0`);
  }
  if (!(Number.isSafeInteger(steps) && steps >= 1)) {
    throw new Error(`numericSingleScaleRho: steps = ${steps}; expected an integer ≥ 1`);
  }
  const n = inputs.rows;
  const c = directions.at(-1)?.rows ?? 0;
  if (targets.length !== n * c) {
    throw new Error(`numericSingleScaleRho: targets has length ${targets.length}; expected N × C = ${n} × ${c} = ${n * c}`);
  }
  const f = tf.tidy(() => {
    let h: tf.Tensor2D = tf.tensor2d(inputs.to2DArray(), [n, inputs.columns], "float32");
    directions.forEach((v, k) => {
      const z = tf.matMul(h, tf.tensor2d(v.to2DArray(), [v.rows, v.columns], "float32"), false, true);
      h = (k < directions.length - 1 ? tf.relu(z) : z) as tf.Tensor2D;
    });
    return h;
  });
  const y = tf.tensor2d(Float32Array.from(targets), [n, c]);
  try {
    const objective = (rho: tf.Tensor): tf.Scalar =>
      tf.add(tf.div(tf.sum(tf.square(tf.sub(y, tf.mul(rho, f)))), n), tf.mul(lambda, tf.square(rho))) as tf.Scalar;
    const gradient = tf.grad(objective);
    const slopeAt = (r: number): number => tf.tidy(() => gradient(tf.scalar(r)).dataSync()[0]!);
    const curvature = slopeAt(1) - slopeAt(0);
    if (!(curvature > 0)) {
      throw new Error(`numericSingleScaleRho: the objective's curvature is ${curvature}; expected > 0 (b + λ > 0)`);
    }
    const stepSize = 0.5 / curvature;
    let rho = tf.scalar(0);
    for (let t = 0; t < steps; t++) {
      const next = tf.tidy(() => tf.sub(rho, tf.mul(stepSize, gradient(rho))) as tf.Scalar);
      rho.dispose();
      rho = next;
    }
    const value = rho.dataSync()[0]!;
    rho.dispose();
    return value;
  } finally {
    tf.dispose([f, y]);
  }
}

/** Result of {@link numericPerLayerScales}. */
export interface PerLayerMinimum {
  /** Layer scales g_k at the end, k = 1..L. */
  readonly layerScales: number[];
  /** ρ = ∏ g_k. */
  readonly rho: number;
  /** Objective `c − 2aρ + bρ² + λ Σ g_k²` at the end. */
  readonly objective: number;
  /** Iterations used. */
  readonly iterations: number;
  /** Whether the gradient fell below the stopping tolerance. */
  readonly converged: boolean;
}

/** The objective of the per-layer parametrisation as a function of the layer scales. */
export function perLayerObjective(moments: ScaleMoments, lambda: number, layerScales: readonly number[]): number {
  const rho = layerScales.reduce((p, g) => p * g, 1);
  const penalty = layerScales.reduce((s, g) => s + g * g, 0);
  return moments.targetEnergy - 2 * moments.alignment * rho + moments.outputEnergy * rho * rho + lambda * penalty;
}

/**
 * A local minimiser of `c − 2aρ + bρ² + λ Σ_k g_k²` over positive layer scales `g_k = e^{u_k}`, in
 * two float64 phases from `start`: gradient descent in `u` with Armijo backtracking, each step
 * moving every u_k by at most ½ (global phase, until the gradient is below 1e-6 of the objective's
 * scale or function values stop resolving the decrease), then Newton steps on the gradient
 * with the exact Hessian (local phase, quadratic convergence to machine precision). In
 * log-coordinates
 *
 *   ∂F/∂u_k = −2aρ + 2bρ² + 2λ g_k²,    ∂²F/∂u_j∂u_k = −2aρ + 4bρ² + δ_jk 4λ g_k²,
 *
 * so a stationary point is exactly CLAIMS' condition `λ g_k² = ρ(a − ρb)` for all k. Newton steps
 * are taken only while the Hessian is positive definite and the gradient shrinks.
 * @example numericPerLayerScales(scaleMoments(outputs, targets), 0.01, [3, 0.5, 1]).rho
 */
export function numericPerLayerScales(
  moments: ScaleMoments,
  lambda: number,
  start: readonly number[],
  maxIterations = 5_000,
): PerLayerMinimum {
  if (start.length < 1 || start.some((g) => !(g > 0 && Number.isFinite(g)))) {
    throw new Error(`numericPerLayerScales: start = [${start.join(", ")}]; expected positive finite layer scales`);
  }
  const { alignment: a, outputEnergy: b } = moments;
  const L = start.length;
  let u = start.map((g) => Math.log(g));
  const scales = (v: readonly number[]) => v.map((x) => Math.exp(x));
  const value = (v: readonly number[]) => perLayerObjective(moments, lambda, scales(v));
  const gradientAt = (v: readonly number[]): number[] => {
    const g = scales(v);
    const rho = g.reduce((p, x) => p * x, 1);
    return g.map((gk) => -2 * a * rho + 2 * b * rho * rho + 2 * lambda * gk * gk);
  };
  const norm = (x: readonly number[]) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));
  let f = value(u);
  let step = 1;
  let iterations = 0;
  // Global phase: Armijo gradient descent.
  for (; iterations < maxIterations; iterations++) {
    const grad = gradientAt(u);
    const gradNormSq = grad.reduce((s, x) => s + x * x, 0);
    const rhoNow = scales(u).reduce((p, x) => p * x, 1);
    // Close enough for the Newton phase to take over (it converges quadratically from here).
    if (Math.sqrt(gradNormSq) <= 1e-6 * (moments.targetEnergy + Math.abs(a) * rhoNow)) break;
    // Trust region in log-space: no scale moves by more than a factor e^{0.5} per iteration (so
    // the search neither jumps over the minimum into the flat region g → 0 nor crawls there).
    const maxComponent = Math.max(...grad.map((x) => Math.abs(x)));
    step = Math.min(step * 2, 0.5 / maxComponent);
    let accepted = false;
    while (step > 1e-14) {
      const trial = u.map((x, k) => x - step * grad[k]!);
      const ft = value(trial);
      if (ft <= f - 1e-4 * step * gradNormSq) {
        u = trial;
        f = ft;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break; // function values no longer resolve the decrease
  }
  // Local phase: Newton on ∇F = 0.
  let grad = gradientAt(u);
  for (let i = 0; i < 100 && norm(grad) > 0; i++, iterations++) {
    const g = scales(u);
    const rho = g.reduce((p, x) => p * x, 1);
    const off = -2 * a * rho + 4 * b * rho * rho;
    const hessian = new Matrix(L, L).fill(off);
    g.forEach((gk, k) => hessian.set(k, k, off + 4 * lambda * gk * gk));
    const chol = new CholeskyDecomposition(hessian);
    if (!chol.isPositiveDefinite()) break;
    const delta = chol.solve(Matrix.columnVector(grad)).getColumn(0);
    const trial = u.map((x, k) => x - delta[k]!);
    const gradTrial = gradientAt(trial);
    if (!(norm(gradTrial) < norm(grad))) break;
    u = trial;
    grad = gradTrial;
  }
  const layerScales = scales(u);
  const rho = layerScales.reduce((p, x) => p * x, 1);
  const converged = norm(grad) <= 1e-12 * (moments.targetEnergy + Math.abs(a) * rho);
  return { layerScales, rho, objective: perLayerObjective(moments, lambda, layerScales), iterations, converged };
}
