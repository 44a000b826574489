import { Matrix } from "ml-matrix";
import { centredOf, checkLabelledFeatures, meansOf } from "./labelledFeatures.ts";

/**
 * Between-class covariance `Σ_B = (1/C) Σ_c (μ_c − μ_G)(μ_c − μ_G)ᵀ`, `[p, p]`, with `μ_G` the
 * mean of the class means (CLAIMS.md, "Conventions"). Symmetric positive semi-definite of rank
 * ≤ min(C − 1, p): the centred means sum to zero.
 *
 * This forms the `p × p` matrix; it exists for tests and references (`nc1` uses the `C × p`
 * centred means instead).
 *
 * @param features `[N, p]`, one sample per row
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   betweenClassCovariance(new Matrix([[-1], [1], [4], [6]]), [0, 0, 1, 1], 2).to2DArray() // => [[6.25]]
 * @throws on mismatched shapes, bad labels, an empty class, a non-finite feature, or classes < 2.
 */
export function betweenClassCovariance(features: Matrix, labels: ArrayLike<number>, classes: number): Matrix {
  const data = checkLabelledFeatures("betweenClassCovariance", features, labels, classes);
  const p = data.p;
  const centred = centredOf(meansOf(data), classes, p);
  const out = new Matrix(p, p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let c = 0; c < classes; c++) s += (centred[c * p + a] as number) * (centred[c * p + b] as number);
      out.set(a, b, s / classes);
    }
  }
  return out;
}
