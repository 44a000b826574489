import { Matrix } from "ml-matrix";
import { describeValue } from "../linalg/validate.ts";
import { parameterShapes, type Architecture } from "./architecture.ts";

/**
 * Row-major weights (as in a training `Snapshot`) → `Matrix [out_k, in_k]` per layer, in float64.
 * Throws when a layer's length does not match the architecture.
 */
export function weightMatrices(weights: readonly Float32Array[], architecture: Architecture): Matrix[] {
  const shapes = parameterShapes(architecture);
  if (!Array.isArray(weights)) {
    throw new Error(`weightMatrices: weights is ${describeValue(weights)}; expected an array of L = ${shapes.length} row-major layers`);
  }
  if (weights.length !== shapes.length) {
    throw new Error(`weightMatrices: got ${weights.length} layers; expected L = ${shapes.length} for this architecture`);
  }
  return shapes.map(([out, inp], k) => {
    const w = weights[k]!;
    if (!ArrayBuffer.isView(w as unknown) && !Array.isArray(w as unknown)) {
      throw new Error(`weightMatrices: layer ${k + 1} is ${describeValue(w)}; expected a Float32Array of ${out} × ${inp} = ${out * inp} entries`);
    }
    if (w.length !== out * inp) {
      throw new Error(`weightMatrices: layer ${k + 1} has ${w.length} entries; expected ${out} × ${inp} = ${out * inp}`);
    }
    return Matrix.from1DArray(out, inp, w);
  });
}

/** A dataset's inputs as `Matrix [N, d]`. Throws unless `inputs` has `count × dim` entries. */
export function inputMatrix(data: { inputs: Float32Array; count: number; dim: number }): Matrix {
  if (data === null || typeof data !== "object") {
    throw new Error(`inputMatrix: data is ${describeValue(data)}; expected { inputs, count, dim }`);
  }
  const { inputs, count, dim } = data;
  if (!Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(dim) || dim < 0) {
    throw new Error(`inputMatrix: data.count × data.dim = ${count} × ${dim}; expected integers ≥ 0`);
  }
  const arrayLike = ArrayBuffer.isView(inputs as unknown) || Array.isArray(inputs as unknown);
  if (!arrayLike || inputs.length !== count * dim) {
    throw new Error(
      `inputMatrix: data.inputs is ${describeValue(inputs)}; expected count × dim = ${count} × ${dim} = ${count * dim} entries`,
    );
  }
  return Matrix.from1DArray(count, dim, inputs);
}
