import { describeValue } from "../linalg/validate.ts";

/**
 * Spread of the normalised margins (CLAIMS N2, "the margins become nearly equal"): the relative
 * distance of the margin vector from the nearest constant vector,
 *
 *   spread = ‖ȳ − mean(ȳ) 1‖ / ‖ȳ‖ = std(ȳ) / rms(ȳ) ∈ [0, 1],
 *
 * 0 when all margins are equal, ≈ 1 when they scatter around 0 (a random network). Scale-free, so
 * `ρ ȳ` and `ȳ` have the same spread.
 *
 * Degenerate case: all margins 0 (no direction) gives NaN.
 *
 * @param margins `[N]`, e.g. `targetMargins(outputs, targets)`
 * @example
 *   marginSpread([2, 2, 2]) // => 0
 *   marginSpread([1, -1]) // => 1
 *   marginSpread([3, 1]) // => Math.sqrt(1 / 5)
 * @throws if `margins` is empty or has a non-finite entry.
 */
export function marginSpread(margins: ArrayLike<number>): number {
  if (margins === null || typeof margins !== "object" || typeof margins.length !== "number" || margins.length === 0) {
    throw new Error(`marginSpread: margins is ${describeValue(margins)}; expected a non-empty array of margins`);
  }
  const n = margins.length;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const m = margins[i] as number;
    if (!Number.isFinite(m)) throw new Error(`marginSpread: margins[${i}] = ${m}; expected finite numbers`);
    maxAbs = Math.max(maxAbs, Math.abs(m));
  }
  if (maxAbs === 0) return Number.NaN;
  // Scaled by max |ȳ_n| (the spread is scale-free), so tiny or huge margins neither under- nor overflow.
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (margins[i] as number) / maxAbs / n;
  let dev = 0;
  let all = 0;
  for (let i = 0; i < n; i++) {
    const m = (margins[i] as number) / maxAbs;
    dev += (m - mean) ** 2;
    all += m * m;
  }
  return Math.min(1, Math.sqrt(dev / all));
}
