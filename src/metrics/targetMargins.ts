import { Matrix } from "ml-matrix";
import { scaleMoments } from "./scaleMoments.ts";

/**
 * Normalised margins `ȳ_n = ⟨y_n, f_n⟩`, n = 1..N (CLAIMS "Targets", N2), of the outputs
 * `f_n = f_V(x_n)` of a normalised network: for the binary ±1 view `ȳ_n = y_n f_V(x_n)`, for
 * one-hot targets the output at the sample's own class ("the fitted target coordinate"). The
 * network's own margins are `ρ ȳ_n`; an exact fit has `ρ ȳ_n = 1` for every n.
 *
 * @param outputs `[N, C]` (C = 1 for the binary view)
 * @param targets row-major `[N, C]` (`targetsFor(data, C)`)
 * @returns `Float64Array [N]`
 * @example
 *   Array.from(targetMargins(new Matrix([[0.5, 0.1], [0.2, 2]]), [1, 0, 0, 1])) // => [0.5, 2]
 *   Array.from(targetMargins(new Matrix([[0.5], [0.25]]), [1, -1])) // => [0.5, -0.25]
 * @throws as `scaleMoments` for a bad shape or length.
 */
export function targetMargins(outputs: Matrix, targets: ArrayLike<number>): Float64Array {
  scaleMoments(outputs, targets); // validates shapes and entries
  const n = outputs.rows;
  const c = outputs.columns;
  const margins = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < c; j++) m += (targets[i * c + j] as number) * outputs.get(i, j);
    margins[i] = m;
  }
  return margins;
}
