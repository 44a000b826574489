import { Matrix } from "ml-matrix";
import { checkLabelledFeatures, meansOf, type LabelledFeatures } from "./labelledFeatures.ts";

/** Result of `cdnv`. */
export interface CdnvResult {
  /** Mean of `CDNV(c, c′)` over the `C(C−1)/2` unordered pairs `c < c′` (the headline number). */
  readonly mean: number;
  /** Largest pairwise `CDNV(c, c′)`. */
  readonly max: number;
  /** `[C, C]`, symmetric: entry `(c, c′)` is `CDNV(c, c′)`; the diagonal is 0 (unused). */
  readonly pairwise: Matrix;
}

/**
 * Class-distance normalised variance (Galanti, György & Hutter 2022, "On the role of neural
 * collapse in transfer learning"): for classes `c ≠ c′`,
 *
 *   `CDNV(c, c′) = (Var_c + Var_c′) / (2 ‖μ_c − μ_c′‖²)`,  `Var_c = (1/N_c) Σ_{y_n = c} ‖h_n − μ_c‖²`.
 *
 * Returns the pairwise values with their mean and maximum over pairs. CDNV ≥ 0, invariant under
 * rotations, translations and scalings of the features; 0 when every class is collapsed to its mean.
 *
 * Degenerate case: a pair with coinciding means (`μ_c = μ_c′`) has `CDNV = +∞`, whatever the
 * variances (the two classes cannot be told apart by their means), and so do `mean` and `max`.
 *
 * @param features `[N, p]`, one sample per row
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   cdnv(new Matrix([[-1.5], [-0.5], [0.5], [1.5]]), [0, 0, 1, 1], 2).mean // => 0.0625
 * @throws on mismatched shapes, bad labels, an empty class, a non-finite feature, or classes < 2.
 */
export function cdnv(features: Matrix, labels: ArrayLike<number>, classes: number): CdnvResult {
  const data = checkLabelledFeatures("cdnv", features, labels, classes);
  return cdnvCore(data, meansOf(data));
}

/** @internal CDNV of validated features with their class means (row-major `[C, p]`). */
export function cdnvCore(data: LabelledFeatures, means: Float64Array): CdnvResult {
  const { n, p, classes, h, y, counts } = data;
  const variance = new Float64Array(classes);
  for (let k = 0; k < n; k++) {
    const c = y[k] as number;
    const oc = c * p;
    const oh = k * p;
    let sq = 0;
    for (let j = 0; j < p; j++) {
      const d = (h[oh + j] as number) - (means[oc + j] as number);
      sq += d * d;
    }
    variance[c] = (variance[c] as number) + sq;
  }
  for (let c = 0; c < classes; c++) variance[c] = (variance[c] as number) / (counts[c] as number);

  const pairwise = new Matrix(classes, classes);
  let sum = 0;
  let max = 0;
  for (let a = 0; a < classes; a++) {
    for (let b = a + 1; b < classes; b++) {
      let dist = 0;
      for (let j = 0; j < p; j++) {
        const d = (means[a * p + j] as number) - (means[b * p + j] as number);
        dist += d * d;
      }
      const spread = (variance[a] as number) + (variance[b] as number);
      const value = dist === 0 ? Number.POSITIVE_INFINITY : spread / (2 * dist);
      pairwise.set(a, b, value);
      pairwise.set(b, a, value);
      sum += value;
      if (value > max) max = value;
    }
  }
  return { mean: sum / ((classes * (classes - 1)) / 2), max, pairwise };
}
