import { Matrix } from "ml-matrix";
import { assertFiniteMatrix, describeValue, shapeOf } from "../linalg/validate.ts";

/**
 * Relative change from `before` to `after`: `‖after − before‖_F / ‖before‖_F`.
 *
 * With one matrix each (a layer's weights W_t, W_{t+1}, or the training-set outputs F_t, F_{t+1}
 * `[N, C]`) this is the per-step relative change of CLAIMS S1, `‖W_{t+1} − W_t‖_F/‖W_t‖_F`. With an
 * array of matrices each (all layers of a network) the norms are over all entries together,
 * `√(Σ_k ‖A_k − B_k‖_F²) / √(Σ_k ‖B_k‖_F²)` — the relative change of the whole parameter vector.
 *
 * Scale-invariant (multiplying both by t ≠ 0 leaves it unchanged), 0 iff nothing changed.
 *
 * @example
 *   relativeChange(new Matrix([[3, 4]]), new Matrix([[3, 4.5]])) // => 0.1
 *   relativeChange([new Matrix([[1]]), new Matrix([[0]])], [new Matrix([[1]]), new Matrix([[1]])]) // => 1
 * @throws on mismatched counts or shapes, non-finite entries, or `before` all zero.
 */
export function relativeChange(before: Matrix | readonly Matrix[], after: Matrix | readonly Matrix[]): number {
  const a = Matrix.isMatrix(before) ? [before as Matrix] : (before as readonly Matrix[]);
  const b = Matrix.isMatrix(after) ? [after as Matrix] : (after as readonly Matrix[]);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length || a.length === 0) {
    throw new Error(
      `relativeChange: before is ${describeValue(before)} and after is ${describeValue(after)}; expected two matrices or two equally long non-empty arrays of matrices`,
    );
  }
  let diff = 0;
  let base = 0;
  a.forEach((m, k) => {
    const n = b[k]!;
    assertFiniteMatrix("relativeChange", `before[${k}]`, m);
    assertFiniteMatrix("relativeChange", `after[${k}]`, n);
    if (m.rows !== n.rows || m.columns !== n.columns) {
      throw new Error(`relativeChange: after[${k}] has shape ${shapeOf(n)}; expected the shape of before[${k}], ${shapeOf(m)}`);
    }
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.columns; j++) {
        const x = m.get(i, j);
        diff += (n.get(i, j) - x) ** 2;
        base += x * x;
      }
    }
  });
  if (base === 0) throw new Error("relativeChange: before is zero; expected a non-zero reference (the change is relative to it)");
  return Math.sqrt(diff / base);
}
