import { Matrix } from "ml-matrix";
import { toRowMajor } from "./validate.ts";

/**
 * Frobenius norm `‖a‖_F = √(Σ_ij a_ij²)` (= √(Σ_i σ_i²)) of `a [m, n]`.
 *
 * The sum is taken over the entries divided by `max |a_ij|`, so tiny (≈ 1e-170) or huge entries do
 * not under- or overflow when squared.
 *
 * Degenerate cases: 0 for the zero matrix and for empty matrices.
 *
 * @example
 *   frobeniusNorm(new Matrix([[3, 0], [0, 4]])) // => 5
 * @throws if `a` is not a matrix or has a non-finite entry.
 */
export function frobeniusNorm(a: Matrix): number {
  const data = toRowMajor("frobeniusNorm", "a", a);
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(data[i] as number));
  if (maxAbs === 0) return 0;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const x = (data[i] as number) / maxAbs;
    sum += x * x;
  }
  return maxAbs * Math.sqrt(sum);
}
