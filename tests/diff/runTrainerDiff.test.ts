import { describe, expect, it } from "vitest";
import { runTrainerDiff } from "../../src/diff/runTrainerDiff.ts";
import { halveWeightDecay } from "../../src/train/halveWeightDecay.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";

/** Short enough for npm test; the early steps are what the verdict is about. */
const STEPS = 40;

describe("runTrainerDiff (differential mode)", () => {
  it("the reference against itself: gap 0 at every step, agrees", async () => {
    const [d] = await runTrainerDiff({ external: sgdTrainer({ name: "reference again" }), families: ["normalization"], maxSteps: STEPS });
    expect(d!.agrees).toBe(true);
    expect(d!.problems).toEqual([]);
    expect(d!.medianGapByStep.every((p) => p.gap === 0)).toBe(true);
    expect(d!.final.step).toBe(STEPS);
  });

  it("λ instead of 2λ in the step: the first steps disagree beyond the float32 tolerance", async () => {
    const [d] = await runTrainerDiff({ external: halveWeightDecay(sgdTrainer()), families: ["normalization"], maxSteps: STEPS });
    expect(d!.agrees).toBe(false);
    expect(d!.worstEarly.ratio).toBeGreaterThan(1);
  });

  it("names an unknown family and a bad step cap", async () => {
    await expect(runTrainerDiff({ external: sgdTrainer(), families: ["nope"] })).rejects.toThrow(/family "nope".*expected one of/);
    await expect(runTrainerDiff({ external: sgdTrainer(), maxSteps: 0 })).rejects.toThrow(/maxSteps = 0/);
  });
});
