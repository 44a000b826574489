/**
 * The duality runner (D1, D2): its configurations against the spec's, argument errors, and tiny
 * runs and exports in-process.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { dualityRunner, nullSpaceConfig, stationaryConfig } from "../../../src/families/duality/dualityRunner.ts";
import { profileByName } from "../../../src/cli/profiles.ts";
import { cli, readExport, tempDir } from "../../helpers/cli.ts";

const ci = { profile: profileByName("ci"), seed: 11 };

describe("the duality runner's configurations", () => {
  it("D1: the upper ends of the spec's ranges, three λ over its λ range, B = N/2, 200 steps", () => {
    const c = nullSpaceConfig(ci, {});
    expect(c).toMatchObject({ view: "binary", classes: 2, dim: 40, perClass: 5, separation: 2, noise: 1, hidden: [24], batchSize: 5, steps: 200, seed: 11 });
    expect(c.runs.map((r) => r.weightDecay)).toEqual([0.005, expect.closeTo(Math.sqrt(0.005 * 0.1), 12), expect.closeTo(0.1, 12)]);
    expect(c.runs.every((r) => r.learningRate === 0.05)).toBe(true);
    expect(nullSpaceConfig({ ...ci, steps: 30 }, { view: "one-hot", "per-class": 3, depth: 3, width: 8, lambdas: [0.01], lr: 0.02, batch: 2 })).toMatchObject({
      classes: 3, perClass: 3, hidden: [8, 8], runs: [{ weightDecay: 0.01, learningRate: 0.02 }], batchSize: 2, steps: 30,
    });
  });

  it("D2: the spec's first configuration and optimiser at the profile's size", () => {
    expect(stationaryConfig(ci, {})).toEqual({
      view: "binary", classes: 2, dim: 32, perClass: 12, separation: 2, noise: 1, hidden: [40, 40], learningRate: 0.05, weightDecay: 0.04, steps: 2000, snapshots: 9, seed: 11, seeds: 5,
    });
    expect(stationaryConfig({ profile: profileByName("full"), seed: 1 }, { view: "one-hot", lambda: 0.02 })).toMatchObject({ classes: 3, perClass: 8, weightDecay: 0.02, steps: 3000, seeds: 8 });
    expect(stationaryConfig({ ...ci, steps: 4 }, {}).snapshots).toBe(5);
  });

  it("refuses configurations the experiments cannot run, naming the option and what was expected", () => {
    expect(() => nullSpaceConfig(ci, { dim: 10 })).toThrowError("--dim 10 is not above N = C · per-class = 2 · 5 = 10; expected d > N");
    expect(() => nullSpaceConfig(ci, { batch: 10 })).toThrowError("--batch 10 is not below N = 10; expected 1 ≤ B < N");
    expect(() => nullSpaceConfig(ci, { classes: 3 })).toThrowError("--classes 3 needs --view one-hot");
    expect(() => stationaryConfig(ci, { width: 20 })).toThrowError("--dim 32 and --width 20 must both exceed N = 24");
    expect(() => dualityRunner.prepare("D1", { ...ci, seeds: 3 }, {})).toThrowError("--seeds 3 does not apply to D1");
    expect(() => dualityRunner.prepare("D1", ci, { lambda: 0.1 })).toThrowError("--lambda 0.1 does not apply to D1");
    expect(() => dualityRunner.prepare("D2", ci, { lambdas: [0.1, 0.2] })).toThrowError("--lambdas 0.1,0.2 does not apply to D2; D2 trains by full-batch GD");
    expect(() => dualityRunner.prepare("N1", ci, {})).toThrowError("N1 is not a duality claim");
  });
});

describe("theorem-spec run and export D1, D2 — tiny configurations", () => {
  it("D1: the curves against (1 − 2ηλ)^t, the λ = 0 twins, and the exact decisions with their control", async () => {
    const r = await cli(["run", "D1", "--steps", "30"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("‖W⊥_t‖/‖W⊥_0‖ of the first layer");
    expect(r.out).toContain("λ = 0 twins (same seed, data, η, batches)");
    expect(r.out).toMatch(/✓ {2}D1 under full-batch GD: .*: held on this configuration/);
    expect(r.out).toMatch(/✓ {2}D1 under minibatch SGD: .*: held on this configuration/);
    expect(r.out).toMatch(/✓ {2}D1 on the control .*: fails on the control, as it must/);
  });

  it("D2: residuals, stationarity and the exact bound, with both controls", async () => {
    const r = await cli(["run", "D2", "--steps", "40", "--seeds", "2", "--dim", "30", "--width", "30", "--snapshots", "3"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Row-space residuals ‖W_k(I − P_k)‖_F/‖W_k‖_F per layer");
    expect(r.out).toMatch(/✓ {2}D2 exact bound: residual_k ≤ stationarity_k at every snapshot: held on this configuration — 6 snapshots/);
    expect(r.out).toMatch(/warning: 2 of 2 λ > 0 runs are not near-stationary/);
  });

  it("exports D1's curves with the weights at every step, and D2's arms", async () => {
    const dir = await tempDir("theorem-spec-d-");
    const d1 = await cli(["export", "D1", "--steps", "10", "--lambdas", "0.05,0.1", "--out", path.join(dir, "d1.json"), "--weights", "all"]);
    expect(d1.code, d1.err).toBe(0);
    const doc = await readExport<{ optimisers: Record<string, { decayed: Array<{ curve: { ratio: number[] }; snapshots: Array<{ weights: Array<{ shape: number[] }> }> }>; twins: unknown[] }> }>(path.join(dir, "d1.json"));
    expect(Object.keys(doc.optimisers)).toEqual(["gd", "sgd"]);
    expect(doc.optimisers.sgd!.decayed).toHaveLength(2);
    expect(doc.optimisers.sgd!.twins).toHaveLength(2);
    expect(doc.optimisers.gd!.decayed[0]!.curve.ratio).toHaveLength(11);
    expect(doc.optimisers.gd!.decayed[0]!.snapshots).toHaveLength(11);
    expect(doc.optimisers.gd!.decayed[0]!.snapshots[0]!.weights.map((w) => w.shape)).toEqual([[24, 40], [1, 24]]);
    const d2 = await cli(["export", "D2", "--steps", "10", "--seeds", "2", "--out", path.join(dir, "d2.json")]);
    expect(d2.code, d2.err).toBe(0);
    const doc2 = await readExport<{ arms: { wd: Array<{ trajectory: unknown[]; data: { inputs: { shape: number[] } } }>; noWd: unknown[] } }>(path.join(dir, "d2.json"));
    expect(doc2.arms.wd).toHaveLength(2);
    expect(doc2.arms.noWd).toHaveLength(2);
    expect(doc2.arms.wd[0]!.data.inputs.shape).toEqual([24, 32]);
  });
});
