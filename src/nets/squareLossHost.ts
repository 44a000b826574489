import type { Matrix } from "ml-matrix";

/**
 * Square loss L_S = (1/N) Σ_n ‖f(x_n) − y_n‖² (mean over samples, sum over outputs; CLAIMS.md)
 * of outputs `Matrix [N, C]` against row-major targets `[N, C]`, in float64.
 */
export function squareLossHost(outputs: Matrix, targets: Float32Array | Float64Array): number {
  const { rows, columns } = outputs;
  if (targets.length !== rows * columns) {
    throw new Error(
      `squareLossHost: targets has length ${targets.length}; expected N × C = ${rows} × ${columns} = ${rows * columns}`,
    );
  }
  let sum = 0;
  for (let n = 0; n < rows; n++) {
    for (let c = 0; c < columns; c++) {
      const r = outputs.get(n, c) - targets[n * columns + c]!;
      sum += r * r;
    }
  }
  return sum / rows;
}
