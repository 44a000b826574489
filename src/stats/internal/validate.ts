/**
 * Argument checks shared by the `stats` modules. Every message names the public function, the
 * argument, the value received and what was expected, e.g.
 *   `meanBelow: alpha = 1.5 is outside (0, 0.5]`.
 * Non-finite *measurements* are not argument errors: the decision rules report them as
 * inconclusive (see `nonFinite.ts`). Non-finite *parameters* (α, thresholds, df) are.
 */

/** A short rendering of a received value for an error message. */
export function show(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return String(value);
}

/**
 * Throws "<fn>: <arg> = <value> <expected>": a RangeError for a number (or, with `range`, any
 * value of the right type but unusable content), a TypeError otherwise.
 */
export function fail(fn: string, arg: string, value: unknown, expected: string, range = typeof value === "number"): never {
  const message = `${fn}: ${arg} = ${show(value)} ${expected}`;
  throw range ? new RangeError(message) : new TypeError(message);
}

export function checkNumber(fn: string, arg: string, value: unknown): asserts value is number {
  if (typeof value !== "number") fail(fn, arg, value, "is not a number");
}

export function checkFinite(fn: string, arg: string, value: unknown): asserts value is number {
  checkNumber(fn, arg, value);
  if (!Number.isFinite(value)) fail(fn, arg, value, "is not finite (expected a finite number)");
}

/** α of a one-sided rule: (0, 0.5], so that the 1 − α bound lies on the predicted side. */
export function checkAlpha(fn: string, alpha: unknown): asserts alpha is number {
  checkNumber(fn, "alpha", alpha);
  if (!(alpha > 0 && alpha <= 0.5)) fail(fn, "alpha", alpha, "is outside (0, 0.5]");
}

/** A probability strictly inside (0, 1). */
export function checkOpenProbability(fn: string, arg: string, p: unknown): asserts p is number {
  checkNumber(fn, arg, p);
  if (!(p > 0 && p < 1)) fail(fn, arg, p, "is outside (0, 1)");
}

/** A probability in [0, 1]. */
export function checkProbability(fn: string, arg: string, p: unknown): asserts p is number {
  checkNumber(fn, arg, p);
  if (!(p >= 0 && p <= 1)) fail(fn, arg, p, "is outside [0, 1]");
}

/** A finite number > 0. */
export function checkPositive(fn: string, arg: string, value: unknown): asserts value is number {
  checkNumber(fn, arg, value);
  if (!(value > 0 && Number.isFinite(value))) fail(fn, arg, value, "is not a finite positive number (expected > 0)");
}

export function checkInteger(fn: string, arg: string, value: unknown): asserts value is number {
  checkNumber(fn, arg, value);
  if (!Number.isSafeInteger(value)) fail(fn, arg, value, "is not an integer");
}

/** An integer in [min, max] (both inclusive). */
export function checkIntegerIn(
  fn: string,
  arg: string,
  value: unknown,
  min: number,
  max: number,
  maxName = String(max),
): asserts value is number {
  checkInteger(fn, arg, value);
  if (value < min || value > max) fail(fn, arg, value, `is outside [${min}, ${maxName}]`);
}

/** An array of numbers (NaN and ±Infinity allowed: the rules treat them as inconclusive). */
export function checkNumberArray(fn: string, arg: string, values: unknown): asserts values is readonly number[] {
  if (!Array.isArray(values)) fail(fn, arg, values, "is not an array of numbers");
  values.forEach((v, i) => {
    if (typeof v !== "number") fail(fn, `${arg}[${i}]`, v, "is not a number");
  });
}

/** Per-run outcomes: `true`, `false`, or `null` for a run that could not be judged (it diverged). */
export function checkOutcomeArray(fn: string, arg: string, values: unknown): asserts values is readonly (boolean | null)[] {
  if (!Array.isArray(values)) fail(fn, arg, values, "is not an array of booleans (null for a diverged run)");
  values.forEach((v, i) => {
    if (typeof v !== "boolean" && v !== null) fail(fn, `${arg}[${i}]`, v, "is not a boolean (or null for a diverged run)");
  });
}

export function checkSameLength(
  fn: string,
  aName: string,
  a: readonly unknown[],
  bName: string,
  b: readonly unknown[],
): void {
  if (a.length !== b.length) {
    throw new RangeError(
      `${fn}: ${aName} and ${bName} have lengths ${a.length} and ${b.length} (expected equal lengths: one value per seed)`,
    );
  }
}

export function checkLabel(fn: string, arg: string, label: unknown): asserts label is string {
  if (typeof label !== "string" || label.trim() === "") fail(fn, arg, label, "is not a non-empty string");
}

/** Names of the two conditions of a paired rule, e.g. ["λ = 5e-4", "λ = 0"]. */
export function checkNames(fn: string, names: unknown): asserts names is [string, string] {
  if (!Array.isArray(names) || names.length !== 2) fail(fn, "names", names, "is not a pair of names");
  checkLabel(fn, "names[0]", names[0]);
  checkLabel(fn, "names[1]", names[1]);
}

/** The options argument, when given, must be a plain object. */
export function checkOptions(fn: string, options: unknown): asserts options is object | undefined {
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
    fail(fn, "options", options, "is not an options object");
  }
}
