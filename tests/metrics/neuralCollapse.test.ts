/** `neuralCollapse` (`src/metrics/neuralCollapse.ts`): the same numbers as the separate metrics. */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { cdnv, nc1, nc2, nc3, nc4, neuralCollapse } from "../../src/metrics/index.ts";
import { EXACT_RUNS, gaussianMatrix, seedArb } from "../linalg/random.ts";
import { caseSpecArb, makeCase } from "./cases.ts";

describe("neuralCollapse", () => {
  test.prop([caseSpecArb, seedArb, fc.option(fc.double({ min: 0, max: 0.5, noNaN: true }), { nil: undefined })], {
    numRuns: EXACT_RUNS,
  })("returns exactly what nc1, cdnv, nc2, nc3 and nc4 return separately", (spec, seedW, tol) => {
    const { features, labels, classes } = makeCase(spec);
    const w = gaussianMatrix(seedW, classes, spec.p);
    const options = tol === undefined ? {} : { relativeTolerance: tol };
    expect(neuralCollapse(w, features, labels, classes, options)).toEqual({
      nc1: nc1(features, labels, classes, options),
      cdnv: cdnv(features, labels, classes),
      nc2: nc2(features, labels, classes),
      nc3: nc3(w, features, labels, classes),
      nc4: nc4(w, features, labels, classes),
    });
  });
});
