/**
 * The SGD-noise runner (S1, S2): its configuration against the spec's, argument errors, and tiny
 * runs and an export in-process.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { sgdNoiseConfig, sgdNoiseRunner } from "../../../src/families/sgd-noise/sgdNoiseRunner.ts";
import { profileByName } from "../../../src/cli/profiles.ts";
import { cli, readExport, tempDir } from "../../helpers/cli.ts";

const ci = { profile: profileByName("ci"), seed: 11 };
const TINY = ["--steps", "32", "--seeds", "2", "--width", "8", "--pairs", "2"];

describe("the SGD-noise runner's configuration", () => {
  it("is the spec's, with the first value of each choice, at the profile's size", () => {
    expect(sgdNoiseConfig(ci, {})).toEqual({
      classes: 3, dim: 16, perClass: 16, separation: 2, noise: 1.5, hidden: [24, 24], weightDecay: 0.05, learningRate: 0.02, batchSize: 8,
      weightDecays: [0.025, 0.05, 0.1], learningRates: [0.01, 0.02, 0.04], batchSizes: [2, 8, 16], steps: 5000, noWdSteps: 15000, pairs: 8, seed: 11, seeds: 5,
    });
    expect(sgdNoiseConfig({ profile: profileByName("full"), seed: 1 }, { classes: 4 })).toMatchObject({ classes: 4, perClass: 12, steps: 7500, seeds: 8 });
  });

  it("refuses configurations the experiment cannot run, naming the option and what was expected", () => {
    expect(() => sgdNoiseConfig({ ...ci, steps: 60 }, {})).toThrowError("--steps 60 is too short for 8 recorded pairs per window; expected steps ≥ 8 · pairs = 64");
    expect(() => sgdNoiseConfig(ci, { lambdas: [0.1, 0.2] })).toThrowError("--lambdas 0.1,0.2 is not valid; expected it to contain λ₀ = 0.05");
    expect(() => sgdNoiseConfig(ci, { batches: [2, 48] })).toThrowError("--batches 2,48 is not valid; expected integers below N = 48 (B = 48 is not)");
    expect(() => sgdNoiseConfig(ci, { etas: [0.04, 0.02] })).toThrowError("--etas 0.04,0.02 is not valid; expected strictly ascending values");
    expect(() => sgdNoiseRunner.prepare("R1", ci, {})).toThrowError("R1 is not an SGD-noise claim");
  });
});

describe("theorem-spec run and export S1, S2 — tiny configurations", () => {
  it("S1: floors against GD and λ = 0, with the paired decade checks", async () => {
    const r = await cli(["run", "S1", ...TINY]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("S1: floors in units of the base setting's 2ηλ = 0.00200");
    expect(r.out).toContain("Per-step relative weight change ‖W_{t+1} − W_t‖/‖W_t‖ at the recorded steps (seed 0)");
    expect(r.out).toMatch(/S1 weight floor on the control \(full-batch GD\): /);
    expect(r.out).toMatch(/GD's output floor ≥ 1 decade below SGD's: /);
    expect(r.err).toContain("training full-batch GD (2 runs × 32 steps)");
  });

  it("S2: the rank-B consistency, its GD control, and the floor's exponents", async () => {
    const r = await cli(["run", "S2", ...TINY, "--lambdas", "0.05,0.1", "--etas", "0.02", "--batches", "2,4"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("S2: distance of W/‖W‖_F to rank B against the step bound, per batch size");
    expect(r.out).toMatch(/✓ {2}S2 the step bounds the distance of W\/‖W‖_F to rank B .*: held on this configuration/);
    expect(r.out).toMatch(/S2 on the control \(GD's steps, rank B = 2\)/);
    expect(r.out).toMatch(/^√\(\(N−B\)\/\(B\(N−1\)\)\) /m);
    expect(r.out).toContain("warning: the floor's trend in η needs at least two levels; got 0.02");
  });

  it("exports the recorded pairs, floors, data and weights of every arm", async () => {
    const file = path.join(await tempDir("theorem-spec-s-"), "s1.json");
    const r = await cli(["export", "S1", ...TINY, "--out", file, "--weights", "all"]);
    expect(r.code, r.err).toBe(0);
    const doc = await readExport<{ arms: Record<string, Array<{ level: number; runs: Array<{ pairs: unknown[]; data: { inputs: { shape: number[] } }; snapshots: Array<{ step: number }> }> }>> }>(file);
    expect(Object.keys(doc.arms)).toEqual(["lambda", "noWd", "gd"]);
    const gd = doc.arms.gd![0]!.runs[0]!;
    expect(gd.pairs).toHaveLength(4);
    expect(gd.data.inputs.shape).toEqual([48, 16]);
    expect(gd.snapshots.map((s) => s.step)).toEqual([0, 16, 17, 20, 21, 24, 25, 27, 28, 32]);
  });
});
