import { Matrix } from "ml-matrix";
import { checkLabelledFeatures, meansOf } from "./labelledFeatures.ts";
import { nc2Core, type Nc2Result } from "./nc2FromMeans.ts";

/**
 * NC2 of labelled features: `nc2FromMeans(classMeans(features, labels, classes))` — equinorm,
 * equiangularity and distance to a simplex ETF of the centred class means `μ̃_c = μ_c − μ_G`
 * (formulas and degenerate cases in `nc2FromMeans`).
 *
 * @param features `[N, p]`, one sample per row
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   nc2(new Matrix([[1, 0], [0, 1], [1, 0]]), [0, 1, 0], 2).equiangularity // => 0
 * @throws on mismatched shapes, bad labels, an empty class, a non-finite feature, or classes < 2.
 */
export function nc2(features: Matrix, labels: ArrayLike<number>, classes: number): Nc2Result {
  const data = checkLabelledFeatures("nc2", features, labels, classes);
  return nc2Core(meansOf(data), classes, data.p);
}
