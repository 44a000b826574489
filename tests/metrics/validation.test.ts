/**
 * Argument validation of every metric: bad input throws an `Error` whose message names the
 * function, the argument, the value received and what was expected (STYLE.md, lesson 6).
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import {
  betweenClassCovariance,
  cdnv,
  classMeans,
  globalMean,
  nc1,
  nc2,
  nc2FromMeans,
  nc3,
  nc4,
  neuralCollapse,
  withinClassCovariance,
} from "../../src/metrics/index.ts";

type LabelledMetric = (features: Matrix, labels: ArrayLike<number>, classes: number) => unknown;

const W = new Matrix([[1, 0], [0, 1], [1, 1]]);

/** A valid-shaped classifier for the labelled-feature checks (any shape when the input is invalid). */
function classifierFor(features: unknown, classes: number): Matrix {
  const rows = Number.isInteger(classes) && classes > 0 ? classes : 1;
  const cols = Matrix.isMatrix(features) && features.columns > 0 ? features.columns : 1;
  return Matrix.ones(rows, cols);
}

/** Every public function of labelled features, with the name its messages must carry. */
const metrics: ReadonlyArray<readonly [string, LabelledMetric]> = [
  ["classMeans", classMeans],
  ["withinClassCovariance", withinClassCovariance],
  ["betweenClassCovariance", betweenClassCovariance],
  ["nc1", (h, y, c) => nc1(h, y, c)],
  ["cdnv", cdnv],
  ["nc2", nc2],
  ["nc3", (h, y, c) => nc3(classifierFor(h, c), h, y, c)],
  ["nc4", (h, y, c) => nc4(classifierFor(h, c), h, y, c)],
  ["neuralCollapse", (h, y, c) => neuralCollapse(classifierFor(h, c), h, y, c)],
];

/** 4 samples in 2 dimensions, 3 classes. */
const features = new Matrix([[0, 0], [1, 0], [0, 1], [1, 1]]);
const labels = [0, 1, 2, 0];

describe.each(metrics)("%s", (name, metric) => {
  it("accepts valid input", () => {
    expect(() => metric(features, labels, 3)).not.toThrow();
  });

  it("rejects labels whose length differs from the number of rows", () => {
    expect(() => metric(features, [0, 1, 2], 3)).toThrow(
      `${name}: labels has length 3 but features has 4 rows; expected one label per row`,
    );
  });

  it("rejects labels out of range or not integers", () => {
    expect(() => metric(features, [0, 1, 3, 0], 3)).toThrow(
      `${name}: labels[2] is 3; expected an integer in [0, 3) (classes = 3)`,
    );
    expect(() => metric(features, [0, -1, 2, 0], 3)).toThrow(`${name}: labels[1] is -1; expected an integer in [0, 3)`);
    expect(() => metric(features, [0, 1.5, 2, 0], 3)).toThrow(`${name}: labels[1] is 1.5; expected an integer in [0, 3)`);
    expect(() => metric(features, [0, Number.NaN, 2, 0], 3)).toThrow(`${name}: labels[1] is NaN`);
  });

  it("rejects an empty class", () => {
    expect(() => metric(features, [0, 2, 2, 0], 3)).toThrow(
      `${name}: class 1 of classes = 3 has no samples; expected at least one sample per class`,
    );
  });

  it("rejects a non-finite feature", () => {
    const bad = features.clone();
    bad.set(3, 1, Number.NaN);
    expect(() => metric(bad, labels, 3)).toThrow(
      `${name}: features has a non-finite entry NaN at row 3, column 1; expected finite numbers`,
    );
  });

  it("rejects fewer than two classes, or a non-integer class count", () => {
    expect(() => metric(features, [0, 0, 0, 0], 1)).toThrow(`${name}: classes is 1; expected an integer ≥ 2`);
    expect(() => metric(features, labels, 2.5)).toThrow(`${name}: classes is 2.5; expected an integer ≥ 2`);
  });

  it("rejects features that are not a non-empty matrix", () => {
    expect(() => metric([[0, 0]] as unknown as Matrix, [0], 2)).toThrow(
      `${name}: features is an array of length 1; expected an ml-matrix Matrix`,
    );
    expect(() => metric(new Matrix(0, 2), [], 2)).toThrow(
      `${name}: features has shape [0, 2]; expected [N, p] with N ≥ 1 samples and p ≥ 1 features`,
    );
  });
});

describe.each([
  ["nc3", nc3],
  ["nc4", nc4],
  ["neuralCollapse", neuralCollapse],
] as const)("%s (classifier)", (name, metric) => {
  it("rejects a classifier whose shape is not [classes, p]", () => {
    expect(() => metric(W.transpose(), features, labels, 3)).toThrow(
      `${name}: classifier has shape [2, 3]; expected [classes, p] = [3, 2] (one row per class, one column per feature)`,
    );
  });

  it("rejects a non-finite classifier entry", () => {
    const bad = W.clone();
    bad.set(0, 0, Number.POSITIVE_INFINITY);
    expect(() => metric(bad, features, labels, 3)).toThrow(
      `${name}: classifier has a non-finite entry Infinity at row 0, column 0; expected finite numbers`,
    );
  });
});

describe("means-only functions", () => {
  it("nc2FromMeans rejects fewer than two means and non-finite means", () => {
    expect(() => nc2FromMeans(new Matrix([[1, 2]]))).toThrow(
      "nc2FromMeans: means has shape [1, 2]; expected [C, p] with C ≥ 2 class means and p ≥ 1",
    );
    expect(() => nc2FromMeans(new Matrix([[1, 2], [Number.NaN, 0]]))).toThrow(
      "nc2FromMeans: means has a non-finite entry NaN at row 1, column 0; expected finite numbers",
    );
  });

  it("globalMean rejects an empty matrix", () => {
    expect(() => globalMean(new Matrix(0, 3))).toThrow("globalMean: means has shape [0, 3]; expected [C, p] with C ≥ 1");
  });

  it("neuralCollapse and nc1 reject a negative tolerance", () => {
    expect(() => neuralCollapse(W, features, labels, 3, { relativeTolerance: -1 })).toThrow(
      "neuralCollapse: options.relativeTolerance is -1; expected a finite number ≥ 0",
    );
  });
});
