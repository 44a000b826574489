import { describe, expect, it } from "vitest";
import { balanceConstant } from "../../src/bounds/index.ts";
import { teacherArchitecture, treeTeacherData } from "../../src/data/treeTeacher.ts";
import { validateDataset } from "../../src/data/dataset.ts";
import { parameterShapes } from "../../src/nets/architecture.ts";
import { inputMatrix } from "../../src/nets/weightMatrices.ts";
import { studentCnn, studentMlp, type SparseTargetConfig } from "../../src/families/generalization-bounds/sparseTargetExperiment.ts";
import { decideRatioGrowth } from "../../src/families/generalization-bounds/sparseTargetPredictions.ts";
import { olsSlope } from "../../src/stats/index.ts";

const base = { depth: 4, classes: 2, trainCount: 300, testCount: 100, teacher: "tree" as const, teacherWidth: 2, pixels: "balanced" as const, seed: 3 };

describe("treeTeacherData", () => {
  it("is deterministic in its seed, with inputs of length 2^L and roughly balanced classes", () => {
    const a = treeTeacherData(base);
    const b = treeTeacherData(base);
    validateDataset(a.train);
    expect(a.train.dim).toBe(16);
    expect(Array.from(a.train.labels)).toEqual(Array.from(b.train.labels));
    const share = a.train.labels.reduce((s, y) => s + y, 0) / a.train.count;
    // Median threshold on 2 000 probes: the class-1 share of 300 samples has sd ≈ 0.03.
    expect(Math.abs(share - 0.5)).toBeLessThan(0.15);
  });

  it("the tree teacher is a kernel-2 stride-2 CNN; the dense teacher an MLP of the same depth", () => {
    expect(parameterShapes(teacherArchitecture(base))).toEqual([[2, 2], [2, 4], [2, 4], [2, 4]]);
    expect(parameterShapes(teacherArchitecture({ ...base, teacher: "dense", teacherWidth: 5 }))).toEqual([[5, 16], [5, 5], [5, 5], [2, 5]]);
    const dense = treeTeacherData({ ...base, teacher: "dense" });
    expect(dense.provenance.teacher).toBe("dense");
  });

  it("concentrated pixels raise the balance constant β", () => {
    const balanced = balanceConstant(inputMatrix(treeTeacherData(base).train));
    const concentrated = balanceConstant(inputMatrix(treeTeacherData({ ...base, pixels: "concentrated" }).train));
    expect(concentrated).toBeGreaterThan(balanced);
  });

  it("rejects bad parameters, naming them", () => {
    expect(() => treeTeacherData({ ...base, depth: 1 })).toThrow(/depth = 1/);
    expect(() => treeTeacherData({ ...base, teacher: "wide" as "tree" })).toThrow(/teacher = "wide"/);
    expect(() => treeTeacherData({ ...base, pixels: "odd" as "balanced" })).toThrow(/pixels = "odd"/);
    expect(() => treeTeacherData({ ...base, trainCount: 0 })).toThrow(/trainCount = 0/);
  });
});

describe("sparse-target students and rules", () => {
  const config = { depth: 5, classes: 2, teacherWidth: 2, studentChannels: 8 } as SparseTargetConfig;

  it("the dense student has the parameter count closest to the tree CNN's", () => {
    const count = (shapes: Array<[number, number]>) => shapes.reduce((a, [r, c]) => a + r * c, 0);
    const cnn = count(parameterShapes(studentCnn(config)));
    const mlp = studentMlp(config);
    const perUnit = 32 + 2;
    expect(Math.abs(count(parameterShapes(mlp)) - cnn)).toBeLessThanOrEqual(perUnit / 2);
  });

  it("olsSlope recovers the slope of a line; the growth rule accepts slope 1 and rejects 0", () => {
    expect(olsSlope([1, 2, 3, 4], [3, 5, 7, 9])).toBeCloseTo(2, 12);
    expect(decideRatioGrowth([0.99, 1.01, 1.0]).holds).toBe(true);
    expect(decideRatioGrowth([0.01, 0.0, 0.02]).holds).toBe(false);
  });
});
