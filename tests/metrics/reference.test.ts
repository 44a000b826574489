/**
 * Agreement with an independent numpy reference (`scripts/fixtures/nc_reference.py`, fixtures in
 * `fixtures/nc/`, provenance in `fixtures/README.md`): the reference computes every metric the
 * textbook way (full p × p covariances, `numpy.linalg.eigh`, LAPACK SVD) on seeded Gaussian-mixture
 * cases, including unbalanced classes and p < C − 1.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { singularValues } from "../../src/linalg/index.ts";
import {
  DEFAULT_RANK_TOLERANCE,
  NC1_RELATIVE_TOLERANCE,
  cdnv,
  classMeans,
  effectiveRank,
  nc1,
  nc2,
  nc3,
  nc4,
  neuralCollapse,
  numericalRank,
  stableRank,
} from "../../src/metrics/index.ts";
import { FLOAT64_REFERENCE as TOL, expectClose, expectMatrixClose } from "../tolerances.ts";

interface RankValues {
  singularValues: number[];
  numericalRank: number;
  stableRank: number;
  effectiveRank: number;
}

interface Fixture {
  name: string;
  seed: number;
  numpy: string;
  constants: { nc1RelativeTolerance: number; rankTolerance: number };
  inputs: {
    classes: number;
    labels: number[];
    features: number[][];
    classifier: number[][];
    weight: number[][];
  };
  expected: {
    classMeans: number[][];
    nc1: number;
    cdnv: { mean: number; max: number; pairwise: number[][] };
    nc2: { equinorm: number; equiangularity: number; etfDistance: number };
    nc3: { uncentred: number; centred: number };
    nc4: number;
    features: RankValues;
    classifier: RankValues;
    weight: RankValues;
  };
}

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/nc");
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), "utf8")) as Fixture);

describe("numpy reference fixtures", () => {
  it("are present and use the library's tolerances", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3);
    for (const f of fixtures) {
      expect(f.constants.nc1RelativeTolerance).toBe(NC1_RELATIVE_TOLERANCE);
      expect(f.constants.rankTolerance).toBe(DEFAULT_RANK_TOLERANCE);
    }
  });

  const cases = fixtures.map((f) => [`${f.name} (seed ${f.seed}, numpy ${f.numpy})`, f] as const);

  describe.each(cases)("%s", (_, f) => {
    const { classes, labels } = f.inputs;
    const features = new Matrix(f.inputs.features);
    const classifier = new Matrix(f.inputs.classifier);
    const e = f.expected;

    it("class means", () => {
      expectMatrixClose(classMeans(features, labels, classes), new Matrix(e.classMeans), TOL, "class means");
    });

    it("NC1 and CDNV", () => {
      expectClose(nc1(features, labels, classes), e.nc1, TOL, "NC1");
      const c = cdnv(features, labels, classes);
      expectClose(c.mean, e.cdnv.mean, TOL, "CDNV mean");
      expectClose(c.max, e.cdnv.max, TOL, "CDNV max");
      expectMatrixClose(c.pairwise, new Matrix(e.cdnv.pairwise), TOL, "CDNV pairwise");
    });

    it("NC2, NC3, NC4", () => {
      const n2 = nc2(features, labels, classes);
      expectClose(n2.equinorm, e.nc2.equinorm, TOL, "equinorm");
      expectClose(n2.equiangularity, e.nc2.equiangularity, TOL, "equiangularity");
      expectClose(n2.etfDistance, e.nc2.etfDistance, TOL, "etfDistance");
      const n3 = nc3(classifier, features, labels, classes);
      expectClose(n3.uncentred, e.nc3.uncentred, TOL, "NC3 uncentred");
      expectClose(n3.centred, e.nc3.centred, TOL, "NC3 centred");
      expect(nc4(classifier, features, labels, classes)).toBe(e.nc4);
    });

    it("neuralCollapse agrees with the reference on every field", () => {
      const all = neuralCollapse(classifier, features, labels, classes);
      expectClose(all.nc1, e.nc1, TOL, "NC1");
      expectClose(all.cdnv.mean, e.cdnv.mean, TOL, "CDNV mean");
      expectClose(all.nc2.etfDistance, e.nc2.etfDistance, TOL, "etfDistance");
      expectClose(all.nc3.uncentred, e.nc3.uncentred, TOL, "NC3 uncentred");
      expect(all.nc4).toBe(e.nc4);
    });

    it.each([
      ["features", f.inputs.features, e.features],
      ["classifier", f.inputs.classifier, e.classifier],
      ["weight", f.inputs.weight, e.weight],
    ] as const)("singular values and ranks of the %s", (what, rows, ranks) => {
      const a = new Matrix(rows as number[][]);
      expectMatrixClose(singularValues(a), ranks.singularValues, TOL, `σ(${what})`);
      expect(numericalRank(a)).toBe(ranks.numericalRank);
      expectClose(stableRank(a), ranks.stableRank, TOL, `stable rank of ${what}`);
      expectClose(effectiveRank(a), ranks.effectiveRank, TOL, `effective rank of ${what}`);
    });
  });
});
