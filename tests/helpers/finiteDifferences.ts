import { Matrix } from "ml-matrix";

/** Central finite differences (step h, float64) of a scalar function of a list of matrices. */
export function numericGradient(f: (weights: Matrix[]) => number, weights: Matrix[], h = 1e-6): Matrix[] {
  return weights.map((w, k) => {
    const g = new Matrix(w.rows, w.columns);
    for (let i = 0; i < w.rows; i++) {
      for (let j = 0; j < w.columns; j++) {
        const plus = weights.map((m) => m.clone());
        const minus = weights.map((m) => m.clone());
        plus[k]!.set(i, j, w.get(i, j) + h);
        minus[k]!.set(i, j, w.get(i, j) - h);
        g.set(i, j, (f(plus) - f(minus)) / (2 * h));
      }
    }
    return g;
  });
}

/** ‖a − b‖_F / ‖b‖_F. */
export function relativeDifference(a: Matrix, b: Matrix): number {
  return a.clone().sub(b).norm() / Math.max(b.norm(), 1e-30);
}
