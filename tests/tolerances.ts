/**
 * Float tolerances of the unit tests (the per-dtype bases come from `src/tolerances.ts`, shared
 * with the specs; STYLE.md, lesson 7), and the comparisons that
 * use them. A comparison passes when `|actual − expected| ≤ abs + rel · scale`, and a failure
 * prints the actual and expected values with both the absolute and the relative error.
 */
import { Matrix } from "ml-matrix";
import { TOLERANCE } from "../src/tolerances.ts";

export interface Tolerance {
  /** Relative tolerance, multiplied by the scale of the expected value. */
  readonly rel: number;
  /** Absolute tolerance: the floor for quantities that should be 0. */
  readonly abs: number;
}

/**
 * Host float64 computations (ml-matrix, `src/linalg`, `src/metrics`) against a float64 relation or
 * a slower float64 formula. Backward-stable algorithms on the matrices of the unit tests (at most
 * a few dozen rows, well conditioned) lose about `dims · ε ≈ 1e-14` relative; 1e-9 leaves room for
 * several chained SVDs and for moderate conditioning, and is far below any metric difference the
 * tests could mistake for equality. `abs` 1e-12 is the floor for values that should vanish (e.g.
 * NC1 of exactly collapsed features), relative to entries of order 1.
 */
export const FLOAT64: Tolerance = { rel: TOLERANCE.float64.relative, abs: TOLERANCE.float64.absolute };

/**
 * Host float64 results against the numpy reference fixtures (`fixtures/nc/`): a different
 * algorithm (`numpy.linalg.eigh` on `p × p` covariances, LAPACK SVD) on the same inputs, values
 * stored as shortest round-trip decimals. Same bound as `FLOAT64`.
 */
export const FLOAT64_REFERENCE: Tolerance = FLOAT64;

/** `tol` with its relative part multiplied by `factor` (e.g. a condition number). */
export function scaled(tol: Tolerance, factor: number): Tolerance {
  return { rel: tol.rel * Math.max(1, factor), abs: tol.abs };
}

function describe(actual: number, expected: number, tol: Tolerance, what: string): string {
  const absError = Math.abs(actual - expected);
  const relError = absError / Math.abs(expected);
  return (
    `${what}: got ${actual}, expected ${expected} ` +
    `(abs error ${absError.toExponential(3)}, rel error ${relError.toExponential(3)}; ` +
    `tolerance abs ${tol.abs} + rel ${tol.rel})`
  );
}

/** Whether `actual` is within `tol` of `expected` (same non-finite values count as equal). */
export function isClose(actual: number, expected: number, tol: Tolerance): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return Object.is(actual, expected);
  return Math.abs(actual - expected) <= tol.abs + tol.rel * Math.abs(expected);
}

/** Throws unless `actual` is within `tol` of `expected`. */
export function expectClose(actual: number, expected: number, tol: Tolerance, what: string): void {
  if (!isClose(actual, expected, tol)) throw new Error(describe(actual, expected, tol, what));
}

/**
 * Throws unless every entry of `actual` is within `abs + rel · max_ij |expected_ij|` of
 * `expected`'s: entries are compared at the scale of the whole matrix, as the errors of matrix
 * algorithms are. Shapes must match.
 */
export function expectMatrixClose(
  actual: Matrix | ArrayLike<number>,
  expected: Matrix | ArrayLike<number>,
  tol: Tolerance,
  what: string,
): void {
  const a = Matrix.isMatrix(actual) ? actual : Matrix.rowVector(Array.from(actual));
  const e = Matrix.isMatrix(expected) ? expected : Matrix.rowVector(Array.from(expected));
  if (a.rows !== e.rows || a.columns !== e.columns) {
    throw new Error(`${what}: shape [${a.rows}, ${a.columns}], expected [${e.rows}, ${e.columns}]`);
  }
  let scale = 0;
  for (let i = 0; i < e.rows; i++) {
    for (let j = 0; j < e.columns; j++) scale = Math.max(scale, Math.abs(e.get(i, j)));
  }
  const bound = tol.abs + tol.rel * scale;
  let worst = { i: 0, j: 0, err: -1 };
  for (let i = 0; i < e.rows; i++) {
    for (let j = 0; j < e.columns; j++) {
      const err = Math.abs(a.get(i, j) - e.get(i, j));
      if (!(err <= worst.err)) worst = { i, j, err };
    }
  }
  if (worst.err > bound || Number.isNaN(worst.err)) {
    const { i, j, err } = worst;
    throw new Error(
      `${what}: entry (${i}, ${j}) is ${a.get(i, j)}, expected ${e.get(i, j)} ` +
        `(abs error ${err.toExponential(3)}, rel error to the matrix scale ${scale.toExponential(3)}: ` +
        `${(err / scale).toExponential(3)}; tolerance abs ${tol.abs} + rel ${tol.rel})`,
    );
  }
}
