import { describe, expect, it } from "vitest";
import { compareQuantities, formatComparison, SPREAD_FACTOR } from "../../src/baselines/baseline.ts";
import { readBaseline } from "../../src/baselines/baselineFiles.ts";
import { neuralCollapseCanonical } from "../../src/families/neural-collapse/neuralCollapseCanonical.ts";
import { halveWeightDecay } from "../../src/train/halveWeightDecay.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";

describe("compareQuantities", () => {
  const base = { a: [1, 2, 3, 4], b: [10, 10, 10, 10] };

  it("exact: any change of any seed's value is a move", () => {
    expect(compareQuantities(base, base, true).every((r) => r.ok)).toBe(true);
    const rows = compareQuantities(base, { ...base, a: [1, 2, 3, 4.000001] }, true);
    expect(rows.find((r) => r.quantity === "a")!.ok).toBe(false);
    expect(rows.find((r) => r.quantity === "b")!.ok).toBe(true);
  });

  it("spread: the mean may move by SPREAD_FACTOR·√2·sd/√n, no more", () => {
    const sd = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
    const tol = (SPREAD_FACTOR * Math.SQRT2 * sd) / 2;
    const within = { ...base, a: base.a.map((v) => v + 0.99 * tol) };
    const beyond = { ...base, a: base.a.map((v) => v + 1.01 * tol) };
    expect(compareQuantities(base, within, false).find((r) => r.quantity === "a")!.ok).toBe(true);
    expect(compareQuantities(base, beyond, false).find((r) => r.quantity === "a")!.ok).toBe(false);
    // A quantity with no spread still gets a small relative tolerance rather than an exact one.
    expect(compareQuantities(base, { ...base, b: [10, 10, 10, 10.000001] }, false).find((r) => r.quantity === "b")!.ok).toBe(true);
  });

  it("a missing or new quantity is a move, and the table names it", () => {
    const rows = compareQuantities(base, { a: base.a, c: [1, 1, 1, 1] }, true);
    expect(rows.filter((r) => !r.ok).map((r) => r.quantity)).toEqual(["b", "c"]);
    expect(formatComparison(rows, true)).toMatch(/\| b \|.*MOVED/);
  });
});

describe("the regression baselines catch a real change", () => {
  it("the weight-decay convention applied wrong (λ instead of 2λ) moves the weight-decay arm's numbers, and they are named", async () => {
    const baseline = readBaseline("neural-collapse");
    expect(baseline, "fixtures/baselines/neural-collapse.json must exist (npm run baselines:update)").toBeDefined();
    const perturbed = await neuralCollapseCanonical.measure(halveWeightDecay(sgdTrainer()));
    // Judged by the lenient rule (seed-to-seed spread), as for a change of backend.
    const rows = compareQuantities(baseline!.quantities, perturbed, false);
    const moved = rows.filter((r) => !r.ok).map((r) => r.quantity);
    expect(moved.length, formatComparison(rows)).toBeGreaterThan(0);
    expect(moved.every((q) => q.startsWith("wd/")), `only the λ > 0 arm can move: ${moved.join(", ")}`).toBe(true);
    expect(moved).toContain("wd/final/rho");
  }, 120_000);
});
