/**
 * The normalisation runner (N1, N2): its configuration against the spec's, argument errors, and
 * tiny runs and exports in-process.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizationConfig, normalizationRunner } from "../../../src/families/normalization/normalizationRunner.ts";
import { profileByName } from "../../../src/cli/profiles.ts";
import { N_NO_WD_STEPS_FACTOR } from "../../../src/families/normalization/normalizationExperiment.ts";
import { cli, readExport, tempDir } from "../../helpers/cli.ts";

const ci = { profile: profileByName("ci"), seed: 11 };
/** Tiny N settings: a second or two. */
const TINY = ["--steps", "60", "--seeds", "2", "--width", "8"];

describe("the normalisation runner's configuration", () => {
  it("is the spec's configuration (binary view) at the profile's size", () => {
    expect(normalizationConfig(ci, {})).toEqual({
      view: "binary", classes: 2, dim: 32, perClass: 32, separation: 2, noise: 3, hidden: [32, 32], learningRate: 0.05, warmupSteps: 1000,
      weightDecays: [5e-3, 1e-2, 2e-2], batchSize: 16, steps: 3000, noWdSteps: 9000, window: 1000, windowEvery: 10, trajectoryEvery: 100, seed: 11, seeds: 5,
    });
    expect(normalizationConfig({ profile: profileByName("full"), seed: 1 }, { view: "one-hot", classes: 4 })).toMatchObject({ classes: 4, perClass: 16, steps: 4500, window: 1000, warmupSteps: 1000, seeds: 8 });
  });

  it("shrinks the warm-up and the window in proportion for short runs, and applies overrides", () => {
    expect(normalizationConfig({ ...ci, steps: 600 }, {})).toMatchObject({ steps: 600, window: 200, warmupSteps: 200 });
    expect(normalizationConfig({ ...ci, steps: 600, seeds: 2 }, { window: 50, warmup: 7, lambdas: [0.1, 0.2], depth: 4, width: 8, lr: 0.01, batch: 64 })).toMatchObject({
      window: 50, warmupSteps: 7, weightDecays: [0.1, 0.2], hidden: [8, 8, 8], learningRate: 0.01, batchSize: 64, seeds: 2,
    });
  });

  it("refuses contradictory options, naming the option, the value and what was expected", () => {
    expect(() => normalizationConfig(ci, { classes: 3 })).toThrowError("--classes 3 needs --view one-hot");
    expect(normalizationConfig({ ...ci, steps: 20 }, {}).window).toBe(10); // at least one snapshot spacing
    expect(() => normalizationConfig({ ...ci, steps: 5 }, {})).toThrowError("--steps 5 gives a final window of 10 steps; expected 10 ≤ window ≤ steps = 5");
  });

  it("refuses windows, batches and grids that do not fit", () => {
    expect(() => normalizationConfig({ ...ci, steps: 20 }, { window: 30 })).toThrowError("--window 30 is not valid; expected 10 ≤ window ≤ steps = 20");
    expect(() => normalizationConfig({ ...ci, steps: 25 }, { window: 5 })).toThrowError("--window 5 is not valid");
    expect(() => normalizationConfig(ci, { batch: 65 })).toThrowError("--batch 65 is larger than the training set N = 64");
    expect(() => normalizationConfig(ci, { lambdas: [0.02, 0.01] })).toThrowError("--lambdas 0.02,0.01 is not valid; expected strictly ascending values");
    expect(() => normalizationRunner.prepare("N2", ci, { problems: 3 })).toThrowError("--problems 3 does not apply to N2");
    expect(() => normalizationRunner.prepare("D1", ci, {})).toThrowError("D1 is not a normalisation claim");
  });
});

describe("theorem-spec run and export N1, N2 — tiny configurations", () => {
  it("N1: trains, prints ρ against both equilibria, the balance and the exact closed forms, and decides with controls", async () => {
    const r = await cli(["run", "N1", ...TINY, "--problems", "3"]);
    expect(r.code, r.err).toBe(0);
    for (const title of ["Runs (training set)", "ρ against its equilibria over the final window", "ρ(t) and ρ*(V_t) over training", "Layer scales at the end", "N1 exact, single scale", "N1 exact, per-layer scales"]) {
      expect(r.out).toContain(title);
    }
    expect(r.out).toMatch(/N1 ρ at the single-scale equilibrium \(control\), λ = 0\.02: /);
    expect(r.out).toMatch(/✓ {2}N1 exact, single-scale closed form \(3 problems\): held on this configuration/);
    expect(r.err).toContain("training the λ grid (6 runs × 60 steps)");
    expect(r.err).toContain(`training λ = 0 (2 runs × ${N_NO_WD_STEPS_FACTOR * 60} steps)`);
  });

  it("N2: prints the gap, its exponent and the spread, with the frozen-features control", async () => {
    const r = await cli(["run", "N2", ...TINY, "--view", "one-hot", "--lambdas", "0.01,0.02", "--json"]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { tables: Array<{ title: string }>; decisions: Array<{ label: string; expected: boolean }> };
    expect(json.tables.map((t) => t.title)).toContain("Exponent s of the gap in λ per seed (1 − mean ρȳ ∝ λ^s over the grid)");
    expect(json.decisions.filter((d) => !d.expected).map((d) => d.label)).toContain("N2 margins equalise on the control (frozen features)");
  });

  it("N2 with one λ: no trend, and a warning that says why", async () => {
    const r = await cli(["run", "N2", ...TINY, "--lambdas", "0.02"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("warning: the N2 trend needs at least two λ in --lambdas; got 0.02");
  });

  it("exports N1's exact cases with the arms", async () => {
    const file = path.join(await tempDir("theorem-spec-n-"), "n1.json");
    const r = await cli(["export", "N1", ...TINY, "--problems", "2", "--out", file]);
    expect(r.code, r.err).toBe(0);
    const doc = await readExport<{ arms: Array<{ arm: string }>; exact: { singleScale: unknown[]; perLayer: unknown[] } }>(file);
    expect(doc.arms.map((a) => a.arm)).toEqual(["λ = 0", "λ = 0.005", "λ = 0.01", "λ = 0.02"]);
    expect(doc.exact.singleScale).toHaveLength(2);
  });

  it("exports every arm's data, weights, trajectory and window", async () => {
    const file = path.join(await tempDir("theorem-spec-n-"), "n2.json");
    const r = await cli(["export", "N2", ...TINY, "--out", file]);
    expect(r.code, r.err).toBe(0);
    const doc = await readExport<{ arms: Array<{ arm: string; runs: Array<{ data: { inputs: { shape: number[] } }; snapshots: Array<{ step: number; weights: Array<{ shape: number[] }> }>; trajectory: unknown[]; window: { rho: unknown } }> }> }>(file);
    expect(doc.claim).toBe("N2");
    expect(doc.arms.map((a) => a.arm)).toEqual(["λ = 0", "λ = 0.005", "λ = 0.01", "λ = 0.02", "λ = 0.02, frozen features"]);
    const run = doc.arms[4]!.runs[1]!;
    expect(run.data.inputs.shape).toEqual([64, 32]);
    expect(run.snapshots.map((s) => s.step)).toEqual([0, 60]);
    expect(run.snapshots[0]!.weights.map((w) => w.shape)).toEqual([[8, 32], [8, 8], [1, 8]]);
    expect(run.trajectory.length).toBeGreaterThan(2);
  });
});
