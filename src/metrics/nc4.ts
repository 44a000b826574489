import { Matrix } from "ml-matrix";
import {
  checkClassifier,
  checkLabelledFeatures,
  meansOf,
  type LabelledFeatures,
} from "./labelledFeatures.ts";

/**
 * NC4, convergence to the nearest-class-centre rule (Papyan, Han & Donoho 2020; CLAIMS.md
 * "Conventions"): the fraction of samples on which the network's decision and the
 * nearest-class-mean decision disagree,
 *
 *   `NC4 = (1/N) #{n : argmax_c (W h_n)_c ≠ argmin_c ‖h_n − μ_c‖}`,  in `[0, 1]`.
 *
 * Ties (equal logits, or equidistant means) go to the lowest class index in both argmax and argmin.
 * Distances are computed as `Σ_j (h_j − μ_cj)²` (not `‖h‖² − 2h·μ + ‖μ‖²`), so a sample exactly at a
 * mean is exactly at distance 0. Invariant under rotations of features and classifier together,
 * and under positive scalings of W.
 *
 * @param classifier `W [C, p]`, one row per class
 * @param features `[N, p]`, one sample per row
 * @param labels `[N]`, integers in `[0, classes)` (used for the class means only)
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   nc4(new Matrix([[0, -1], [0, 1]]), new Matrix([[-1, 1], [1, -1], [3, 1], [5, -1]]), [0, 0, 1, 1], 2) // => 0.5
 * @throws on mismatched shapes (including the classifier's), bad labels, an empty class,
 *   non-finite entries, or classes < 2.
 */
export function nc4(
  classifier: Matrix,
  features: Matrix,
  labels: ArrayLike<number>,
  classes: number,
): number {
  const data = checkLabelledFeatures("nc4", features, labels, classes);
  const w = checkClassifier("nc4", classifier, classes, data.p);
  return nc4Core(data, w, meansOf(data));
}

/** @internal NC4 of validated features, a row-major classifier `[C, p]` and class means `[C, p]`. */
export function nc4Core(data: LabelledFeatures, classifier: Float64Array, means: Float64Array): number {
  const { n, p, classes, h } = data;
  let mismatches = 0;
  for (let k = 0; k < n; k++) {
    const oh = k * p;
    let best = 0;
    let bestLogit = Number.NEGATIVE_INFINITY;
    let nearest = 0;
    let nearestDist = Number.POSITIVE_INFINITY;
    for (let c = 0; c < classes; c++) {
      const oc = c * p;
      let logit = 0;
      let dist = 0;
      for (let j = 0; j < p; j++) {
        const x = h[oh + j] as number;
        logit += (classifier[oc + j] as number) * x;
        const d = x - (means[oc + j] as number);
        dist += d * d;
      }
      if (logit > bestLogit) {
        bestLogit = logit;
        best = c;
      }
      if (dist < nearestDist) {
        nearestDist = dist;
        nearest = c;
      }
    }
    if (best !== nearest) mismatches++;
  }
  return mismatches / n;
}
