import { describe, expect, it } from "vitest";
import { measure } from "../../src/bench/measure.ts";
import { claimMlpWorkload, metricsWorkload, treeCnnWorkload, wideMlpWorkload } from "../../src/bench/workloads.ts";

describe("benchmark", () => {
  it("measure: warm-up calls are not timed; the median of the repetitions is reported", async () => {
    let calls = 0;
    const m = await measure(() => {
      calls += 1;
    }, { warmup: 2, repetitions: 3 });
    expect(calls).toBe(5);
    expect(m.repetitions).toBe(3);
    expect(m.minSeconds).toBeLessThanOrEqual(m.medianSeconds);
    expect(m.medianSeconds).toBeLessThanOrEqual(m.maxSeconds);
    await expect(measure(() => {}, { repetitions: 0 })).rejects.toThrow(/repetitions = 0/);
  });

  it("every workload runs at a tiny size and counts its work in run-steps", async () => {
    for (const w of [claimMlpWorkload(2), wideMlpWorkload(2), treeCnnWorkload(2)]) {
      await w.run();
      expect(w.unitName).toBe("run-steps");
    }
    expect(claimMlpWorkload(2).units).toBe(20);
    expect(wideMlpWorkload(2).units).toBe(2);
    expect(treeCnnWorkload(2).units).toBe(20);
    expect(metricsWorkload().units).toBe(1);
  }, 60_000);
});
