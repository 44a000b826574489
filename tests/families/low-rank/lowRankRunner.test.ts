/**
 * The low-rank runner (R1, R2): its configuration against the spec's, the arms per claim,
 * argument errors, and tiny runs and an export in-process.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { lowRankArms, lowRankConfig, lowRankRunner } from "../../../src/families/low-rank/lowRankRunner.ts";
import { profileByName } from "../../../src/cli/profiles.ts";
import { cli, readExport, tempDir } from "../../helpers/cli.ts";

const ci = { profile: profileByName("ci"), seed: 11 };
const TINY = ["--steps", "40", "--seeds", "2", "--width", "8"];

describe("the low-rank runner's configuration", () => {
  it("is the spec's, with the first value of each choice, at the profile's size", () => {
    expect(lowRankConfig(ci, {})).toEqual({
      classes: 3, dim: 16, perClass: 16, separation: 2, noise: 1.5, hidden: [24, 24], weightDecay: 0.02, learningRate: 0.05, batchSize: 8,
      weightDecays: [0.01, 0.02, 0.04], learningRates: [0.025, 0.05, 0.1], batchSizes: [2, 8, 32], steps: 4000, recordAt: [0, 250, 500, 1000, 2000, 3000, 4000],
      seed: 11, seeds: 5, normalized: { learningRate: 0.05, warmupSteps: 250, steps: 1000 },
    });
    expect(lowRankConfig({ profile: profileByName("full"), seed: 1 }, {})).toMatchObject({ steps: 6000, seeds: 8, normalized: { steps: 1000, warmupSteps: 250 } });
  });

  it("shortens the weight-normalised arm with short runs, and applies overrides", () => {
    expect(lowRankConfig({ ...ci, steps: 400 }, {}).normalized).toEqual({ learningRate: 0.05, warmupSteps: 25, steps: 100 });
    expect(lowRankConfig(ci, { classes: 4, width: 8, noise: 2, lambdas: [0.1, 0.2], etas: [0.01, 0.02], batches: [4, 63] })).toMatchObject({
      classes: 4, hidden: [8, 8], noise: 2, weightDecays: [0.1, 0.2], learningRates: [0.01, 0.02], batchSizes: [4, 63],
    });
  });

  it("trains the claim's arms: R2 adds the controls of its sweeps, R1 the weight-normalised arm", () => {
    expect(lowRankArms("R2", ["lambda", "eta", "batch"])).toEqual(["lambda", "eta", "batch", "noWd", "droppedWd"]);
    expect(lowRankArms("R2", ["eta"])).toEqual(["eta", "noWd"]);
    expect(lowRankArms("R1", ["lambda"])).toEqual(["lambda", "normalized"]);
  });

  it("refuses sweeps it cannot decide, naming the option, the values and what was expected", () => {
    expect(() => lowRankConfig(ci, { batches: [2, 64] })).toThrowError("--batches 2,64 is not valid; expected integers below N = 48 (B = 64 is not)");
    expect(() => lowRankConfig(ci, { lambdas: [0.01] })).toThrowError("--lambdas 0.01 is not valid; expected at least 2 strictly ascending values");
    expect(() => lowRankRunner.prepare("R2", ci, { cases: 5 })).toThrowError("--cases 5 does not apply to R2");
    expect(() => lowRankRunner.prepare("S1", ci, {})).toThrowError("S1 is not a low-rank claim");
  });
});

describe("theorem-spec run and export R1, R2 — tiny configurations", () => {
  it("R1: the exact checks and their controls on generated cases and along training", async () => {
    const r = await cli(["run", "R1", ...TINY, "--sweeps", "lambda", "--cases", "3"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("R1 exact checks (every layer of every case)");
    expect(r.out).toContain("R1 along training, hidden–hidden layer");
    expect(r.out).toMatch(/✓ {2}R1 bound at generated weights: held on this configuration/);
    expect(r.out).toMatch(/R1 control: the σ_B version at minibatch optima: /);
    expect(r.out).toMatch(/✓ {2}R1 bound along training \(plain and WN snapshots\): held on this configuration/);
  });

  it("R2: ranks per level, per-seed slopes, and every sweep's decision with its control", async () => {
    const r = await cli(["run", "R2", ...TINY, "--json"]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { tables: Array<{ title: string }>; decisions: Array<{ label: string; expected: boolean }> };
    expect(json.tables.map((t) => t.title)).toEqual(["Runs (training set)", "Total numerical rank at the end, per level (equal steps)", "Per-seed slope of the total rank per doubling of the level"]);
    expect(json.decisions.map((d) => d.label)).toEqual([
      "R2 low rank at λ = 0.04",
      "R2 low rank on the control (λ = 0, η = 0.025)",
      "R2 low rank on the control (λ = 0, η = 0.05)",
      "R2 low rank on the control (λ = 0, η = 0.1)",
      "R2 rank decreases with λ",
      "R2 λ trend on the control (weight decay silently dropped)",
      "R2 rank decreases with η",
      "R2 η trend on the control (λ = 0)",
      "R2 rank increases with B (the spec reports this, does not assert it: not found at equal steps)",
    ]);
  });

  it("exports every arm's runs with ranks, spectra, data and weights, and R1's checked cases", async () => {
    const file = path.join(await tempDir("theorem-spec-r-"), "r1.json");
    const r = await cli(["export", "R1", ...TINY, "--sweeps", "batch", "--cases", "2", "--out", file]);
    expect(r.code, r.err).toBe(0);
    const doc = await readExport<{ arms: Record<string, Array<{ level: number; runs: Array<{ final: Array<{ spectrum: number[] }>; snapshots: Array<{ step: number; weights: Array<{ shape: number[] }> }> }> }>>; exact: Record<string, unknown[]> }>(file);
    expect(Object.keys(doc.arms)).toEqual(["batch", "normalized"]);
    expect(doc.arms.batch!.map((l) => l.level)).toEqual([2, 8, 32]);
    const run = doc.arms.batch![0]!.runs[0]!;
    expect(run.snapshots.map((s) => s.step)).toEqual([0, 40]);
    expect(run.snapshots[0]!.weights.map((w) => w.shape)).toEqual([[8, 16], [8, 8], [3, 8]]);
    expect(run.final[1]!.spectrum).toHaveLength(8);
    expect(Object.keys(doc.exact)).toEqual(["generated", "atMinibatchOptimum", "atFullBatchOptimum", "alongTraining"]);
  });
});
