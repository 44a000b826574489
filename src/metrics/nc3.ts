import { Matrix } from "ml-matrix";
import { centredOf, checkClassifier, checkLabelledFeatures, meansOf } from "./labelledFeatures.ts";

/** Result of `nc3`: distances between the normalised classifier and the normalised means. */
export interface Nc3Result {
  /** `‖Wᵀ/‖W‖_F − M/‖M‖_F‖_F` with `M [p, C]` the class means `μ_c` as columns. */
  readonly uncentred: number;
  /** The same with the centred means `μ_c − μ_G` as columns. */
  readonly centred: number;
}

/**
 * NC3, self-duality of the last layer and the class means (Papyan, Han & Donoho 2020; CLAIMS.md
 * "Conventions"):
 *
 *   `NC3 = ‖Wᵀ/‖W‖_F − M/‖M‖_F‖_F`, `W [C, p]` the last-layer weights, `M [p, C]` the class means
 *   as columns,
 *
 * in two variants: `uncentred` (`M = [μ_c]`) and `centred` (`M = [μ_c − μ_G]`). Each lies in
 * `[0, 2]` and is 0 exactly when `Wᵀ` is a positive multiple of `M`.
 *
 * Which variant the theory predicts: the networks here have no bias in the last layer, so the
 * square-loss optimum maps each class mean `μ_c` to (a multiple of) the one-hot target `e_c`
 * without any offset to absorb `μ_G`; at collapse the rows of W then align with the **uncentred**
 * means, which form an orthogonal frame (whose centred version is a simplex ETF). The claim specs
 * assert `uncentred`; `centred` is the usual definition for networks with a last-layer bias and is
 * reported alongside.
 *
 * Invariant under a joint rotation of classifier and features (`W → W Q`, `h → Qᵀ h`, i.e.
 * `H → H Q` for row samples) and under positive scalings of W and of the features.
 *
 * Degenerate cases: `W = 0` makes both NaN; all class means zero makes `uncentred` NaN; all class
 * means equal makes `centred` NaN.
 *
 * @param classifier `W [C, p]`, one row per class
 * @param features `[N, p]`, one sample per row
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   nc3(Matrix.eye(2), Matrix.eye(2), [0, 1], 2).uncentred // => 0
 *   nc3(Matrix.eye(2).mul(-1), Matrix.eye(2), [0, 1], 2).uncentred // => 2
 * @throws on mismatched shapes (including the classifier's), bad labels, an empty class,
 *   non-finite entries, or classes < 2.
 */
export function nc3(
  classifier: Matrix,
  features: Matrix,
  labels: ArrayLike<number>,
  classes: number,
): Nc3Result {
  const data = checkLabelledFeatures("nc3", features, labels, classes);
  const w = checkClassifier("nc3", classifier, classes, data.p);
  return nc3Core(w, meansOf(data), classes, data.p);
}

/** `‖a/‖a‖ − b/‖b‖‖` for flat arrays of equal length; NaN if either is zero. */
function normalisedDistance(a: Float64Array, b: Float64Array): number {
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  na = Math.sqrt(na);
  nb = Math.sqrt(nb);
  if (na === 0 || nb === 0) return Number.NaN;
  let sq = 0;
  for (let i = 0; i < a.length; i++) sq += ((a[i] as number) / na - (b[i] as number) / nb) ** 2;
  return Math.sqrt(sq);
}

/**
 * @internal NC3 of a row-major classifier `[C, p]` and row-major class means `[C, p]`.
 * `Wᵀ[j, c] = W[c, j]` and `M[j, c] = μ_c[j]`, so both norms compare `W` and the means row-major.
 */
export function nc3Core(
  classifier: Float64Array,
  means: Float64Array,
  classes: number,
  p: number,
): Nc3Result {
  return {
    uncentred: normalisedDistance(classifier, means),
    centred: normalisedDistance(classifier, centredOf(means, classes, p)),
  };
}
