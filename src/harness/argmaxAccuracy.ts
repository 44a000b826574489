/**
 * The accuracy of one-hot outputs: the fraction of rows whose largest output is the sample's label.
 */
import type { Matrix } from "ml-matrix";

/**
 * `#{n : argmax_c outputs[n, c] = labels[n]} / N` for outputs `[N, C]` and labels `[N]` (ties: the
 * first largest column, `Matrix.maxRowIndex`).
 * @example argmaxAccuracy(new Matrix([[0.9, 0.1], [0.2, 0.8]]), Int32Array.of(0, 0)); // 0.5
 */
export function argmaxAccuracy(outputs: Matrix, labels: Int32Array): number {
  let hits = 0;
  for (let n = 0; n < outputs.rows; n++) if (outputs.maxRowIndex(n)[1] === labels[n]) hits++;
  return hits / outputs.rows;
}
