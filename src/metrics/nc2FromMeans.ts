import { Matrix } from "ml-matrix";
import { shapeOf, toRowMajor } from "../linalg/validate.ts";
import { centredOf } from "./labelledFeatures.ts";

/** Result of `nc2` / `nc2FromMeans`: distances of the centred class means from a simplex ETF. */
export interface Nc2Result {
  /** `std_c ‖μ̃_c‖ / mean_c ‖μ̃_c‖` (population std, divisor C); 0 when all norms are equal. */
  readonly equinorm: number;
  /**
   * Mean over the unordered pairs `c < c′` (equal to the mean over ordered pairs) of
   * `|cos(μ̃_c, μ̃_c′) + 1/(C−1)|`; 0 when all pairwise cosines are `−1/(C−1)`.
   */
  readonly equiangularity: number;
  /**
   * `‖G/‖G‖_F − (I − 11ᵀ/C)/√(C−1)‖_F` with `G_{cc′} = ⟨μ̃_c, μ̃_c′⟩` the `C × C` Gram matrix of the
   * centred means; 0 exactly for a simplex ETF (of any scale and orientation), at most 2.
   */
  readonly etfDistance: number;
}

/**
 * NC2 (convergence of the centred class means to a simplex equiangular tight frame; Papyan, Han
 * & Donoho 2020; CLAIMS.md "Conventions") from the class means `M [C, p]` (rows `μ_c`). With
 * `μ_G = (1/C) Σ_c μ_c` and `μ̃_c = μ_c − μ_G`:
 *
 * - `equinorm = std_c ‖μ̃_c‖ / mean_c ‖μ̃_c‖` (population standard deviation);
 * - `equiangularity = mean_{c < c′} |cos(μ̃_c, μ̃_c′) + 1/(C−1)|`;
 * - `etfDistance = ‖G/‖G‖_F − (I − 11ᵀ/C)/√(C−1)‖_F`, `G = M̃ M̃ᵀ` (`M̃` with rows `μ̃_c`; the
 *   claims' `M̃ᵀM̃` with the means as columns). `(I − 11ᵀ/C)/√(C−1)` is the unit-norm Gram matrix
 *   of a simplex ETF.
 *
 * All three are invariant under rotations, translations and positive scalings of the means, and
 * under relabelling the classes. For C = 2 the centred means are always antipodal, so
 * `equiangularity = etfDistance = 0`.
 *
 * Degenerate cases (values are NaN, so any "≤ tolerance" check fails): all centred means zero
 * (all class means equal) makes all three NaN; a single zero centred mean makes `equiangularity`
 * NaN (its cosines are undefined).
 *
 * @param means `[C, p]`, class means as rows (`classMeans`), C ≥ 2, p ≥ 1
 * @example
 *   nc2FromMeans(Matrix.eye(3)).etfDistance // => 0
 *   nc2FromMeans(new Matrix([[-1], [1], [-3], [3]])).equinorm // => 0.5
 * @throws if `means` is not a matrix with at least 2 rows and 1 column, or has a non-finite entry.
 */
export function nc2FromMeans(means: Matrix): Nc2Result {
  const data = toRowMajor("nc2FromMeans", "means", means);
  if (means.rows < 2 || means.columns < 1) {
    throw new Error(
      `nc2FromMeans: means has shape ${shapeOf(means)}; expected [C, p] with C ≥ 2 class means and p ≥ 1`,
    );
  }
  return nc2Core(data, means.rows, means.columns);
}

/** @internal NC2 of row-major class means `[C, p]`. */
export function nc2Core(means: Float64Array, classes: number, p: number): Nc2Result {
  const centred = centredOf(means, classes, p);
  const gram = new Float64Array(classes * classes);
  for (let a = 0; a < classes; a++) {
    for (let b = a; b < classes; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += (centred[a * p + j] as number) * (centred[b * p + j] as number);
      gram[a * classes + b] = s;
      gram[b * classes + a] = s;
    }
  }
  const norms = new Float64Array(classes);
  for (let c = 0; c < classes; c++) norms[c] = Math.sqrt(gram[c * classes + c] as number);

  let meanNorm = 0;
  for (let c = 0; c < classes; c++) meanNorm += norms[c] as number;
  meanNorm /= classes;
  let variance = 0;
  for (let c = 0; c < classes; c++) variance += ((norms[c] as number) - meanNorm) ** 2;
  variance /= classes;
  const equinorm = meanNorm === 0 ? Number.NaN : Math.sqrt(variance) / meanNorm;

  const target = 1 / (classes - 1);
  let angleSum = 0;
  for (let a = 0; a < classes; a++) {
    for (let b = a + 1; b < classes; b++) {
      const denominator = (norms[a] as number) * (norms[b] as number);
      const cos = denominator === 0 ? Number.NaN : (gram[a * classes + b] as number) / denominator;
      angleSum += Math.abs(cos + target);
    }
  }
  const equiangularity = angleSum / ((classes * (classes - 1)) / 2);

  let gramNormSq = 0;
  for (let i = 0; i < gram.length; i++) gramNormSq += (gram[i] as number) ** 2;
  const gramNorm = Math.sqrt(gramNormSq);
  let etfDistance = Number.NaN;
  if (gramNorm > 0) {
    const scale = 1 / Math.sqrt(classes - 1);
    let sq = 0;
    for (let a = 0; a < classes; a++) {
      for (let b = 0; b < classes; b++) {
        const etf = ((a === b ? 1 : 0) - 1 / classes) * scale;
        sq += ((gram[a * classes + b] as number) / gramNorm - etf) ** 2;
      }
    }
    etfDistance = Math.sqrt(sq);
  }
  return { equinorm, equiangularity, etfDistance };
}
