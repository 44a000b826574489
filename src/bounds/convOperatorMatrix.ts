/**
 * The dense (Toeplitz) matrix of a convolution, materialised from TensorFlow.js's own conv op by
 * applying it to the basis inputs — independent of the suite's patch tables, so it can check them
 * (claim G1). Column i of the matrix is the conv of the i-th basis input e_i.
 */
import * as tf from "@tensorflow/tfjs";
import { Matrix } from "ml-matrix";
import { initBackend } from "../backend.ts";

export interface ConvOperatorSpec {
  /** `[length]` or `[height, width]`. */
  readonly inputShape: readonly [number] | readonly [number, number];
  readonly channelsIn: number;
  /** TF filter: `[k, c_in, c_out]` (1-D) or `[kh, kw, c_in, c_out]` (2-D), row-major. */
  readonly filter: Float32Array;
  readonly filterShape: readonly number[];
  readonly stride: number | readonly [number, number];
  /** `valid` (the paper's setting) or `same` (zero padding: border rows hold truncated kernels). */
  readonly padding: "valid" | "same";
}

/** `[outputSize, inputSize]` operator matrix of the conv (sizes flattened position-major). */
export async function convOperatorMatrix(spec: ConvOperatorSpec): Promise<Matrix> {
  await initBackend();
  const inputSize = spec.inputShape.reduce((a, b) => a * b, 1) * spec.channelsIn;
  const out = tf.tidy(() => {
    const basis = tf.eye(inputSize);
    if (spec.inputShape.length === 1) {
      const x = basis.reshape([inputSize, spec.inputShape[0], spec.channelsIn]) as tf.Tensor3D;
      const f = tf.tensor3d(spec.filter, spec.filterShape as [number, number, number]);
      const y = tf.conv1d(x, f, spec.stride as number, spec.padding);
      return y.reshape([inputSize, -1]);
    }
    const [h, w] = spec.inputShape as readonly [number, number];
    const x = basis.reshape([inputSize, h, w, spec.channelsIn]) as tf.Tensor4D;
    const f = tf.tensor4d(spec.filter, spec.filterShape as [number, number, number, number]);
    const stride = typeof spec.stride === "number" ? [spec.stride, spec.stride] : [...spec.stride];
    const y = tf.conv2d(x, f, stride as [number, number], spec.padding);
    return y.reshape([inputSize, -1]);
  });
  const data = (await out.data()) as Float32Array;
  const outputSize = out.shape[1]!;
  out.dispose();
  // Rows of `data` are the images of the basis vectors; the operator matrix is their transpose.
  return Matrix.from1DArray(inputSize, outputSize, data).transpose();
}
