/**
 * Deliberately wrong metric implementations — the metric mutants of the reliability kill matrix
 * (issue #8). Each is a plausible slip a re-implementation could make; a claim "kills" the mutant
 * when its check fails with the mutant in place of the reference (`activeImplementation.ts`).
 */
import { inverse, Matrix } from "ml-matrix";
import { singularValues } from "../linalg/singularValues.ts";
import { localLayerHost } from "../nets/localLayerHost.ts";
import { REFERENCE_METRICS, type MetricSuite } from "./metricSuite.ts";

/**
 * Regulariser of `nc1RegularisedInverse`, relative to Tr(Σ_B)/p (the mean eigenvalue of Σ_B): a
 * typical "make it invertible" fix, small against every eigenvalue of Σ_B that carries class
 * information.
 */
export const NC1_MUTANT_RIDGE = 1e-6;

/**
 * NC1 with the pseudo-inverse replaced by a plain inverse of a regularised matrix:
 * Tr(Σ_W (Σ_B + εI)⁻¹)/C with ε = 1e-6 · Tr(Σ_B)/p. Wrong because Σ_B has rank ≤ C − 1: in the
 * p − C + 1 directions outside the span of the class means (Σ_B + εI)⁻¹ is 1/ε, so within-class
 * variance there — which NC1 as defined ignores — dominates the value.
 * @param features `[N, p]`
 */
export function nc1RegularisedInverse(features: Matrix, labels: ArrayLike<number>, classes: number): number {
  const n = features.rows;
  const p = features.columns;
  const means = Matrix.zeros(classes, p);
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    counts[c]!++;
    for (let j = 0; j < p; j++) means.set(c, j, means.get(c, j) + features.get(i, j));
  }
  for (let c = 0; c < classes; c++) for (let j = 0; j < p; j++) means.set(c, j, means.get(c, j) / counts[c]!);
  const global = means.mean("column");
  const centredMeans = means.clone().subRowVector(global);
  const sigmaB = centredMeans.transpose().mmul(centredMeans).div(classes);
  const within = new Matrix(n, p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) within.set(i, j, features.get(i, j) - means.get(labels[i]!, j));
  const sigmaW = within.transpose().mmul(within).div(n);
  const ridge = (NC1_MUTANT_RIDGE * sigmaB.trace()) / p;
  const regularised = sigmaB.clone().add(Matrix.eye(p).mul(ridge));
  return sigmaW.mmul(inverse(regularised)).trace() / classes;
}

/** Numerical rank with the tolerance relative to σ_max instead of ‖W‖_F: #{σ_i/σ_1 > tol}. */
export function rankRelativeToSigmaMax(w: Matrix, tol: number): number {
  const s = singularValues(w);
  const top = s[0] ?? 0;
  if (top === 0) return 0;
  let rank = 0;
  for (let i = 0; i < s.length; i++) if ((s[i] as number) / top > tol) rank++;
  return rank;
}

/**
 * A conv layer's "kernel norm" computed on its dense operator matrix (the layer applied to the
 * basis of its input space) instead of on the kernel: ‖W^l‖_F, which holds one kernel copy per
 * output position — the norm of the dense network the sparse bound is meant to avoid.
 */
export function layerNormOnDenseMatrix(w: Matrix, layer: Parameters<MetricSuite["layerNorm"]>[1]): number {
  if (layer.kind !== "local") return w.norm();
  return localLayerHost(Matrix.eye(layer.positionsIn * layer.channelsIn), w, layer).norm();
}

/** The reference suite with one metric replaced. */
function withMetric(name: string, change: Partial<Omit<MetricSuite, "name">>): MetricSuite {
  return { ...REFERENCE_METRICS, ...change, name };
}

export const NC1_REGULARISED_INVERSE = withMetric("NC1 with a regularised plain inverse", { nc1: nc1RegularisedInverse });
export const RANK_RELATIVE_TO_SIGMA_MAX = withMetric("rank tolerance relative to σ_max", { numericalRank: rankRelativeToSigmaMax });
export const CONV_NORM_ON_DENSE_MATRIX = withMetric("conv kernel norm on the dense matrix", { layerNorm: layerNormOnDenseMatrix });
