/**
 * Bad input to the data generators and the Dataset checks (issue #8, item 4): every invalid size,
 * scale, seed, shape or non-finite value is rejected with a message naming the function, the
 * argument, the value and what was expected.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { validateDataset, type Dataset } from "../../src/data/dataset.ts";
import { gaussianMixture, type GaussianMixtureConstraints } from "../../src/data/gaussianMixture.ts";
import { targetsFor } from "../../src/data/targets.ts";
import { teacherArchitecture, treeTeacherData, type TreeTeacherConstraints } from "../../src/data/treeTeacher.ts";
import { badInteger, badNonNegative, badPositive, expectRejects, nonFinite, nonInteger, shown } from "../helpers/badInput.ts";

/** Cheap properties: each run is one argument check. */
const RUNS = { numRuns: 50 };

const MIXTURE: GaussianMixtureConstraints = { classes: 3, dim: 2, perClass: 2, testPerClass: 1, separation: 2, noise: 1, seed: 1 };

/** A valid 4-sample, 2-dimensional, 2-class dataset. */
function dataset(): Dataset {
  return { inputs: Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]), labels: Int32Array.from([0, 1, 0, 1]), count: 4, dim: 2, classes: 2 };
}

describe("gaussianMixture", () => {
  const sizes = fc.constantFrom(
    ["classes", 2] as const,
    ["dim", 1] as const,
    ["perClass", 1] as const,
    ["testPerClass", 0] as const,
  );
  test.prop([sizes.chain(([name, min]) => fc.tuple(fc.constant(name), badInteger(min)))], RUNS)(
    "rejects sizes that are not integers ≥ their minimum",
    ([name, value]) => {
      expectRejects(() => gaussianMixture({ ...MIXTURE, [name]: value }), { fn: "gaussianMixture", arg: name, value: shown(value), expected: /expected an integer ≥ \d/ });
    },
  );

  test.prop([badPositive], RUNS)("rejects a separation that is not finite and > 0", (separation) => {
    expectRejects(() => gaussianMixture({ ...MIXTURE, separation }), { fn: "gaussianMixture", arg: "separation", value: shown(separation), expected: "expected a finite number > 0" });
  });

  test.prop([badNonNegative], RUNS)("rejects a noise scale that is negative or not finite", (noise) => {
    expectRejects(() => gaussianMixture({ ...MIXTURE, noise }), { fn: "gaussianMixture", arg: "noise", value: shown(noise), expected: "expected a finite number ≥ 0" });
  });

  test.prop([fc.oneof(nonInteger, nonFinite)], RUNS)("rejects a seed that is not an integer", (seed) => {
    expectRejects(() => gaussianMixture({ ...MIXTURE, seed }), { fn: "gaussianMixture", arg: "seed", value: shown(seed), expected: "expected an integer" });
  });

  it("rejects a missing constraints object", () => {
    expectRejects(() => gaussianMixture(null as never), { fn: "gaussianMixture", arg: "constraints", value: "null" });
  });
});

describe("validateDataset", () => {
  test.prop([fc.constantFrom(["count", 1] as const, ["dim", 1] as const, ["classes", 2] as const).chain(([f, min]) => fc.tuple(fc.constant(f), badInteger(min)))], RUNS)(
    "rejects counts, dimensions and class numbers out of range",
    ([field, value]) => {
      expectRejects(() => validateDataset({ ...dataset(), [field]: value }), { fn: "data", arg: `.${field}`, value: shown(value), expected: /expected an integer ≥/ });
    },
  );

  test.prop([fc.integer({ min: 0, max: 20 }).filter((n) => n !== 8)], RUNS)("rejects inputs whose length is not count × dim", (length) => {
    const data = { ...dataset(), inputs: new Float32Array(length) };
    expectRejects(() => validateDataset(data, "train"), { fn: "train", arg: ".inputs", value: `length ${length}`, expected: "expected count × dim = 4 × 2 = 8" });
  });

  test.prop([fc.integer({ min: 0, max: 10 }).filter((n) => n !== 4)], RUNS)("rejects labels whose length is not count", (length) => {
    expectRejects(() => validateDataset({ ...dataset(), labels: new Int32Array(length) }), { fn: "data", arg: ".labels", value: `length ${length}`, expected: "expected count = 4" });
  });

  test.prop([fc.integer({ min: 0, max: 7 }), nonFinite], RUNS)("rejects a non-finite input, naming its row and column", (at, value) => {
    const data = dataset();
    const inputs = Float32Array.from(data.inputs);
    inputs[at] = value;
    const where = `[${Math.floor(at / 2)}, ${at % 2}]`;
    expectRejects(() => validateDataset({ ...data, inputs }), { fn: "data", arg: `.inputs${where}`, value: shown(value), expected: "expected finite values" });
  });

  test.prop([fc.integer({ min: 0, max: 3 }), fc.oneof(fc.integer({ min: -100, max: -1 }), fc.integer({ min: 2, max: 100 }), nonInteger, nonFinite)], RUNS)(
    "rejects a label out of range or not an integer (also in a plain array)",
    (at, label) => {
      const labels = Array.from(dataset().labels);
      labels[at] = label;
      const data = { ...dataset(), labels: labels as unknown as Int32Array };
      expectRejects(() => validateDataset(data), { fn: "data", arg: `.labels[${at}]`, value: shown(label), expected: "expected an integer in [0, 2)" });
    },
  );

  it("rejects a value that is not a Dataset", () => {
    expectRejects(() => validateDataset(undefined as never, "runs[0].data"), { fn: "runs[0].data", arg: "data", value: "undefined", expected: /expected a Dataset/ });
    expectRejects(() => validateDataset({ ...dataset(), inputs: "x" as never }), { fn: "data", arg: ".inputs", value: 'string "x"', expected: /expected a Float32Array/ });
  });
});

describe("targetsFor", () => {
  test.prop([fc.oneof(badInteger(1), fc.integer({ min: 3, max: 50 }))], RUNS)("rejects an output count that fits neither view", (outputs) => {
    expectRejects(() => targetsFor(dataset(), outputs), { fn: "targetsFor", arg: "outputs", value: `outputs = ${shown(outputs)} with 2 classes`, expected: /expected outputs = classes/ });
  });

  test.prop([fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 50 })], RUNS)(
    "rejects a label out of range instead of writing into the next row",
    (at, label) => {
      const labels = Int32Array.from(dataset().labels);
      labels[at] = label;
      expectRejects(() => targetsFor({ ...dataset(), labels }, 2), { fn: "targetsFor: data", arg: `.labels[${at}]`, value: shown(label), expected: "expected an integer in [0, 2)" });
    },
  );
});

describe("treeTeacherData and teacherArchitecture", () => {
  const base: TreeTeacherConstraints = { depth: 2, classes: 2, trainCount: 4, testCount: 4, teacher: "tree", pixels: "balanced", seed: 1 };
  const sizes = fc.constantFrom(
    ["depth", 2] as const,
    ["classes", 2] as const,
    ["trainCount", 1] as const,
    ["testCount", 1] as const,
    ["teacherWidth", 1] as const,
  );
  test.prop([sizes.chain(([name, min]) => fc.tuple(fc.constant(name), badInteger(min)))], RUNS)(
    "treeTeacherData rejects sizes that are not integers ≥ their minimum",
    ([name, value]) => {
      expectRejects(() => treeTeacherData({ ...base, [name]: value }), { fn: "treeTeacherData", arg: name, value: shown(value), expected: /expected an integer ≥ \d/ });
    },
  );

  test.prop([fc.constantFrom(["depth", 2] as const, ["classes", 2] as const, ["teacherWidth", 1] as const).chain(([n, min]) => fc.tuple(fc.constant(n), badInteger(min)))], RUNS)(
    "teacherArchitecture rejects them too",
    ([name, value]) => {
      expectRejects(() => teacherArchitecture({ ...base, [name]: value }), { fn: "teacherArchitecture", arg: name, value: shown(value), expected: /expected an integer ≥ \d/ });
    },
  );

  test.prop([fc.string({ maxLength: 8 }).filter((s) => s !== "tree" && s !== "dense"), fc.string({ maxLength: 8 }).filter((s) => s !== "balanced" && s !== "concentrated")], RUNS)(
    "rejects an unknown teacher or pixel profile",
    (teacher, pixels) => {
      expectRejects(() => treeTeacherData({ ...base, teacher: teacher as never }), { fn: "treeTeacherData", arg: "teacher", value: JSON.stringify(teacher), expected: 'expected "tree" or "dense"' });
      expectRejects(() => treeTeacherData({ ...base, pixels: pixels as never }), { fn: "treeTeacherData", arg: "pixels", value: JSON.stringify(pixels), expected: 'expected "balanced" or "concentrated"' });
    },
  );

  test.prop([fc.oneof(nonInteger, nonFinite)], RUNS)("rejects a seed that is not an integer", (seed) => {
    expectRejects(() => treeTeacherData({ ...base, seed }), { fn: "treeTeacherData", arg: "seed", value: shown(seed), expected: "expected an integer" });
  });
});
