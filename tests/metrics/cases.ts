/**
 * Seeded labelled-feature cases and known constructions for the metric tests.
 *
 * A random case is a Gaussian mixture: class means `μ_c ~ N(0, MEAN_SCALE² I)` and features
 * `h_n = μ_{y_n} + t · ξ_n`, where the noise `ξ` is centred within each class, so the class means of
 * the features are exactly `μ_c` (up to rounding) for every noise scale `t`. Every class has at
 * least one sample; the rest of the labels are random and shuffled (unbalanced classes).
 */
import { fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { singularValues } from "../../src/linalg/index.ts";
import { classMeans, NC1_RELATIVE_TOLERANCE } from "../../src/metrics/index.ts";
import { gaussianMatrix, mulberry32, orthogonalMatrix, seedArb } from "../linalg/random.ts";

/** Spread of the class means relative to the unit within-class noise: separated but not trivially. */
export const MEAN_SCALE = 3;

export interface CaseSpec {
  readonly seed: number;
  /** C. */
  readonly classes: number;
  /** Feature dimension p (may be below C − 1: then Σ_B has rank p). */
  readonly p: number;
  /** Samples beyond the one per class: N = C + extra. */
  readonly extra: number;
}

export const caseSpecArb: fc.Arbitrary<CaseSpec> = fc.record({
  seed: seedArb,
  classes: fc.integer({ min: 2, max: 6 }),
  p: fc.integer({ min: 1, max: 10 }),
  extra: fc.integer({ min: 0, max: 30 }),
});

export interface LabelledCase {
  readonly classes: number;
  /** `[N]`, integers in `[0, C)`, each class present. */
  readonly labels: number[];
  /** True class means `[C, p]`. */
  readonly means: Matrix;
  /** Within-class noise `[N, p]`, centred within each class. */
  readonly noise: Matrix;
  /** `means[labels] + noise`, `[N, p]`. */
  readonly features: Matrix;
}

/** Shuffled labels with every class present: `[0, …, C−1]` plus `extra` random labels. */
export function randomLabels(seed: number, classes: number, extra: number): number[] {
  const uniform = mulberry32(seed);
  const labels = Array.from({ length: classes }, (_, c) => c);
  for (let i = 0; i < extra; i++) labels.push(Math.floor(uniform() * classes));
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [labels[i], labels[j]] = [labels[j] as number, labels[i] as number];
  }
  return labels;
}

/** `noise` with each class's mean subtracted from its rows. */
export function centreWithinClasses(noise: Matrix, labels: readonly number[], classes: number): Matrix {
  const p = noise.columns;
  const sums = new Matrix(classes, p);
  const counts = new Array<number>(classes).fill(0);
  labels.forEach((c, i) => {
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < p; j++) sums.set(c, j, sums.get(c, j) + noise.get(i, j));
  });
  const out = noise.clone();
  labels.forEach((c, i) => {
    for (let j = 0; j < p; j++) out.set(i, j, noise.get(i, j) - sums.get(c, j) / (counts[c] as number));
  });
  return out;
}

/** Rows `means[labels[n]] + t · noise[n]`. */
export function featuresAt(means: Matrix, labels: readonly number[], noise: Matrix | null, t = 1): Matrix {
  const out = new Matrix(labels.length, means.columns);
  labels.forEach((c, i) => {
    for (let j = 0; j < means.columns; j++) out.set(i, j, means.get(c, j) + (noise === null ? 0 : t * noise.get(i, j)));
  });
  return out;
}

/** The random Gaussian-mixture case of a spec. */
export function makeCase({ seed, classes, p, extra }: CaseSpec): LabelledCase {
  const labels = randomLabels(seed, classes, extra);
  const means = gaussianMatrix(seed + 1, classes, p, MEAN_SCALE);
  const noise = centreWithinClasses(gaussianMatrix(seed + 2, labels.length, p), labels, classes);
  return { classes, labels, means, noise, features: featuresAt(means, labels, noise) };
}

/**
 * A simplex ETF `[C, p]` (`p ≥ C`): rows `scale · √(C/(C−1)) · (e_c − 1/C)` (unit norm times scale,
 * pairwise cosine −1/(C−1), summing to 0), rotated by a random orthogonal `[p, p]`.
 */
export function simplexEtf(seed: number, classes: number, p: number, scale = 1): Matrix {
  const m = new Matrix(classes, p);
  const norm = Math.sqrt(classes / (classes - 1));
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < classes; j++) m.set(c, j, scale * norm * ((c === j ? 1 : 0) - 1 / classes));
  }
  return m.mmul(orthogonalMatrix(seed, p));
}

/** An orthogonal frame `[C, p]` (`p ≥ C`): rows `scale · e_c`, rotated by a random orthogonal `[p, p]`. */
export function orthogonalFrame(seed: number, classes: number, p: number, scale = 1): Matrix {
  const m = new Matrix(classes, p);
  for (let c = 0; c < classes; c++) m.set(c, c, scale);
  return m.mmul(orthogonalMatrix(seed, p));
}

/** Labels relabelled by a permutation: `perm[y]`. */
export function relabel(labels: readonly number[], perm: readonly number[]): number[] {
  return labels.map((y) => perm[y] as number);
}

/** Rows of `w [C, p]` moved so that row c goes to row `perm[c]` (the classifier of relabelled classes). */
export function permuteRows(w: Matrix, perm: readonly number[]): Matrix {
  const out = new Matrix(w.rows, w.columns);
  perm.forEach((target, c) => out.setRow(target, w.getRow(c)));
  return out;
}

/** A permutation of `[0, n)` drawn from a seed. */
export function randomPermutation(seed: number, n: number): number[] {
  const uniform = mulberry32(seed);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
  }
  return perm;
}

/**
 * Condition number `λ_max / λ_min` of the part of Σ_B that NC1 inverts (its kept eigenvalues).
 * Eigenvalues from a backward-stable solver carry errors ≈ ε λ_max, so `1/λ_min`, and NC1, carry
 * relative errors ≈ ε κ: comparisons of NC1 between two computations scale their tolerance by κ.
 */
export function nc1Conditioning(
  features: Matrix,
  labels: readonly number[],
  classes: number,
  tol = NC1_RELATIVE_TOLERANCE,
): number {
  const means = classMeans(features, labels, classes);
  const centred = means.clone().subRowVector(means.mean("column"));
  const s = singularValues(centred);
  const sMax = s[0] ?? 0;
  let sMin = sMax;
  for (let i = 0; i < Math.min(classes - 1, s.length); i++) {
    const si = s[i] as number;
    if (si * si > tol * sMax * sMax) sMin = si;
  }
  return sMax === 0 ? 1 : (sMax / sMin) ** 2;
}

/**
 * Whether some eigenvalue ratio `λ_i / λ_max` of Σ_B is within a relative `margin` of `tol`: there
 * the keep/drop decision of NC1's pseudo-inverse may differ between two roundings.
 */
export function nearEigenvalueRatio(
  features: Matrix,
  labels: readonly number[],
  classes: number,
  tol: number,
  margin = 1e-6,
): boolean {
  const means = classMeans(features, labels, classes);
  const s = singularValues(means.clone().subRowVector(means.mean("column")));
  const sMax = s[0] ?? 0;
  return Array.from(s).some((si) => Math.abs((si * si) / (sMax * sMax) - tol) <= margin * Math.max(tol, 1e-300));
}
