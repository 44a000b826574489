/**
 * Bad input to the generalization bounds (issue #8, item 4): invalid sample counts, depths,
 * output counts, kernel sizes, norms, margins and channels, non-finite inputs or weights, and
 * malformed conv specs are rejected with a message naming the function, the argument, the value
 * and what was expected — before any backend starts.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import {
  balanceConstant,
  boundTerms,
  cnnGeneralizationBound,
  cnnRademacherBound,
  complexityFactor,
  convOperatorMatrix,
  denseNormProduct,
  denseRademacherBound,
  kernelNormProduct,
  marginError,
  maxPixelNormSum,
  pixelNormSums,
  type ConvOperatorSpec,
} from "../../src/bounds/index.ts";
import type { MlpConfig } from "../../src/nets/mlp.ts";
import { badInteger, badNonNegative, expectRejects, expectRejectsAsync, nonFinite, nonInteger, shown } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

const CNN = { rho: 2, m: 4, depth: 3, kernelSizes: [2, 2], outputs: 2, maxPixelNormSum: 8 };
const DENSE = { rhoTilde: 3, m: 9, depth: 2, outputs: 2, sumSquaredNorms: 16 };
const GEN = { ...CNN, marginError: 0.1, gamma: 1, delta: 0.001 };

describe("Rademacher and generalization bounds", () => {
  const integers = fc.constantFrom(["m", 1] as const, ["depth", 1] as const, ["outputs", 1] as const);
  test.prop([integers.chain(([name, min]) => fc.tuple(fc.constant(name), badInteger(min)))], RUNS)(
    "reject m, depth and outputs that are not integers ≥ 1",
    ([name, value]) => {
      const rejection = { arg: name, value: `${name} = ${shown(value)}`, expected: "expected an integer ≥ 1" };
      expectRejects(() => cnnRademacherBound({ ...CNN, [name]: value }), { fn: "cnnRademacherBound", ...rejection });
      expectRejects(() => denseRademacherBound({ ...DENSE, [name]: value }), { fn: "denseRademacherBound", ...rejection });
      expectRejects(() => cnnGeneralizationBound({ ...GEN, [name]: value }), { fn: "cnnGeneralizationBound", ...rejection });
    },
  );

  test.prop([fc.integer({ min: 0, max: 1 }), badInteger(1)], RUNS)("reject kernel sizes that are not integers ≥ 1", (at, k) => {
    const kernelSizes = [2, 2];
    kernelSizes[at] = k;
    const rejection = { arg: `kernelSizes[${at}]`, value: shown(k), expected: "expected an integer ≥ 1" };
    expectRejects(() => cnnRademacherBound({ ...CNN, kernelSizes }), { fn: "cnnRademacherBound", ...rejection });
    expectRejects(() => cnnGeneralizationBound({ ...GEN, kernelSizes }), { fn: "cnnGeneralizationBound", ...rejection });
  });

  test.prop([fc.integer({ min: 0, max: 6 }).filter((n) => n !== 2)], RUNS)("reject a kernel list whose length is not depth − 1", (n) => {
    const kernelSizes = Array.from({ length: n }, () => 2);
    const rejection = { arg: "kernelSizes", value: `${n} entries`, expected: "expected depth − 1 = 2" };
    expectRejects(() => cnnRademacherBound({ ...CNN, kernelSizes }), { fn: "cnnRademacherBound", ...rejection });
    expectRejects(() => cnnGeneralizationBound({ ...GEN, kernelSizes }), { fn: "cnnGeneralizationBound", ...rejection });
  });

  test.prop([fc.constantFrom("rho", "maxPixelNormSum"), badNonNegative], RUNS)("reject norms and data terms that are negative or not finite", (name, value) => {
    expectRejects(() => cnnRademacherBound({ ...CNN, [name]: value }), { fn: "cnnRademacherBound", arg: name, value: shown(value), expected: "expected a finite number ≥ 0" });
    expectRejects(() => cnnGeneralizationBound({ ...GEN, [name]: value }), { fn: "cnnGeneralizationBound", arg: name, value: shown(value), expected: /expected a finite (ρ|number) ≥ 0/ });
  });

  test.prop([fc.constantFrom("rhoTilde", "sumSquaredNorms"), badNonNegative], RUNS)("denseRademacherBound rejects negative or non-finite norms", (name, value) => {
    expectRejects(() => denseRademacherBound({ ...DENSE, [name]: value }), { fn: "denseRademacherBound", arg: name, value: shown(value), expected: "expected a finite number ≥ 0" });
  });

  test.prop([fc.oneof(fc.constant(0), fc.double({ min: -10, max: -1e-9, noNaN: true }), nonFinite), fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 1, max: 10, noNaN: true }), fc.constant(Number.NaN))], RUNS)(
    "cnnGeneralizationBound rejects γ ≤ 0 and δ outside (0, 1)",
    (gamma, delta) => {
      expectRejects(() => cnnGeneralizationBound({ ...GEN, gamma }), { fn: "cnnGeneralizationBound", arg: "gamma", value: shown(gamma), expected: "expected γ > 0" });
      expectRejects(() => cnnGeneralizationBound({ ...GEN, delta }), { fn: "cnnGeneralizationBound", arg: "delta", value: shown(delta), expected: "expected δ in (0, 1)" });
    },
  );

  test.prop([fc.oneof(fc.double({ min: 1.0001, max: 10, noNaN: true }), fc.double({ min: -10, max: -1e-9, noNaN: true }), nonFinite)], RUNS)(
    "cnnGeneralizationBound rejects a margin error outside [0, 1]",
    (value) => {
      expectRejects(() => cnnGeneralizationBound({ ...GEN, marginError: value }), { fn: "cnnGeneralizationBound", arg: "marginError", value: shown(value), expected: "expected a fraction in [0, 1]" });
    },
  );

  test.prop([fc.constantFrom("depth", "outputs"), badInteger(1)], RUNS)("complexityFactor rejects depth and outputs that are not integers ≥ 1", (name, value) => {
    const [depth, outputs] = name === "depth" ? [value, 2] : [3, value];
    expectRejects(() => complexityFactor(depth, 0, outputs), { fn: "complexityFactor", arg: name, value: shown(value), expected: "expected an integer ≥ 1" });
  });

  test.prop([badNonNegative], RUNS)("complexityFactor rejects a negative or non-finite Σ log k", (logDegrees) => {
    expectRejects(() => complexityFactor(3, logDegrees, 2), { fn: "complexityFactor", arg: "logDegrees", value: shown(logDegrees), expected: "expected a finite number ≥ 0" });
  });
});

describe("data terms, norms and the margin error", () => {
  const x = new Matrix([[1, 1, 1, 1], [2, 0, 0, 0]]);
  test.prop([fc.oneof(badInteger(1), fc.constantFrom(3, 5, 6, 7))], RUNS)("reject channels that are not a divisor ≥ 1 of the columns", (channels) => {
    for (const [name, f] of [["pixelNormSums", pixelNormSums], ["maxPixelNormSum", maxPixelNormSum], ["balanceConstant", balanceConstant]] as const) {
      expectRejects(() => f(x, channels), { fn: name, arg: "channels", value: shown(channels), expected: "expected a divisor ≥ 1" });
    }
  });

  test.prop([fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 3 }), nonFinite], RUNS)("reject non-finite inputs", (i, j, value) => {
    const bad = x.clone();
    bad.set(i, j, value);
    for (const [name, f] of [["pixelNormSums", pixelNormSums], ["maxPixelNormSum", maxPixelNormSum], ["balanceConstant", balanceConstant]] as const) {
      expectRejects(() => f(bad), { fn: name, arg: "inputs", value: `${shown(value)} at row ${i}, column ${j}`, expected: "expected finite numbers" });
    }
  });

  it("reject inputs without columns (no pixel: the maximum is undefined)", () => {
    expectRejects(() => maxPixelNormSum(new Matrix(2, 0)), { fn: "maxPixelNormSum", arg: "inputs", value: "[2, 0]", expected: /expected \[m, positions·channels\] with at least one column/ });
  });

  const mlp: MlpConfig = { inputDim: 2, hidden: [3], outputDim: 2, normalization: "none" };
  test.prop([fc.integer({ min: 0, max: 1 }), nonFinite], RUNS)("kernelNormProduct and denseNormProduct reject a non-finite weight", (k, value) => {
    const weights = [Matrix.ones(3, 2), Matrix.ones(2, 3)];
    weights[k]!.set(0, 1, value);
    expectRejects(() => kernelNormProduct(weights), { fn: "kernelNormProduct", arg: `weights[${k}]`, value: shown(value), expected: "expected finite numbers" });
    expectRejects(() => denseNormProduct(weights, mlp), { fn: "denseNormProduct", arg: `weights[${k}]`, value: shown(value), expected: "expected finite numbers" });
  });

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })], RUNS)("denseNormProduct rejects weights of another shape than the architecture's", (rows, columns) => {
    fc.pre(rows !== 3 || columns !== 2);
    expectRejects(() => denseNormProduct([Matrix.ones(rows, columns), Matrix.ones(2, 3)], mlp), { fn: "denseNormProduct", arg: "weights[0]", value: `[${rows}, ${columns}]`, expected: "expected [3, 2]" });
  });

  test.prop([fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })], RUNS)("boundTerms rejects inputs without rows or of another width than the architecture's", (rows, columns) => {
    fc.pre(rows === 0 || columns !== 2);
    const weights = [Matrix.ones(3, 2), Matrix.ones(2, 3)];
    expectRejects(() => boundTerms(weights, mlp, new Matrix(rows, columns)), { fn: "boundTerms", arg: "inputs", value: `[${rows}, ${columns}]`, expected: "expected [m, 2] with m ≥ 1" });
  });

  test.prop([nonFinite], RUNS)("boundTerms rejects a non-finite input or weight", (value) => {
    const x = new Matrix([[1, value]]);
    expectRejects(() => boundTerms([Matrix.ones(3, 2), Matrix.ones(2, 3)], mlp, x), { fn: "boundTerms", arg: "inputs", value: shown(value), expected: "expected finite numbers" });
    const w = Matrix.ones(2, 3);
    w.set(1, 2, value);
    expectRejects(() => boundTerms([Matrix.ones(3, 2), w], mlp, Matrix.ones(1, 2)), { fn: "boundTerms", arg: "weights[1]", value: shown(value), expected: "expected finite numbers" });
  });

  it("kernelNormProduct rejects an empty list (ρ of no network)", () => {
    expectRejects(() => kernelNormProduct([]), { fn: "kernelNormProduct", arg: "weights", value: "an array of length 0", expected: /expected a non-empty array/ });
  });

  const outputs = new Matrix([[2, 0], [0, 1], [1, 3]]);
  test.prop([fc.integer({ min: 0, max: 2 }), fc.oneof(fc.integer({ min: 2, max: 50 }), fc.integer({ min: -50, max: -1 }), nonInteger, nonFinite)], RUNS)(
    "marginError rejects a label out of range or not an integer",
    (at, label) => {
      const labels = [0, 1, 1];
      labels[at] = label;
      expectRejects(() => marginError(outputs, labels, 1), { fn: "marginError", arg: `labels[${at}]`, value: shown(label), expected: "expected an integer in [0, 2)" });
    },
  );

  test.prop([fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), nonFinite], RUNS)("marginError rejects non-finite outputs (never a perfect margin)", (i, j, value) => {
    const bad = outputs.clone();
    bad.set(i, j, value);
    expectRejects(() => marginError(bad, [0, 1, 1], 1), { fn: "marginError", arg: "outputs", value: `${shown(value)} at row ${i}, column ${j}`, expected: "expected finite numbers" });
  });

  test.prop([badNonNegative, fc.integer({ min: 0, max: 6 }).filter((n) => n !== 3)], RUNS)("marginError rejects γ < 0 and labels of the wrong length", (gamma, length) => {
    expectRejects(() => marginError(outputs, [0, 1, 1], gamma), { fn: "marginError", arg: "gamma", value: shown(gamma), expected: "expected a finite γ ≥ 0" });
    expectRejects(() => marginError(outputs, Array.from({ length }, () => 0), 1), { fn: "marginError", arg: "labels", value: `length ${length}`, expected: "expected one per output row (3)" });
  });
});

describe("convOperatorMatrix", () => {
  const spec: ConvOperatorSpec = { inputShape: [6], channelsIn: 1, filter: new Float32Array(4), filterShape: [2, 1, 2], stride: 2, padding: "valid" };

  test.prop([badInteger(1)], RUNS)("rejects sizes and strides that are not integers ≥ 1, before starting a backend", async (value) => {
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, channelsIn: value }), { fn: "convOperatorMatrix", arg: "spec.channelsIn", value: shown(value), expected: "expected an integer ≥ 1" });
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, stride: value }), { fn: "convOperatorMatrix", arg: "spec.stride", value: shown(value), expected: "expected an integer ≥ 1" });
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, inputShape: [value] }), { fn: "convOperatorMatrix", arg: "spec.inputShape", value: `[${shown(value)}]`, expected: /expected \[length\] or \[height, width\] of integers ≥ 1/ });
  });

  test.prop([fc.integer({ min: 0, max: 12 }).filter((n) => n !== 4)], RUNS)("rejects a filter whose length is not ∏ filterShape", async (length) => {
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, filter: new Float32Array(length) }), { fn: "convOperatorMatrix", arg: "spec.filter", value: `length ${length}`, expected: "expected ∏ filterShape = 4 entries" });
  });

  test.prop([fc.integer({ min: 0, max: 3 }), nonFinite], RUNS)("rejects a non-finite filter entry", async (at, value) => {
    const filter = new Float32Array(4);
    filter[at] = value;
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, filter }), { fn: "convOperatorMatrix", arg: `spec.filter[${at}]`, value: shown(value), expected: "expected finite numbers" });
  });

  test.prop([fc.integer({ min: 2, max: 5 })], RUNS)("rejects a filter whose input channels differ from channelsIn", async (cIn) => {
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, filter: new Float32Array(4 * cIn), filterShape: [2, cIn, 2] }), {
      fn: "convOperatorMatrix",
      arg: "spec.filterShape",
      value: `c_in = ${cIn}`,
      expected: "expected channelsIn = 1",
    });
  });

  it("rejects an unknown padding, a kernel larger than the input, and a filter shape of the wrong rank", async () => {
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, padding: "full" as never }), { fn: "convOperatorMatrix", arg: "spec.padding", value: '"full"', expected: 'expected "valid" or "same"' });
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, filter: new Float32Array(14), filterShape: [7, 1, 2] }), { fn: "convOperatorMatrix", arg: "spec.filterShape", value: "[7, 1, 2]", expected: "expected kernel ≤ input size (valid padding)" });
    await expectRejectsAsync(() => convOperatorMatrix({ ...spec, filterShape: [2, 2] }), { fn: "convOperatorMatrix", arg: "spec.filterShape", value: "[2, 2]", expected: "expected [k, c_in, c_out] of integers ≥ 1" });
  });
});
