import { Matrix } from "ml-matrix";
import { assertFiniteMatrix, describeValue, shapeOf } from "../linalg/validate.ts";

/**
 * The three numbers through which the square loss of `ρ · f_V` depends on the scale ρ
 * (CLAIMS N1): for every ρ,
 *
 *   (1/N) Σ_n ‖y_n − ρ f_n‖² = targetEnergy − 2ρ · alignment + ρ² · outputEnergy.
 */
export interface ScaleMoments {
  /** `a = (1/N) Σ_n ⟨y_n, f_n⟩` (binary ±1 targets: the mean normalised margin `mean ȳ_n`). */
  readonly alignment: number;
  /** `b = (1/N) Σ_n ‖f_n‖²`. */
  readonly outputEnergy: number;
  /** `c = (1/N) Σ_n ‖y_n‖²` (1 for one-hot and for ±1 targets). */
  readonly targetEnergy: number;
}

/**
 * Moments `a, b, c` (see `ScaleMoments`) of the outputs `f_n = f_V(x_n)` of a normalised network
 * against its targets, in float64.
 *
 * @param outputs `[N, C]`, one sample's outputs per row (C = 1 for the binary ±1 view)
 * @param targets row-major `[N, C]` (`targetsFor(data, C)`): one-hot rows or ±1
 * @example
 *   scaleMoments(new Matrix([[0.5, 0], [0, 2]]), [1, 0, 0, 1]) // => { alignment: 1.25, outputEnergy: 2.125, targetEnergy: 1 }
 * @throws if `outputs` is not a finite matrix with at least one row, or `targets` has the wrong
 *   length or a non-finite entry.
 */
export function scaleMoments(outputs: Matrix, targets: ArrayLike<number>): ScaleMoments {
  assertFiniteMatrix("scaleMoments", "outputs", outputs);
  const n = outputs.rows;
  const c = outputs.columns;
  if (n === 0 || c === 0) {
    throw new Error(`scaleMoments: outputs has shape ${shapeOf(outputs)}; expected [N, C] with N ≥ 1 and C ≥ 1`);
  }
  if (targets === null || typeof targets !== "object" || targets.length !== n * c) {
    const got = targets !== null && typeof targets === "object" ? `length ${targets.length}` : describeValue(targets);
    throw new Error(`scaleMoments: targets has ${got}; expected row-major [N, C] of length ${n} × ${c} = ${n * c}`);
  }
  let a = 0;
  let b = 0;
  let y2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) {
      const f = outputs.get(i, j);
      const y = targets[i * c + j] as number;
      if (!Number.isFinite(y)) {
        throw new Error(`scaleMoments: targets[${i * c + j}] = ${y}; expected finite numbers`);
      }
      a += y * f;
      b += f * f;
      y2 += y * y;
    }
  }
  return { alignment: a / n, outputEnergy: b / n, targetEnergy: y2 / n };
}
