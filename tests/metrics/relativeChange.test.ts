/** `relativeChange` (src/metrics/relativeChange.ts): the per-step relative change of S1. */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { relativeChange } from "../../src/metrics/index.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, seedArb } from "../linalg/random.ts";

describe("relativeChange", () => {
  it("documented examples: one matrix, and several layers taken together", () => {
    expect(relativeChange(new Matrix([[3, 4]]), new Matrix([[3, 4.5]]))).toBeCloseTo(0.1, 15);
    expect(relativeChange([new Matrix([[1]]), new Matrix([[0]])], [new Matrix([[1]]), new Matrix([[1]])])).toBe(1);
    expect(relativeChange(new Matrix([[1, 2]]), new Matrix([[1, 2]]))).toBe(0);
  });

  test.prop([seedArb, fc.integer({ min: 1, max: 6 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })], { numRuns: EXACT_RUNS })(
    "is scale-invariant, and over layers equals the change of the concatenated parameter vector",
    (seed, n, t) => {
      const a = [gaussianMatrix(seed, n, n + 1), gaussianMatrix(seed + 1, 2, n)];
      const b = [gaussianMatrix(seed + 2, n, n + 1), gaussianMatrix(seed + 3, 2, n)];
      const flat = (ms: Matrix[]) => Matrix.rowVector(ms.flatMap((m) => m.to1DArray()));
      expectClose(relativeChange(a, b), relativeChange(flat(a), flat(b)), FLOAT64, "concatenation");
      expectClose(relativeChange(a.map((m) => m.clone().mul(t)), b.map((m) => m.clone().mul(t))), relativeChange(a, b), FLOAT64, "scaling");
    },
  );

  it("rejects mismatched arguments and a zero reference, naming them", () => {
    expect(() => relativeChange([new Matrix([[1]])], [])).toThrow(/relativeChange: before is an array of length 1 and after is an array of length 0/);
    expect(() => relativeChange(new Matrix([[1, 2]]), new Matrix([[1], [2]]))).toThrow(/after\[0\] has shape \[2, 1\]; expected the shape of before\[0\], \[1, 2\]/);
    expect(() => relativeChange(new Matrix([[0]]), new Matrix([[1]]))).toThrow(/before is zero/);
    expect(() => relativeChange(new Matrix([[1]]), new Matrix([[Number.NaN]]))).toThrow(/after\[0\] has a non-finite entry/);
  });
});
