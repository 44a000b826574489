import { describeValue } from "../linalg/validate.ts";

/**
 * A labelled data set held on the host.
 *
 * `inputs` is row-major `[count, dim]` (one sample per row), `labels[n] ∈ {0, …, classes−1}`.
 */
export interface Dataset {
  readonly inputs: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
  readonly dim: number;
  readonly classes: number;
}

/** A train/test pair from one generator call, with the parameters that produced it. */
export interface SplitDataset {
  readonly train: Dataset;
  readonly test: Dataset;
  /** Generator name and parameters (including the seed), for reports and replay. */
  readonly provenance: Readonly<Record<string, string | number>>;
}

/**
 * Throws unless `data` is internally consistent (shapes, finite inputs, integer labels in range).
 * Messages start with `argName` (e.g. `TrainingRequest.runs[2].data`), then the field, its value and
 * what was expected.
 */
export function validateDataset(data: Dataset, argName = "data"): void {
  if (data === null || typeof data !== "object") {
    throw new Error(`${argName} is ${describeValue(data)}; expected a Dataset { inputs, labels, count, dim, classes }`);
  }
  const { inputs, labels, count, dim, classes } = data;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new Error(`${argName}.count = ${count}; expected an integer ≥ 1`);
  }
  if (!Number.isSafeInteger(dim) || dim < 1) throw new Error(`${argName}.dim = ${dim}; expected an integer ≥ 1`);
  if (!Number.isSafeInteger(classes) || classes < 2) {
    throw new Error(`${argName}.classes = ${classes}; expected an integer ≥ 2`);
  }
  if (!ArrayBuffer.isView(inputs) && !Array.isArray(inputs)) {
    throw new Error(`${argName}.inputs is ${describeValue(inputs)}; expected a Float32Array [count, dim] (row-major)`);
  }
  if (!ArrayBuffer.isView(labels) && !Array.isArray(labels)) {
    throw new Error(`${argName}.labels is ${describeValue(labels)}; expected an Int32Array [count]`);
  }
  if (inputs.length !== count * dim) {
    throw new Error(
      `${argName}.inputs has length ${inputs.length}; expected count × dim = ${count} × ${dim} = ${count * dim}`,
    );
  }
  if (labels.length !== count) {
    throw new Error(`${argName}.labels has length ${labels.length}; expected count = ${count}`);
  }
  for (let i = 0; i < inputs.length; i++) {
    if (!Number.isFinite(inputs[i]!)) {
      const row = Math.floor(i / dim);
      throw new Error(`${argName}.inputs[${row}, ${i % dim}] = ${inputs[i]}; expected finite values`);
    }
  }
  for (let n = 0; n < count; n++) {
    const y = labels[n]!;
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new Error(`${argName}.labels[${n}] = ${y}; expected an integer in [0, ${classes})`);
    }
  }
}
