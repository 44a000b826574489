import { Matrix } from "ml-matrix";
import { checkLabelledFeatures, matrixFromRowMajor, meansOf } from "./labelledFeatures.ts";

/**
 * Class means `μ_c = (1/N_c) Σ_{n : y_n = c} h_n`, as the rows of `M [C, p]`.
 *
 * @param features `[N, p]`, one sample `h_n` per row (penultimate-layer activations)
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 *
 * The global mean of the NC metrics is the mean of these rows (`globalMean`), not the mean of the
 * samples: the two differ when the classes are unbalanced.
 *
 * @example
 *   classMeans(new Matrix([[0, 0], [2, 0], [0, 4]]), [0, 0, 1], 2).to2DArray() // => [[1, 0], [0, 4]]
 * @throws on mismatched shapes, labels out of range or not integers, an empty class, a non-finite
 *   feature, or classes < 2.
 */
export function classMeans(features: Matrix, labels: ArrayLike<number>, classes: number): Matrix {
  const data = checkLabelledFeatures("classMeans", features, labels, classes);
  return matrixFromRowMajor(meansOf(data), classes, data.p);
}
