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
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value) && "length" in value) {
    return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  }
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

/** Throws unless `a` is a matrix with finite entries (checked in place, without a copy). */
export function assertFiniteMatrix(fn: string, arg: string, a: unknown): asserts a is Matrix {
  assertMatrix(fn, arg, a);
  const rows = a.rows;
  const cols = a.columns;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = a.get(i, j);
      if (!Number.isFinite(v)) {
        throw new Error(
          `${fn}: ${arg} has a non-finite entry ${v} at row ${i}, column ${j}; expected finite numbers`,
        );
      }
    }
  }
}

/** Throws unless `value` is a finite number `≥ 0`. */
export function assertNonNegative(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new Error(`${fn}: ${arg} is ${describeValue(value)}; expected a finite number ≥ 0`);
  }
}

/** Throws unless `value` is a safe integer `≥ min`. */
export function assertInteger(fn: string, arg: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${fn}: ${arg} is ${describeValue(value)}; expected an integer ≥ ${min}`);
  }
}

/** Throws unless `value` is a finite number `> 0`. */
export function assertPositive(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${fn}: ${arg} is ${describeValue(value)}; expected a finite number > 0`);
  }
}

/** Throws unless `value` is an object (not null, not an array); `what` describes the expected shape. */
export function assertObject(fn: string, arg: string, value: unknown, what: string): asserts value is object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${fn}: ${arg} is ${describeValue(value)}; expected ${what}`);
  }
}

/**
 * Throws unless `values` is an array or typed array of finite numbers, of length `length` when
 * given (`lengthText` says where that length comes from, e.g. "N × C = 4 × 3 = 12").
 */
export function assertFiniteNumbers(
  fn: string,
  arg: string,
  values: unknown,
  length?: number,
  lengthText = String(length),
): asserts values is ArrayLike<number> {
  const arrayLike = Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
  if (!arrayLike) throw new Error(`${fn}: ${arg} is ${describeValue(values)}; expected an array of finite numbers`);
  const list = values as ArrayLike<unknown>;
  if (length !== undefined && list.length !== length) {
    throw new Error(`${fn}: ${arg} has length ${list.length}; expected ${lengthText}`);
  }
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new Error(`${fn}: ${arg}[${i}] is ${describeValue(v)}; expected finite numbers`);
    }
  }
}

/** Throws unless `list` is a non-empty array of ml-matrix matrices (with finite entries when `finite`). */
export function assertMatrixList(fn: string, arg: string, list: unknown, finite = false): asserts list is Matrix[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new Error(`${fn}: ${arg} is ${describeValue(list)}; expected a non-empty array of ml-matrix Matrix`);
  }
  list.forEach((m, k) => (finite ? assertFiniteMatrix(fn, `${arg}[${k}]`, m) : assertMatrix(fn, `${arg}[${k}]`, m)));
}
