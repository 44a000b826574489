import { Matrix } from "ml-matrix";
import { toRowMajor } from "./validate.ts";

/**
 * Frobenius norm `‖a‖_F = √(Σ_ij a_ij²)` (= √(Σ_i σ_i²)) of `a [m, n]`.
 *
 * Degenerate cases: 0 for the zero matrix and for empty matrices.
 *
 * @example frobeniusNorm(new Matrix([[3, 0], [0, 4]])) // 5
 * @throws if `a` is not a matrix or has a non-finite entry.
 */
export function frobeniusNorm(a: Matrix): number {
  const data = toRowMajor("frobeniusNorm", "a", a);
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i] as number;
    sum += x * x;
  }
  return Math.sqrt(sum);
}
