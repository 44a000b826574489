import { describe, expect, it } from "vitest";
import { neuralCollapseConfig, neuralCollapseRunner } from "../../../src/families/neural-collapse/neuralCollapseRunner.ts";
import { parseValue } from "../../../src/cli/options.ts";
import { profileByName } from "../../../src/cli/profiles.ts";

const ci = { profile: profileByName("ci"), seed: 11 };

describe("neural-collapse CLI configuration", () => {
  it("refuses a warm-up longer than the run, naming both", () => {
    expect(() => neuralCollapseConfig({ ...ci, steps: 100 }, { warmup: 200 })).toThrow(/--warmup 200 is longer than the run \(100 steps\); expected a warm-up of at most --steps/);
    expect(neuralCollapseConfig({ ...ci, steps: 100 }, { warmup: 100 }).warmupSteps).toBe(100);
  });

  it("refuses --separation 0 at parsing (coinciding classes), with the expected range", () => {
    const spec = neuralCollapseRunner.options.find((o) => o.name === "separation")!;
    expect(() => parseValue("run", spec, "0")).toThrow(/--separation.*0.*expected a number ≥ 0\.000001|--separation.*0.*expected a number ≥ 1e-6/);
    expect(parseValue("run", spec, "0.5")).toBe(0.5);
  });
});
