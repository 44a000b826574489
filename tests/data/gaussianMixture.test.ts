import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import { validateDataset } from "../../src/data/dataset.ts";
import { targetsFor } from "../../src/data/targets.ts";

const base = { classes: 3, dim: 8, perClass: 10, testPerClass: 5, separation: 3, noise: 1, seed: 1 };

describe("gaussianMixture", () => {
  test.prop([
    fc.record({
      classes: fc.integer({ min: 2, max: 6 }),
      dim: fc.integer({ min: 1, max: 20 }),
      perClass: fc.integer({ min: 1, max: 20 }),
      testPerClass: fc.integer({ min: 0, max: 5 }),
      separation: fc.double({ min: 0.1, max: 10, noNaN: true }),
      noise: fc.double({ min: 0, max: 5, noNaN: true }),
      seed: fc.integer(),
    }),
  ])("is balanced, consistent and deterministic in its seed", (c) => {
    const a = gaussianMixture(c);
    const b = gaussianMixture(c);
    validateDataset(a.train);
    expect(a.train.count).toBe(c.classes * c.perClass);
    expect(a.test.count).toBe(c.classes * c.testPerClass);
    for (let k = 0; k < c.classes; k++) {
      expect(a.train.labels.filter((y) => y === k).length).toBe(c.perClass);
    }
    expect(Array.from(a.train.inputs)).toEqual(Array.from(b.train.inputs));
    expect(a.provenance.seed).toBe(c.seed);
  });

  it("with zero noise every sample sits on its class centre, at distance `separation` from 0", () => {
    const { train } = gaussianMixture({ ...base, noise: 0 });
    for (let n = 0; n < train.count; n++) {
      const row = train.inputs.subarray(n * train.dim, (n + 1) * train.dim);
      expect(Math.hypot(...row)).toBeCloseTo(base.separation, 5);
      const same = train.inputs.subarray(((n + 3) % train.count) * train.dim, (((n + 3) % train.count) + 1) * train.dim);
      if ((n + 3) % train.count === n + 3) expect(Array.from(same)).toEqual(Array.from(row));
    }
  });

  it("the within-class noise has E‖x − centre‖² = noise²", () => {
    const noise = 2;
    const { train } = gaussianMixture({ ...base, dim: 50, perClass: 400, noise });
    const clean = gaussianMixture({ ...base, dim: 50, perClass: 400, noise: 0 }).train;
    let sq = 0;
    for (let i = 0; i < train.inputs.length; i++) sq += (train.inputs[i]! - clean.inputs[i]!) ** 2;
    const meanSq = sq / train.count;
    // ‖ε‖² ~ noise²/d · χ²_d: relative standard error √(2/d)/√N ≈ 0.0058 here.
    expect(Math.abs(meanSq / noise ** 2 - 1)).toBeLessThan(5 * 0.0058);
  });

  it("rejects invalid parameters, naming the argument and the value", () => {
    expect(() => gaussianMixture({ ...base, classes: 1 })).toThrow(/classes = 1.*≥ 2/);
    expect(() => gaussianMixture({ ...base, perClass: 0 })).toThrow(/perClass = 0/);
    expect(() => gaussianMixture({ ...base, separation: -1 })).toThrow(/separation = -1/);
    expect(() => gaussianMixture({ ...base, noise: Number.NaN })).toThrow(/noise = NaN/);
    expect(() => gaussianMixture({ ...base, seed: 0.5 })).toThrow(/seed = 0.5/);
  });
});

describe("validateDataset", () => {
  it("names the bad entry", () => {
    const { train } = gaussianMixture(base);
    const inputs = train.inputs.slice();
    inputs[5] = Number.NaN;
    expect(() => validateDataset({ ...train, inputs })).toThrow(/inputs\[0, 5\] = NaN/);
    const labels = train.labels.slice();
    labels[2] = 7;
    expect(() => validateDataset({ ...train, labels })).toThrow(/labels\[2\] = 7/);
    expect(() => validateDataset({ ...train, count: 3 })).toThrow(/inputs has length/);
  });
});

describe("targetsFor", () => {
  it("one-hot rows sum to 1 at the label; the binary view is ±1", () => {
    const { train } = gaussianMixture(base);
    const y = targetsFor(train, 3);
    for (let n = 0; n < train.count; n++) {
      expect(y[n * 3 + train.labels[n]!]).toBe(1);
      expect(y[n * 3]! + y[n * 3 + 1]! + y[n * 3 + 2]!).toBe(1);
    }
    const binary = gaussianMixture({ ...base, classes: 2 }).train;
    const yb = targetsFor(binary, 1);
    binary.labels.forEach((l, n) => expect(yb[n]).toBe(l === 1 ? 1 : -1));
    expect(() => targetsFor(train, 1)).toThrow(/outputs = 1 with 3 classes/);
  });
});
