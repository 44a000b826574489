import { Matrix } from "ml-matrix";
import { checkLabelledFeatures, meansOf } from "./labelledFeatures.ts";

/**
 * Within-class covariance `Σ_W = (1/N) Σ_n (h_n − μ_{y_n})(h_n − μ_{y_n})ᵀ`, `[p, p]`
 * (CLAIMS.md, "Conventions"; Papyan, Han & Donoho 2020). Symmetric positive semi-definite; zero
 * exactly when every sample sits at its class mean.
 *
 * This forms the `p × p` matrix; it exists for tests and references. `nc1` computes the same
 * quantity through projections without forming it.
 *
 * @param features `[N, p]`, one sample per row
 * @param labels `[N]`, integers in `[0, classes)`
 * @param classes C ≥ 2; every class must have at least one sample
 * @example
 *   withinClassCovariance(new Matrix([[-1], [1], [4], [6]]), [0, 0, 1, 1], 2).to2DArray() // => [[1]]
 * @throws on mismatched shapes, bad labels, an empty class, a non-finite feature, or classes < 2.
 */
export function withinClassCovariance(features: Matrix, labels: ArrayLike<number>, classes: number): Matrix {
  const data = checkLabelledFeatures("withinClassCovariance", features, labels, classes);
  const { n, p, h, y } = data;
  const means = meansOf(data);
  const sigma = new Float64Array(p * p);
  const r = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const oc = (y[i] as number) * p;
    for (let j = 0; j < p; j++) r[j] = (h[i * p + j] as number) - (means[oc + j] as number);
    for (let a = 0; a < p; a++) {
      const ra = r[a] as number;
      if (ra === 0) continue;
      for (let b = 0; b < p; b++) sigma[a * p + b] = (sigma[a * p + b] as number) + ra * (r[b] as number);
    }
  }
  const out = new Matrix(p, p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) out.set(a, b, (sigma[a * p + b] as number) / n);
  return out;
}
