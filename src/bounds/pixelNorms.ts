import type { Matrix } from "ml-matrix";
import { assertFiniteMatrix, shapeOf } from "../linalg/validate.ts";

/**
 * Σ_i ‖z_j(x_i)‖² for every input "pixel" j, where pixel j of a sample is its `channels` values
 * at position j (inputs `[m, positions·channels]`, position-major).
 */
export function pixelNormSums(inputs: Matrix, channels = 1): Float64Array {
  checkPixelInputs("pixelNormSums", inputs, channels);
  const positions = inputs.columns / channels;
  const sums = new Float64Array(positions);
  for (let i = 0; i < inputs.rows; i++) {
    for (let j = 0; j < positions; j++) {
      for (let c = 0; c < channels; c++) sums[j] = sums[j]! + inputs.get(i, j * channels + c) ** 2;
    }
  }
  return sums;
}

/**
 * Throws unless `inputs` is a finite matrix with at least one column and `channels` an integer ≥ 1
 * that divides its number of columns.
 */
function checkPixelInputs(fn: string, inputs: Matrix, channels: number): void {
  assertFiniteMatrix(fn, "inputs", inputs);
  if (inputs.columns < 1) throw new Error(`${fn}: inputs has shape ${shapeOf(inputs)}; expected [m, positions·channels] with at least one column`);
  if (!Number.isSafeInteger(channels) || channels < 1 || inputs.columns % channels !== 0) {
    throw new Error(`${fn}: channels = ${channels} does not divide the ${inputs.columns} input columns; expected a divisor ≥ 1`);
  }
}

/** max_j Σ_i ‖z_j(x_i)‖² — the data term of Corollary 3.3. */
export function maxPixelNormSum(inputs: Matrix, channels = 1): number {
  checkPixelInputs("maxPixelNormSum", inputs, channels);
  return Math.max(...pixelNormSums(inputs, channels));
}

/**
 * The balance constant β of the samples (Galanti et al. 2023, after Theorem 3.2): the smallest β
 * with max_j ‖z_j(x_i)‖² ≤ β · avg_j ‖z_j(x_i)‖² for every sample i. β = 1 when all pixels of every
 * sample have equal norm; β = d_0 when a sample has all its norm in one pixel.
 */
export function balanceConstant(inputs: Matrix, channels = 1): number {
  checkPixelInputs("balanceConstant", inputs, channels);
  const positions = inputs.columns / channels;
  let beta = 0;
  for (let i = 0; i < inputs.rows; i++) {
    let max = 0;
    let sum = 0;
    for (let j = 0; j < positions; j++) {
      let norm = 0;
      for (let c = 0; c < channels; c++) norm += inputs.get(i, j * channels + c) ** 2;
      max = Math.max(max, norm);
      sum += norm;
    }
    if (sum > 0) beta = Math.max(beta, max / (sum / positions));
  }
  return beta;
}
