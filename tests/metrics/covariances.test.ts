/**
 * Class means, global mean and the within/between-class covariances (`src/metrics/classMeans.ts`,
 * `globalMean.ts`, `withinClassCovariance.ts`, `betweenClassCovariance.ts`).
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { singularValues } from "../../src/linalg/index.ts";
import {
  betweenClassCovariance,
  classMeans,
  globalMean,
  numericalRank,
  withinClassCovariance,
} from "../../src/metrics/index.ts";
import { FLOAT64, expectClose, expectMatrixClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, seedArb } from "../linalg/random.ts";
import { caseSpecArb, featuresAt, makeCase } from "./cases.ts";

const runs = { numRuns: EXACT_RUNS };

describe("classMeans and globalMean", () => {
  test.prop([caseSpecArb], runs)("recover the means of a mixture with within-class-centred noise", (spec) => {
    const { features, labels, classes, means } = makeCase(spec);
    expectMatrixClose(classMeans(features, labels, classes), means, FLOAT64, "class means");
  });

  test.prop([caseSpecArb], runs)("μ_G is the mean of the class means (not of the samples)", (spec) => {
    const { features, labels, classes } = makeCase(spec);
    const means = classMeans(features, labels, classes);
    expectMatrixClose(globalMean(means), means.mean("column"), FLOAT64, "μ_G");
  });

  it("differs from the sample mean for unbalanced classes (hand-computed)", () => {
    const means = classMeans(new Matrix([[0], [0], [0], [4]]), [0, 0, 0, 1], 2);
    expect(means.to2DArray()).toEqual([[0], [4]]);
    expect(Array.from(globalMean(means))).toEqual([2]); // the sample mean is 1
  });
});

describe("withinClassCovariance and betweenClassCovariance", () => {
  test.prop([caseSpecArb], runs)("are symmetric positive semi-definite, Tr Σ_W = (1/N) Σ ‖h_n − μ_{y_n}‖²", (spec) => {
    const { features, labels, classes } = makeCase(spec);
    const sw = withinClassCovariance(features, labels, classes);
    const sb = betweenClassCovariance(features, labels, classes);
    expectMatrixClose(sw.transpose(), sw, FLOAT64, "Σ_Wᵀ");
    expectMatrixClose(sb.transpose(), sb, FLOAT64, "Σ_Bᵀ");
    const means = classMeans(features, labels, classes);
    let sumSq = 0;
    labels.forEach((y, n) => {
      for (let j = 0; j < spec.p; j++) sumSq += (features.get(n, j) - means.get(y, j)) ** 2;
    });
    expectClose(sw.trace(), sumSq / labels.length, FLOAT64, "Tr Σ_W");
    for (const [name, m] of [["Σ_W", sw], ["Σ_B", sb]] as const) {
      const x = gaussianMatrix(spec.seed + 3, spec.p, 1);
      expect(x.transpose().mmul(m).mmul(x).get(0, 0), `xᵀ ${name} x`).toBeGreaterThanOrEqual(-FLOAT64.abs);
    }
  });

  test.prop([caseSpecArb], runs)("Σ_B = M̃ᵀM̃/C has rank ≤ min(C − 1, p)", (spec) => {
    const { features, labels, classes } = makeCase(spec);
    const sb = betweenClassCovariance(features, labels, classes);
    const means = classMeans(features, labels, classes);
    const centred = means.clone().subRowVector(means.mean("column"));
    expectMatrixClose(sb, centred.transpose().mmul(centred).div(classes), FLOAT64, "Σ_B");
    expect(numericalRank(sb, 1e-10)).toBeLessThanOrEqual(Math.min(classes - 1, spec.p));
  });

  const balancedArb = fc.record({
    seed: seedArb,
    classes: fc.integer({ min: 2, max: 5 }),
    p: fc.integer({ min: 1, max: 8 }),
    perClass: fc.integer({ min: 1, max: 6 }),
  });

  test.prop([balancedArb], runs)(
    "add up to the total covariance around μ_G for balanced classes: Σ_T = Σ_W + Σ_B",
    ({ seed, classes, p, perClass }) => {
      const labels = Array.from({ length: classes * perClass }, (_, i) => i % classes);
      const means = gaussianMatrix(seed + 1, classes, p, 3);
      const features = gaussianMatrix(seed, labels.length, p).add(featuresAt(means, labels, null));
      const mu = globalMean(classMeans(features, labels, classes));
      const centred = features.clone().subRowVector(Array.from(mu));
      const total = centred.transpose().mmul(centred).div(labels.length);
      const sum = withinClassCovariance(features, labels, classes).add(
        betweenClassCovariance(features, labels, classes),
      );
      expectMatrixClose(sum, total, FLOAT64, "Σ_W + Σ_B");
    },
  );

  it("Σ_W is 0 for collapsed features and Σ_B is 0 when all class means coincide", () => {
    const collapsed = new Matrix([[1, 2], [1, 2], [3, 4]]);
    expect(singularValues(withinClassCovariance(collapsed, [0, 0, 1], 2)).every((s) => s === 0)).toBe(true);
    const sameMeans = new Matrix([[0, 1], [2, 1], [1, 0], [1, 2]]);
    expect(betweenClassCovariance(sameMeans, [0, 0, 1, 1], 2).to2DArray()).toEqual([[0, 0], [0, 0]]);
  });
});
