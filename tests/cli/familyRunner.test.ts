/**
 * The generic family runner (`src/cli/familyRunner.ts`): what it does once for every family —
 * refusing other families' claims and a claim's unused options, untrained phases as progress,
 * absent tables left out, the export's envelope — on a declared family that trains nothing, and
 * its small helpers. The six real families are run by their own tests and by the docs test.
 */
import { describe, expect, it } from "vitest";
import { control, familyRunner, outputView, planRun, prediction, regimeWarnings, trainingLabel, viewRows } from "../../src/cli/familyRunner.ts";
import { profileByName } from "../../src/cli/profiles.ts";
import { mean, perRunTable } from "../../src/cli/runsTable.ts";
import type { TrainingRequest } from "../../src/train/types.ts";

const ci = { profile: profileByName("ci"), seed: 5 };
const held = { holds: true, rule: "r", summary: "s" };

/** A family that trains nothing: one phase, two tables (one absent), a prediction and a control. */
const toy = familyRunner<"G1" | "G2">({
  family: "Generalization bounds",
  claims: ["G1", "G2"],
  noun: "a toy",
  description: "",
  options: [{ name: "cases", kind: "int", description: "" }],
  examples: [],
  rejects: { G2: { names: ["cases"], why: "G1 takes --cases" } },
  prepare: (claim) =>
    planRun({
      configuration: { claim },
      trainers: {},
      measure: (_, { phase }) => phase("counting", () => [1, 2, 3]),
      tables: (xs) => [{ title: "xs", columns: ["x"], rows: xs.map((x) => [x]) }, undefined],
      decide: (xs) => ({ decisions: [prediction("sum > 5", { ...held, holds: mean(xs) * xs.length > 5 }), control("sum > 6", { ...held, holds: false })], warnings: regimeWarnings(xs, (x) => x < 3, "at 3 or more") }),
      export: { experiment: "toy", conventions: { xs: "the numbers" }, data: (xs) => ({ xs }) },
    }),
});

describe("familyRunner and planRun", () => {
  it("refuses another family's claim and the options a claim does not take, naming them", () => {
    expect(() => toy.prepare("NC1", ci, {})).toThrowError("run: NC1 is not a toy claim");
    expect(() => toy.prepare("G2", ci, { cases: 3 })).toThrowError("run: --cases 3 does not apply to G2; G1 takes --cases");
    expect(toy.prepare("G1", ci, { cases: 3 }).configuration).toEqual({ claim: "G1" });
  });

  it("runs the declared phases as progress, leaves absent tables out and keeps the decision list in order", async () => {
    const progress: Array<[string, number, number]> = [];
    const run = await toy.prepare("G1", ci, {}).run({ progress: (label, done, total) => progress.push([label, done, total]) });
    expect(progress).toEqual([["counting", 0, 1], ["counting", 1, 1]]);
    expect(run.tables.map((t) => t.title)).toEqual(["xs"]);
    expect(run.decisions.map((d) => [d.label, d.expected, d.decision.holds])).toEqual([["sum > 5", true, true], ["sum > 6", false, false]]);
    expect(run.warnings).toEqual(["1 of 3 runs at 3 or more; the spec would call this configuration inconclusive"]);
  });

  it("wraps the export in its envelope, with the snapshot note of --weights", async () => {
    const run = await toy.prepare("G1", ci, {}).run({ progress: () => {} });
    expect(run.exportData({ snapshots: "ends" })).toEqual({ experiment: "toy", conventions: { xs: "the numbers", snapshots: "first and last snapshot (use --weights all for every one)" }, xs: [1, 2, 3] });
    expect(run.exportData({ snapshots: "all" })).toMatchObject({ conventions: { snapshots: "every recorded snapshot" } });
  });
});

describe("the runner helpers", () => {
  it("name a training call, the output view and the runs outside the regime", () => {
    const request = { runs: [{}, {}], steps: 40, batchSize: 8 } as unknown as TrainingRequest;
    expect(trainingLabel(() => "λ = 0", () => ", width 8")(request)).toBe("training λ = 0 (2 runs × 40 steps, width 8)");
    expect(outputView({}, 4)).toEqual({ view: "binary", classes: 2 });
    expect(outputView({ view: "one-hot" }, 4)).toEqual({ view: "one-hot", classes: 4 });
    expect(() => outputView({ classes: 3 }, 4)).toThrowError("--classes 3 needs --view one-hot");
    expect(viewRows({ view: "one-hot", classes: 3, perClass: 5, dim: 7 })).toEqual({ "output view": "one-hot (C = 3)", "train samples N": 15, "input dim d": 7 });
    expect(regimeWarnings([1, 2], () => true, "x")).toEqual([]);
  });

  it("perRunTable: arm, index, then the declared columns", () => {
    const t = perRunTable({ title: "t", arms: [["a", [1, 2]], ["b", [3]]], columns: [["x²", (x) => x * x], ["arm index", (_, a) => a]] });
    expect(t).toEqual({ title: "t", columns: ["arm", "#", "x²", "arm index"], rows: [["a", 0, 1, 0], ["a", 1, 4, 0], ["b", 0, 9, 1]] });
    expect(mean([])).toBeNaN();
  });
});
