import { Matrix } from "ml-matrix";
import { shapeOf, toRowMajor } from "../linalg/validate.ts";
import { globalMeanOf } from "./labelledFeatures.ts";

/**
 * Global mean of the NC metrics, `μ_G = (1/C) Σ_c μ_c`: the mean of the class means (CLAIMS.md,
 * "Conventions"), `[p]`. Equal to the sample mean only for balanced classes.
 *
 * @param means `[C, p]`, class means as rows (`classMeans`), C ≥ 1
 * @example
 *   Array.from(globalMean(new Matrix([[1, 0], [0, 4]]))) // => [0.5, 2]
 * @throws if `means` is not a matrix with at least one row, or has a non-finite entry.
 */
export function globalMean(means: Matrix): Float64Array {
  const data = toRowMajor("globalMean", "means", means);
  if (means.rows === 0) {
    throw new Error(`globalMean: means has shape ${shapeOf(means)}; expected [C, p] with C ≥ 1 class means`);
  }
  return globalMeanOf(data, means.rows, means.columns);
}
