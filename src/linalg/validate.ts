/**
 * Argument checks shared by the host-side linear algebra and the metrics (internal; not
 * re-exported). Every message names the public function, the argument, the value received and
 * what was expected, e.g.
 *   `singularValues: a has a non-finite entry NaN at row 3, column 1; expected finite numbers`.
 */
import { Matrix } from "ml-matrix";

/** `[rows, columns]` of a matrix, for error messages. */
export function shapeOf(a: Matrix): string {
  return `[${a.rows}, ${a.columns}]`;
}

/** Describes an arbitrary received value briefly, for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value)})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Throws unless `a` is an ml-matrix matrix. */
export function assertMatrix(fn: string, arg: string, a: unknown): asserts a is Matrix {
  if (!Matrix.isMatrix(a)) {
    throw new Error(`${fn}: ${arg} is ${describeValue(a)}; expected an ml-matrix Matrix`);
  }
}

/**
 * Copies `a` into a row-major `Float64Array` (`out[i * columns + j] = a[i, j]`), throwing if `a` is
 * not a matrix or has a non-finite entry.
 */
export function toRowMajor(fn: string, arg: string, a: unknown): Float64Array {
  assertMatrix(fn, arg, a);
  const rows = a.rows;
  const cols = a.columns;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = a.getRow(i);
    const offset = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) {
        throw new Error(
          `${fn}: ${arg} has a non-finite entry ${v} at row ${i}, column ${j}; expected finite numbers`,
        );
      }
      out[offset + j] = v;
    }
  }
  return out;
}

/**
 * Copies `a` into a column-major `Float64Array` (`out[j * rows + i] = a[i, j]`), throwing if `a` is
 * not a matrix or has a non-finite entry.
 */
export function toColumnMajor(fn: string, arg: string, a: unknown): Float64Array {
  assertMatrix(fn, arg, a);
  const rows = a.rows;
  const cols = a.columns;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = a.getRow(i);
    for (let j = 0; j < cols; j++) {
      const v = row[j] as number;
      if (!Number.isFinite(v)) {
        throw new Error(
          `${fn}: ${arg} has a non-finite entry ${v} at row ${i}, column ${j}; expected finite numbers`,
        );
      }
      out[j * rows + i] = v;
    }
  }
  return out;
}

/** Throws unless `a` is a matrix with finite entries. */
export function assertFiniteMatrix(fn: string, arg: string, a: unknown): asserts a is Matrix {
  toRowMajor(fn, arg, a);
}

/** Throws unless `value` is a finite number `≥ 0`. */
export function assertNonNegative(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new Error(`${fn}: ${arg} is ${describeValue(value)}; expected a finite number ≥ 0`);
  }
}
