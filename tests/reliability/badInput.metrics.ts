/**
 * Bad input to the metrics (issue #8, item 4), as properties over generated invalid values:
 * classes < 2, labels out of range, mismatched lengths and shapes, non-finite features, λ < 0
 * (λ ≤ 0 for the rank bound), negative ranks and tolerances, bad depths. `tests/metrics/validation.test.ts`
 * pins the exact messages of the labelled-feature metrics on examples; this file checks that every
 * generated bad value is rejected naming the function, the argument, the value and the expectation.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import {
  betweenClassCovariance,
  cdnv,
  classMeans,
  distanceToRank,
  effectiveRank,
  globalMean,
  layerImbalance,
  marginSpread,
  nc1,
  nc2,
  nc2FromMeans,
  nc3,
  nc4,
  neuralCollapse,
  numericalRank,
  perLayerRho,
  rankBound,
  relativeChange,
  scaleMoments,
  singleScaleRho,
  stableRank,
  targetMargins,
  updateSizeStats,
  withinClassCovariance,
} from "../../src/metrics/index.ts";
import { badInteger, badNonNegative, badPositive, expectRejects, negative, nonFinite, nonInteger, shown } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

/** 4 samples in 2 dimensions, 2 classes. */
const H = new Matrix([[0, 0], [1, 0], [0, 1], [1, 1]]);
const Y = [0, 1, 0, 1];
const W = new Matrix([[1, 1], [1, 1]]);

type Labelled = (h: Matrix, y: ArrayLike<number>, classes: number) => unknown;
const LABELLED: ReadonlyArray<readonly [string, Labelled]> = [
  ["classMeans", classMeans],
  ["withinClassCovariance", withinClassCovariance],
  ["betweenClassCovariance", betweenClassCovariance],
  ["nc1", (h, y, c) => nc1(h, y, c)],
  ["cdnv", cdnv],
  ["nc2", nc2],
  ["nc3", (h, y, c) => nc3(W, h, y, c)],
  ["nc4", (h, y, c) => nc4(W, h, y, c)],
  ["neuralCollapse", (h, y, c) => neuralCollapse(W, h, y, c)],
];

describe("labelled-feature metrics", () => {
  test.prop([fc.constantFrom(...LABELLED), badInteger(2)], RUNS)("reject classes that are not an integer ≥ 2", ([name, f], classes) => {
    expectRejects(() => f(H, Y, classes), { fn: name, arg: "classes", value: shown(classes), expected: "expected an integer ≥ 2" });
  });

  test.prop([fc.constantFrom(...LABELLED), fc.integer({ min: 0, max: 3 }), fc.oneof(fc.integer({ min: 2, max: 100 }), fc.integer({ min: -100, max: -1 }), nonInteger, nonFinite)], RUNS)(
    "reject a label out of range or not an integer",
    ([name, f], at, label) => {
      const labels = [...Y];
      labels[at] = label;
      expectRejects(() => f(H, labels, 2), { fn: name, arg: `labels[${at}]`, value: shown(label), expected: "expected an integer in [0, 2)" });
    },
  );

  test.prop([fc.constantFrom(...LABELLED), fc.integer({ min: 0, max: 10 }).filter((n) => n !== 4)], RUNS)("reject labels of another length than the rows", ([name, f], length) => {
    const labels = Array.from({ length }, (_, i) => i % 2);
    expectRejects(() => f(H, labels, 2), { fn: name, arg: "labels", value: `length ${length}`, expected: "expected one label per row" });
  });

  test.prop([fc.constantFrom(...LABELLED), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1 }), nonFinite], RUNS)(
    "reject a non-finite feature",
    ([name, f], i, j, value) => {
      const h = H.clone();
      h.set(i, j, value);
      expectRejects(() => f(h, Y, 2), { fn: name, arg: "features", value: `${shown(value)} at row ${i}, column ${j}`, expected: "expected finite numbers" });
    },
  );

  test.prop([fc.constantFrom(["nc3", nc3] as const, ["nc4", nc4] as const, ["neuralCollapse", neuralCollapse] as const), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })], RUNS)(
    "reject a classifier whose shape is not [classes, p]",
    ([name, f], rows, columns) => {
      fc.pre(rows !== 2 || columns !== 2);
      expectRejects(() => f(Matrix.ones(rows, columns), H, Y, 2), { fn: name, arg: "classifier", value: `[${rows}, ${columns}]`, expected: "expected [classes, p] = [2, 2]" });
    },
  );

  test.prop([badNonNegative], RUNS)("nc1 and neuralCollapse reject a negative or non-finite relative tolerance", (tol) => {
    expectRejects(() => nc1(H, Y, 2, { relativeTolerance: tol }), { fn: "nc1", arg: "options.relativeTolerance", value: shown(tol), expected: "expected a finite number ≥ 0" });
    expectRejects(() => neuralCollapse(W, H, Y, 2, { relativeTolerance: tol }), { fn: "neuralCollapse", arg: "options.relativeTolerance", value: shown(tol), expected: "expected a finite number ≥ 0" });
  });

  it("globalMean and nc2FromMeans reject too few class means", () => {
    expectRejects(() => globalMean(new Matrix(0, 2)), { fn: "globalMean", arg: "means", value: "[0, 2]", expected: /expected \[C, p\] with C ≥ 1/ });
    expectRejects(() => nc2FromMeans(new Matrix([[1, 2]])), { fn: "nc2FromMeans", arg: "means", value: "[1, 2]", expected: /expected \[C, p\] with C ≥ 2/ });
  });
});

describe("rank metrics", () => {
  const ONE: ReadonlyArray<readonly [string, (w: Matrix) => unknown]> = [
    ["numericalRank", (w) => numericalRank(w)],
    ["stableRank", stableRank],
    ["effectiveRank", effectiveRank],
    ["distanceToRank", (w) => distanceToRank(w, 1)],
    ["rankBound", (w) => rankBound(w, Matrix.ones(2, 2), 0.1)],
  ];
  test.prop([fc.constantFrom(...ONE), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), nonFinite], RUNS)("reject a non-finite weight", ([name, f], i, j, value) => {
    const w = Matrix.ones(2, 2);
    w.set(i, j, value);
    expectRejects(() => f(w), { fn: name, arg: "w", value: `${shown(value)} at row ${i}, column ${j}`, expected: "expected finite numbers" });
  });

  test.prop([fc.oneof(negative, nonFinite, fc.double({ min: 1, max: 1e6, noNaN: true }))], RUNS)("numericalRank rejects a tolerance outside [0, 1)", (tol) => {
    expectRejects(() => numericalRank(W, tol), { fn: "numericalRank", arg: "tol", value: shown(tol), expected: "expected a number in [0, 1)" });
  });

  test.prop([badInteger(0)], RUNS)("distanceToRank rejects a rank that is not an integer ≥ 0", (rank) => {
    expectRejects(() => distanceToRank(W, rank), { fn: "distanceToRank", arg: "rank", value: shown(rank), expected: "expected an integer ≥ 0" });
  });

  test.prop([badPositive], RUNS)("rankBound rejects λ ≤ 0 or non-finite (the bound divides by 2λ)", (lambda) => {
    expectRejects(() => rankBound(W, W, lambda), { fn: "rankBound", arg: "lambda", value: shown(lambda), expected: "expected a finite weight decay λ > 0" });
  });

  test.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })], RUNS)("rankBound rejects a gradient of another shape", (rows, columns) => {
    fc.pre(rows !== 2 || columns !== 2);
    expectRejects(() => rankBound(W, Matrix.ones(rows, columns), 0.1), { fn: "rankBound", arg: "lossGradient", value: `[${rows}, ${columns}]`, expected: "expected the shape of w, [2, 2]" });
  });

  test.prop([fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })], RUNS)("relativeChange rejects matrices of different shapes", (rows, columns) => {
    fc.pre(rows !== 2 || columns !== 2);
    expectRejects(() => relativeChange(W, new Matrix(rows, columns).fill(1)), { fn: "relativeChange", arg: "after[0]", value: `[${rows}, ${columns}]`, expected: "expected the shape of before[0], [2, 2]" });
  });

  test.prop([fc.integer({ min: 0, max: 3 }).filter((n) => n !== 2)], RUNS)("relativeChange rejects lists of different lengths", (n) => {
    expectRejects(() => relativeChange([W, W], Array.from({ length: n }, () => W)), { fn: "relativeChange", arg: "after", value: `an array of length ${n}`, expected: /expected two matrices or two equally long/ });
  });
});

describe("scale and margin metrics", () => {
  const moments = { alignment: 0.5, outputEnergy: 0.2 };
  test.prop([badNonNegative], RUNS)("singleScaleRho and perLayerRho reject λ < 0 or non-finite", (lambda) => {
    expectRejects(() => singleScaleRho(moments, lambda), { fn: "singleScaleRho", arg: "lambda", value: shown(lambda), expected: "expected a finite weight decay λ ≥ 0" });
    expectRejects(() => perLayerRho(moments, lambda, 3), { fn: "perLayerRho", arg: "lambda", value: shown(lambda), expected: "expected a finite weight decay λ ≥ 0" });
  });

  test.prop([fc.constantFrom("alignment", "outputEnergy"), fc.oneof(nonFinite, negative)], RUNS)("reject non-finite moments (and a negative output energy)", (field, value) => {
    fc.pre(field === "outputEnergy" || !Number.isFinite(value));
    expectRejects(() => singleScaleRho({ ...moments, [field]: value }, 0.1), { fn: "singleScaleRho", arg: `moments.${field}`, value: shown(value), expected: /expected a finite number/ });
  });

  test.prop([badInteger(1)], RUNS)("perLayerRho rejects a depth that is not an integer ≥ 1", (depth) => {
    expectRejects(() => perLayerRho(moments, 0.1, depth), { fn: "perLayerRho", arg: "depth", value: shown(depth), expected: "expected an integer number of layers L ≥ 1" });
  });

  const outputs = new Matrix([[0.5, 0], [0, 2]]);
  test.prop([fc.integer({ min: 0, max: 10 }).filter((n) => n !== 4)], RUNS)("scaleMoments and targetMargins reject targets of the wrong length", (length) => {
    const targets = new Array<number>(length).fill(1);
    expectRejects(() => scaleMoments(outputs, targets), { fn: "scaleMoments", arg: "targets", value: `length ${length}`, expected: "expected row-major [N, C] of length 2 × 2 = 4" });
    expectRejects(() => targetMargins(outputs, targets), { fn: "scaleMoments", arg: "targets", value: `length ${length}`, expected: "expected row-major [N, C] of length 2 × 2 = 4" });
  });

  test.prop([fc.integer({ min: 0, max: 3 }), nonFinite], RUNS)("scaleMoments rejects a non-finite target or output", (at, value) => {
    const targets = [1, 0, 0, 1];
    targets[at] = value;
    expectRejects(() => scaleMoments(outputs, targets), { fn: "scaleMoments", arg: `targets[${at}]`, value: shown(value), expected: "expected finite numbers" });
    const bad = outputs.clone();
    bad.set(at >> 1, at & 1, value);
    expectRejects(() => scaleMoments(bad, [1, 0, 0, 1]), { fn: "scaleMoments", arg: "outputs", value: shown(value), expected: "expected finite numbers" });
  });

  test.prop([fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 5 }), nonFinite, fc.nat()], RUNS)("marginSpread rejects a non-finite margin", (margins, value, where) => {
    const at = where % margins.length;
    margins[at] = value;
    expectRejects(() => marginSpread(margins), { fn: "marginSpread", arg: `margins[${at}]`, value: shown(value), expected: "expected finite numbers" });
  });

  test.prop([fc.oneof(nonFinite, fc.constant(0)), fc.integer({ min: 0, max: 2 })], RUNS)("layerImbalance rejects a zero or non-finite scale", (value, at) => {
    const scales = [1, 2, 3];
    scales[at] = value;
    expectRejects(() => layerImbalance(scales), { fn: "layerImbalance", arg: `layerScales[${at}]`, value: shown(value), expected: "expected a finite non-zero scale" });
  });

  test.prop([fc.oneof(badPositive), fc.integer({ min: 0, max: 2 })], RUNS)("updateSizeStats rejects a step size that is not finite and > 0", (value, at) => {
    const sizes = [1e-3, 2e-3, 3e-3];
    sizes[at] = value;
    expectRejects(() => updateSizeStats(sizes), { fn: "updateSizeStats", arg: `sizes[${at}]`, value: shown(value), expected: "expected a finite step size > 0" });
  });

  it("rejects empty lists", () => {
    expectRejects(() => marginSpread([]), { fn: "marginSpread", arg: "margins", value: "an array of length 0", expected: /expected a non-empty array/ });
    expectRejects(() => layerImbalance([]), { fn: "layerImbalance", arg: "layerScales", value: "an array of length 0", expected: /expected a non-empty array/ });
    expectRejects(() => updateSizeStats([]), { fn: "updateSizeStats", arg: "sizes", value: "an array of length 0", expected: /expected a non-empty array/ });
  });
});
