import { describe, expect, it } from "vitest";
import { keptSnapshots, tensor } from "../../src/cli/exportTensors.ts";
import { profileByName } from "../../src/cli/profiles.ts";
import { rejectOptions, requireAscending, scaledLength, seedsPerArm, trainingSteps } from "../../src/cli/runSettings.ts";

describe("the runners' shared settings", () => {
  const ci = { profile: profileByName("ci"), seed: 1 };
  const full = { profile: profileByName("full"), seed: 1 };

  it("take seeds and steps from the overrides, else from the profile", () => {
    expect(seedsPerArm(ci)).toBe(5);
    expect(seedsPerArm({ ...full, seeds: 2 })).toBe(2);
    expect(trainingSteps(ci, 4000)).toBe(4000);
    expect(trainingSteps(full, 4000)).toBe(6000);
    expect(trainingSteps({ ...full, steps: 7 }, 4000)).toBe(7);
  });

  it("shrink a length tied to training in proportion for short runs only", () => {
    expect(scaledLength(1000, 3000, 600)).toBe(200);
    expect(scaledLength(1000, 3000, 4500)).toBe(1000);
    expect(scaledLength(1000, 3000, 1)).toBe(1);
    expect(scaledLength(1000, 3000, 20, 10)).toBe(10);
  });

  it("refuse unused options and unordered grids with the option, the value and what was expected", () => {
    expect(() => rejectOptions("G1", { m: 250, lambda: undefined }, ["lambda", "m"], "G1 trains nothing")).toThrowError("run: --m 250 does not apply to G1; G1 trains nothing");
    expect(() => rejectOptions("D2", { lambdas: [0.1, 0.2] }, ["lambdas"], "why")).toThrowError("--lambdas 0.1,0.2 does not apply to D2");
    expect(() => rejectOptions("D2", {}, ["lambdas"], "why")).not.toThrow();
    expect(() => requireAscending("etas", [0.1, 0.1])).toThrowError("run: --etas 0.1,0.1 is not valid; expected strictly ascending values");
    expect(() => requireAscending("etas", [0.1], 2)).toThrowError("expected at least 2 strictly ascending values");
    expect(() => requireAscending("etas", [0.1, 0.2], 2)).not.toThrow();
  });
});

describe("the export's tensors", () => {
  it("keep the first and last snapshot, or every one", () => {
    expect(keptSnapshots([1, 2, 3, 4], "ends")).toEqual([1, 4]);
    expect(keptSnapshots([1, 2, 3, 4], "all")).toEqual([1, 2, 3, 4]);
    expect(tensor(2, 3, [1, 2, 3, 4, 5, 6])).toEqual({ shape: [2, 3], order: "row-major", values: [1, 2, 3, 4, 5, 6] });
  });
});
