import { describe, expect, it } from "vitest";
import { batchOrder } from "../../src/train/batchOrder.ts";
import { constantSchedule, stepDecay, warmup } from "../../src/train/schedule.ts";
import { decayCoefficient } from "../../src/train/weightDecay.ts";

describe("schedules", () => {
  it("constant, step decay and warm-up give the documented multipliers", () => {
    expect(constantSchedule(5, 10)).toBe(1);
    const s = stepDecay([0.5, 0.75], 0.1);
    expect([0, 4, 5, 7, 8, 9].map((t) => s(t, 10))).toEqual([1, 1, 0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1]);
    const w = warmup(10, 0.1);
    expect(w(0, 100)).toBeCloseTo(0.1, 12);
    expect(w(5, 100)).toBeCloseTo(0.55, 12);
    expect(w(10, 100)).toBe(1);
    expect(w(99, 100)).toBe(1);
  });

  it("rejects bad parameters", () => {
    expect(() => stepDecay([1.5], 0.1)).toThrow(/at\[0\] = 1.5/);
    expect(() => stepDecay([0.5], 0)).toThrow(/factor = 0/);
    expect(() => warmup(0)).toThrow(/steps = 0/);
    expect(() => warmup(5, 0)).toThrow(/start = 0/);
  });

  it("the weight-decay step coefficient is 2λ (loss adds λ‖W‖²)", () => {
    expect(decayCoefficient(0.25)).toBe(0.5);
  });
});

describe("batchOrder", () => {
  it("each epoch visits ⌊N/B⌋·B distinct samples; the same seed gives the same order", () => {
    const next = batchOrder(3, 10, 3);
    const again = batchOrder(3, 10, 3);
    const epoch = [next(), next(), next()].flatMap((b) => Array.from(b));
    expect(new Set(epoch).size).toBe(9);
    const epochAgain = [again(), again(), again()].flatMap((b) => Array.from(b));
    expect(epochAgain).toEqual(epoch);
    expect(next()).toHaveLength(3);
  });

  it("B = N is full-batch gradient descent in a fixed order", () => {
    const next = batchOrder(1, 4, 4);
    expect(Array.from(next())).toEqual([0, 1, 2, 3]);
    expect(Array.from(next())).toEqual([0, 1, 2, 3]);
    expect(() => batchOrder(1, 4, 5)).toThrow(/batchSize = 5/);
  });
});
