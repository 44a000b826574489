import { validateDataset, type Dataset } from "./dataset.ts";

/**
 * Regression targets for the square loss, row-major `[count, outputs]`:
 * - `outputs = classes`: one-hot, `y_n = e_{label_n}` (CLAIMS.md, "Targets");
 * - `outputs = 1` with two classes: the binary margin view, `y_n = +1` for class 1, `−1` for class 0.
 * @throws when `data` is not a valid Dataset (see `validateDataset`) or `outputs` fits neither view.
 */
export function targetsFor(data: Dataset, outputs: number): Float32Array {
  validateDataset(data, "targetsFor: data");
  const { count, classes, labels } = data;
  if (outputs === classes) {
    const y = new Float32Array(count * classes);
    for (let n = 0; n < count; n++) y[n * classes + labels[n]!] = 1;
    return y;
  }
  if (outputs === 1 && classes === 2) {
    const y = new Float32Array(count);
    for (let n = 0; n < count; n++) y[n] = labels[n] === 1 ? 1 : -1;
    return y;
  }
  throw new Error(
    `targetsFor: outputs = ${outputs} with ${classes} classes; expected outputs = classes (one-hot) or outputs = 1 with 2 classes (±1)`,
  );
}
