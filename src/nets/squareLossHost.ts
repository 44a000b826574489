import type { Matrix } from "ml-matrix";
import { assertFiniteNumbers, assertMatrix, shapeOf } from "../linalg/validate.ts";

/**
 * Square loss L_S = (1/N) Σ_n ‖f(x_n) − y_n‖² (mean over samples, sum over outputs; CLAIMS.md)
 * of outputs `Matrix [N, C]` against row-major targets `[N, C]`, in float64. Non-finite outputs
 * (a diverged network) give a non-finite loss; non-finite targets are an error.
 */
export function squareLossHost(outputs: Matrix, targets: Float32Array | Float64Array): number {
  assertMatrix("squareLossHost", "outputs", outputs);
  const { rows, columns } = outputs;
  if (rows < 1) {
    throw new Error(`squareLossHost: outputs has shape ${shapeOf(outputs)}; expected [N, C] with N ≥ 1 (the loss is a mean over samples)`);
  }
  assertFiniteNumbers("squareLossHost", "targets", targets, rows * columns, `N × C = ${rows} × ${columns} = ${rows * columns}`);
  let sum = 0;
  for (let n = 0; n < rows; n++) {
    for (let c = 0; c < columns; c++) {
      const r = outputs.get(n, c) - targets[n * columns + c]!;
      sum += r * r;
    }
  }
  return sum / rows;
}
