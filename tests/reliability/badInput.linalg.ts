/**
 * Bad input to the host linear algebra (issue #8, item 4): arguments that are not matrices,
 * non-finite entries, negative tolerances, mismatched shapes and invalid sizes are rejected with a
 * message naming the function, the argument, the value and what was expected.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import {
  defaultPseudoInverseTolerance,
  frobeniusNorm,
  orthogonalComponent,
  pseudoInverse,
  singularValues,
  spanBasis,
  spanResidual,
  spectralNorm,
  thinSvd,
} from "../../src/linalg/index.ts";
import { badInteger, badNonNegative, expectRejects, nonFinite, shown } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

/** The one-matrix functions, each called on `a`. */
const ONE_MATRIX: ReadonlyArray<readonly [string, (a: Matrix) => unknown]> = [
  ["singularValues", singularValues],
  ["thinSvd", thinSvd],
  ["pseudoInverse", (a) => pseudoInverse(a)],
  ["frobeniusNorm", frobeniusNorm],
  ["spectralNorm", spectralNorm],
  ["spanBasis", (a) => spanBasis(a)],
];

/** A small matrix shape and one of its entries. */
const entry = fc
  .record({ rows: fc.integer({ min: 1, max: 4 }), columns: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, columns }) => fc.record({ rows: fc.constant(rows), columns: fc.constant(columns), i: fc.integer({ min: 0, max: rows - 1 }), j: fc.integer({ min: 0, max: columns - 1 }) }));

describe("one-matrix functions", () => {
  test.prop([fc.constantFrom(...ONE_MATRIX), entry, nonFinite], RUNS)("reject a non-finite entry, naming its row and column", ([name, f], { rows, columns, i, j }, value) => {
    const a = Matrix.ones(rows, columns);
    a.set(i, j, value);
    expectRejects(() => f(a), { fn: name, arg: "a", value: `non-finite entry ${shown(value)} at row ${i}, column ${j}`, expected: "expected finite numbers" });
  });

  test.prop([fc.constantFrom(...ONE_MATRIX), fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.array(fc.array(fc.double(), { maxLength: 2 }), { maxLength: 3 }))], RUNS)(
    "reject arguments that are not matrices",
    ([name, f], value) => {
      expectRejects(() => f(value as never), { fn: name, arg: "a", expected: "expected an ml-matrix Matrix" });
    },
  );
});

describe("tolerances and shapes", () => {
  test.prop([badNonNegative], RUNS)("pseudoInverse and spanBasis reject a relative tolerance that is negative or not finite", (tol) => {
    const a = new Matrix([[1, 0], [0, 2]]);
    expectRejects(() => pseudoInverse(a, tol), { fn: "pseudoInverse", arg: "relTol", value: shown(tol), expected: "expected a finite number ≥ 0" });
    expectRejects(() => spanBasis(a, tol), { fn: "spanBasis", arg: "relTol", value: shown(tol), expected: "expected a finite number ≥ 0" });
    expectRejects(() => spanResidual(a, a, tol), { fn: "spanBasis", arg: "relTol", value: shown(tol), expected: "expected a finite number ≥ 0" });
  });

  test.prop([fc.constantFrom("m", "n"), badInteger(0)], RUNS)("defaultPseudoInverseTolerance rejects sizes that are not integers ≥ 0", (arg, value) => {
    const [m, n] = arg === "m" ? [value, 3] : [3, value];
    expectRejects(() => defaultPseudoInverseTolerance(m, n), { fn: "defaultPseudoInverseTolerance", arg, value: shown(value), expected: "expected an integer ≥ 0" });
  });

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }).filter((p) => p !== 3)], RUNS)("spanResidual rejects vectors with another number of columns", (n, p) => {
    expectRejects(() => spanResidual(Matrix.ones(2, 3), Matrix.ones(n, p)), { fn: "spanResidual", arg: "vectors", value: `[${n}, ${p}]`, expected: /expected the same number of columns p/ });
  });

  test.prop([fc.integer({ min: 1, max: 5 }).filter((p) => p !== 3), fc.integer({ min: 0, max: 3 })], RUNS)("orthogonalComponent rejects a basis of the wrong dimension", (p, r) => {
    expectRejects(() => orthogonalComponent(Matrix.ones(2, 3), Matrix.ones(p, r)), { fn: "orthogonalComponent", arg: "q", value: `[${p}, ${r}]`, expected: "expected q [p, r] with p = w.columns = 3" });
  });

  it("spanResidual and orthogonalComponent reject non-finite entries in either argument", () => {
    const bad = new Matrix([[1, Number.NaN, 0]]);
    expectRejects(() => spanResidual(bad, Matrix.ones(1, 3)), { fn: "spanResidual", arg: "w", value: "NaN", expected: "expected finite numbers" });
    expectRejects(() => spanResidual(Matrix.ones(1, 3), bad), { fn: "spanResidual", arg: "vectors", value: "NaN", expected: "expected finite numbers" });
    expectRejects(() => orthogonalComponent(Matrix.ones(1, 3), bad.transpose()), { fn: "orthogonalComponent", arg: "q", value: "NaN", expected: "expected finite numbers" });
  });
});
