import { Matrix } from "ml-matrix";
import { shapeOf, toRowMajor } from "../linalg/validate.ts";

/**
 * Distance of the **uncentred** class means `M [C, p]` (rows `μ_c`) from an orthogonal frame of
 * equal norms: `‖G/‖G‖_F − I/√C‖_F` with `G = M Mᵀ` (`G_{cc′} = ⟨μ_c, μ_c′⟩`). 0 exactly when the
 * means are orthogonal with equal norms (any scale and rotation); at most 2.
 *
 * Why uncentred: with a bias-free last layer the square-loss optimum maps `μ_c` to (a multiple of)
 * `e_c`, so the prediction is an orthogonal equinorm frame of the uncentred means, whose centred
 * version is the simplex ETF (CLAIMS.md "Conventions", NC3). Unlike the centred ETF distance, it is
 * far from 0 at initialisation for every seed: ReLU features are non-negative, so random class
 * means share a large common direction (cosines ≈ 0.8–1), while three random centred means can sit
 * close to a simplex by chance.
 *
 * Degenerate case: all means zero gives NaN.
 * @param means `[C, p]`, C ≥ 2
 * @example
 *   orthogonalFrameDistance(Matrix.eye(3).mul(2)) // => 0
 * @throws if `means` is not a matrix with ≥ 2 rows and ≥ 1 column, or has a non-finite entry.
 */
export function orthogonalFrameDistance(means: Matrix): number {
  const data = toRowMajor("orthogonalFrameDistance", "means", means);
  const C = means.rows;
  const p = means.columns;
  if (C < 2 || p < 1) {
    throw new Error(`orthogonalFrameDistance: means has shape ${shapeOf(means)}; expected [C, p] with C ≥ 2 class means and p ≥ 1`);
  }
  const gram = new Float64Array(C * C);
  for (let a = 0; a < C; a++) {
    for (let b = a; b < C; b++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += data[a * p + j]! * data[b * p + j]!;
      gram[a * C + b] = s;
      gram[b * C + a] = s;
    }
  }
  const norm = Math.sqrt(gram.reduce((acc, g) => acc + g * g, 0));
  const unit = 1 / Math.sqrt(C);
  let d = 0;
  for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) d += (gram[a * C + b]! / norm - (a === b ? unit : 0)) ** 2;
  return Math.sqrt(d);
}
