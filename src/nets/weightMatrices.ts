import { Matrix } from "ml-matrix";
import { parameterShapes, type Architecture } from "./architecture.ts";

/**
 * Row-major weights (as in a training `Snapshot`) → `Matrix [out_k, in_k]` per layer, in float64.
 * Throws when a layer's length does not match the architecture.
 */
export function weightMatrices(weights: readonly Float32Array[], architecture: Architecture): Matrix[] {
  const shapes = parameterShapes(architecture);
  if (weights.length !== shapes.length) {
    throw new Error(`weightMatrices: got ${weights.length} layers; expected L = ${shapes.length} for this architecture`);
  }
  return shapes.map(([out, inp], k) => {
    const w = weights[k]!;
    if (w.length !== out * inp) {
      throw new Error(`weightMatrices: layer ${k + 1} has ${w.length} entries; expected ${out} × ${inp} = ${out * inp}`);
    }
    return Matrix.from1DArray(out, inp, w);
  });
}

/** A dataset's inputs as `Matrix [N, d]`. */
export function inputMatrix(data: { inputs: Float32Array; count: number; dim: number }): Matrix {
  return Matrix.from1DArray(data.count, data.dim, data.inputs);
}
