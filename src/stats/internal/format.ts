/** Number formatting for rules and summaries (internal). */

/** `digits` significant digits; exponent notation outside [1e-3, 1e5); "NaN", "Infinity" as is. */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e5) return x.toPrecision(digits);
  return x.toExponential(digits - 1);
}

/**
 * Formats a bound and the threshold it is compared with, adding digits until they print
 * differently (so a summary never reads "-1.30 < -1.30"), unless they are equal.
 */
export function formatPair(a: number, b: number): [string, string] {
  for (let digits = 3; digits < 17; digits++) {
    const fa = formatNumber(a, digits);
    const fb = formatNumber(b, digits);
    if (fa !== fb || a === b) return [fa, fb];
  }
  return [formatNumber(a, 17), formatNumber(b, 17)];
}

/** "95%" for α = 0.05; "99.9%" for α = 0.001. */
export function confidencePercent(alpha: number): string {
  return `${Number((100 * (1 - alpha)).toPrecision(10))}%`;
}

/** A p-value: 2 significant digits, "< 1e-15" below that. */
export function formatP(p: number): string {
  return p < 1e-15 ? "< 1e-15" : `= ${formatNumber(p, 2)}`;
}

/** "[-2.31, -2.05, NaN]" with up to 4 significant digits. */
export function formatValues(values: readonly number[]): string {
  return `[${values.map((v) => formatConstant(v, 4)).join(", ")}]`;
}

/** A stated constant (threshold, p₀, α) or a raw value: up to `digits` significant digits, no trailing zeros. */
export function formatConstant(x: number, digits = 6): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x);
}
