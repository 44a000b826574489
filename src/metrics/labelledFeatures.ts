/**
 * Validated, flattened labelled features shared by the NC metrics (internal; not re-exported).
 * Each public metric validates its arguments once through `checkLabelledFeatures` and then runs
 * on flat row-major `Float64Array`s, so `neuralCollapse` can validate and compute class means once.
 */
import { Matrix } from "ml-matrix";
import { assertMatrix, describeValue, shapeOf, toRowMajor } from "../linalg/validate.ts";

/** Features `h_n` with labels `y_n`, validated. */
export interface LabelledFeatures {
  /** Samples N (rows of `features`). */
  readonly n: number;
  /** Feature dimension p (columns of `features`). */
  readonly p: number;
  /** Classes C. */
  readonly classes: number;
  /** Features `[N, p]`, row-major: `h[n * p + j]`. */
  readonly h: Float64Array;
  /** Labels `[N]`, integers in `[0, C)`. */
  readonly y: Int32Array;
  /** Samples per class `[C]`, each `≥ 1`. */
  readonly counts: Int32Array;
}

/** Throws unless `classes` is an integer `≥ 2`. */
export function checkClasses(fn: string, classes: unknown): asserts classes is number {
  if (typeof classes !== "number" || !Number.isInteger(classes) || classes < 2) {
    throw new Error(`${fn}: classes is ${describeValue(classes)}; expected an integer ≥ 2`);
  }
}

/**
 * Checks, in order: `classes` is an integer ≥ 2; `features` is a matrix with at least one row and
 * one column and finite entries; `labels` has one entry per row; every label is an integer in
 * `[0, classes)`; every class has at least one sample.
 */
export function checkLabelledFeatures(
  fn: string,
  features: Matrix,
  labels: ArrayLike<number>,
  classes: number,
): LabelledFeatures {
  checkClasses(fn, classes);
  assertMatrix(fn, "features", features);
  if (features.rows === 0 || features.columns === 0) {
    throw new Error(
      `${fn}: features has shape ${shapeOf(features)}; expected [N, p] with N ≥ 1 samples and p ≥ 1 features`,
    );
  }
  if (labels === null || typeof labels !== "object" || typeof labels.length !== "number") {
    throw new Error(`${fn}: labels is ${describeValue(labels)}; expected an array of integer labels`);
  }
  const n = features.rows;
  const p = features.columns;
  if (labels.length !== n) {
    throw new Error(
      `${fn}: labels has length ${labels.length} but features has ${n} rows; expected one label per row`,
    );
  }
  const y = new Int32Array(n);
  const counts = new Int32Array(classes);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (typeof label !== "number" || !Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(
        `${fn}: labels[${i}] is ${describeValue(label)}; ` +
          `expected an integer in [0, ${classes}) (classes = ${classes})`,
      );
    }
    y[i] = label;
    counts[label] = (counts[label] as number) + 1;
  }
  const empty: number[] = [];
  for (let c = 0; c < classes; c++) if (counts[c] === 0) empty.push(c);
  if (empty.length > 0) {
    throw new Error(
      `${fn}: class${empty.length > 1 ? "es" : ""} ${empty.join(", ")} of classes = ${classes} ` +
        `ha${empty.length > 1 ? "ve" : "s"} no samples; expected at least one sample per class`,
    );
  }
  const h = toRowMajor(fn, "features", features);
  return { n, p, classes, h, y, counts };
}

/**
 * Checks the classifier `W [C, p]` (last-layer weights, one row per class) against the features
 * and returns it row-major.
 */
export function checkClassifier(fn: string, classifier: Matrix, classes: number, p: number): Float64Array {
  assertMatrix(fn, "classifier", classifier);
  if (classifier.rows !== classes || classifier.columns !== p) {
    throw new Error(
      `${fn}: classifier has shape ${shapeOf(classifier)}; expected [classes, p] = [${classes}, ${p}] ` +
        `(one row per class, one column per feature)`,
    );
  }
  return toRowMajor(fn, "classifier", classifier);
}

/** Class means `μ_c = (1/N_c) Σ_{n : y_n = c} h_n`, row-major `[C, p]`. */
export function meansOf(data: LabelledFeatures): Float64Array {
  const { n, p, classes, h, y, counts } = data;
  const means = new Float64Array(classes * p);
  for (let i = 0; i < n; i++) {
    const o = (y[i] as number) * p;
    const oh = i * p;
    for (let j = 0; j < p; j++) means[o + j] = (means[o + j] as number) + (h[oh + j] as number);
  }
  for (let c = 0; c < classes; c++) {
    const inv = 1 / (counts[c] as number);
    for (let j = 0; j < p; j++) means[c * p + j] = (means[c * p + j] as number) * inv;
  }
  return means;
}

/** Global mean `μ_G = (1/C) Σ_c μ_c` (the mean of the class means) of row-major means `[C, p]`. */
export function globalMeanOf(means: Float64Array, classes: number, p: number): Float64Array {
  const g = new Float64Array(p);
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < p; j++) g[j] = (g[j] as number) + (means[c * p + j] as number);
  }
  for (let j = 0; j < p; j++) g[j] = (g[j] as number) / classes;
  return g;
}

/** Centred means `μ̃_c = μ_c − μ_G`, row-major `[C, p]`. */
export function centredOf(means: Float64Array, classes: number, p: number): Float64Array {
  const g = globalMeanOf(means, classes, p);
  const out = new Float64Array(classes * p);
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < p; j++) out[c * p + j] = (means[c * p + j] as number) - (g[j] as number);
  }
  return out;
}

/** Wraps a row-major `[rows, cols]` array as an ml-matrix `Matrix` (copy). */
export function matrixFromRowMajor(data: Float64Array, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j] as number);
  return m;
}
