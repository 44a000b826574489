/**
 * The dense (Toeplitz) matrix of a convolution, materialised from TensorFlow.js's own conv op by
 * applying it to the basis inputs — independent of the suite's patch tables, so it can check them
 * (claim G1). Column i of the matrix is the conv of the i-th basis input e_i.
 */
import * as tf from "@tensorflow/tfjs";
import { Matrix } from "ml-matrix";
import { initBackend } from "../backend.ts";
import { assertFiniteNumbers, describeValue } from "../linalg/validate.ts";

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

/** A value as an error message shows it: numbers (NaN too) and arrays of them as written. */
function show(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return typeof v === "number" ? String(v) : JSON.stringify(v) ?? String(v);
}

function positiveInteger(v: unknown): boolean {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 1;
}

/**
 * Throws unless `spec` describes a convolution TF can apply: a 1-D or 2-D input shape of integers
 * ≥ 1, channelsIn ≥ 1, a filter shape `[k, c_in, c_out]` / `[kh, kw, c_in, c_out]` with c_in =
 * channelsIn whose kernel fits the input, a finite filter of that many entries, a stride of
 * integers ≥ 1, and padding `valid` or `same`.
 */
function checkSpec(spec: ConvOperatorSpec): void {
  const fn = "convOperatorMatrix";
  if (spec === null || typeof spec !== "object") {
    throw new Error(`${fn}: spec is ${describeValue(spec)}; expected { inputShape, channelsIn, filter, filterShape, stride, padding }`);
  }
  const shape: unknown = spec.inputShape;
  if (!Array.isArray(shape) || (shape.length !== 1 && shape.length !== 2) || !shape.every(positiveInteger)) {
    throw new Error(`${fn}: spec.inputShape = ${show(shape)}; expected [length] or [height, width] of integers ≥ 1`);
  }
  const dims = shape.length;
  if (!positiveInteger(spec.channelsIn)) {
    throw new Error(`${fn}: spec.channelsIn = ${spec.channelsIn}; expected an integer ≥ 1`);
  }
  const filterShape: unknown = spec.filterShape;
  if (!Array.isArray(filterShape) || filterShape.length !== dims + 2 || !filterShape.every(positiveInteger)) {
    throw new Error(
      `${fn}: spec.filterShape = ${show(filterShape)}; expected ${dims === 1 ? "[k, c_in, c_out]" : "[kh, kw, c_in, c_out]"} of integers ≥ 1`,
    );
  }
  if (filterShape[dims] !== spec.channelsIn) {
    throw new Error(`${fn}: spec.filterShape = ${show(filterShape)} has c_in = ${filterShape[dims]}; expected channelsIn = ${spec.channelsIn}`);
  }
  if (spec.padding !== "valid" && spec.padding !== "same") {
    throw new Error(`${fn}: spec.padding = ${JSON.stringify(spec.padding)}; expected "valid" or "same"`);
  }
  if (spec.padding === "valid" && (shape as number[]).some((n, i) => (filterShape[i] as number) > n)) {
    throw new Error(
      `${fn}: spec.filterShape = ${show(filterShape)} does not fit the input of shape ${show(shape)}; expected kernel ≤ input size (valid padding)`,
    );
  }
  const stride: unknown = spec.stride;
  const strideOk = positiveInteger(stride) || (dims === 2 && Array.isArray(stride) && stride.length === 2 && stride.every(positiveInteger));
  if (!strideOk) {
    throw new Error(`${fn}: spec.stride = ${show(stride)}; expected an integer ≥ 1${dims === 2 ? " or a pair of them" : ""}`);
  }
  const size = (filterShape as number[]).reduce((a, b) => a * b, 1);
  assertFiniteNumbers(fn, "spec.filter", spec.filter, size, `∏ filterShape = ${size} entries`);
}

/**
 * `[outputSize, inputSize]` operator matrix of the conv (sizes flattened position-major).
 * @throws (rejects) when `spec` is invalid (see `checkSpec`), before starting a backend.
 */
export async function convOperatorMatrix(spec: ConvOperatorSpec): Promise<Matrix> {
  checkSpec(spec);
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
