/**
 * The generalization-bound runner (G1–G4): its configuration and cells against the spec's,
 * argument errors, and tiny runs and an export in-process.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { cellsFor, generalizationBoundsRunner, sparseTargetConfig } from "../../../src/families/generalization-bounds/generalizationBoundsRunner.ts";
import { profileByName } from "../../../src/cli/profiles.ts";
import { cli, readExport, tempDir } from "../../helpers/cli.ts";

const ci = { profile: profileByName("ci"), seed: 11 };
/** Tiny G settings: depth 3 (input 8), few samples and steps. */
const TINY = ["--steps", "30", "--seeds", "2", "--depth", "3", "--test-count", "40"];

describe("the generalization-bound runner's configuration", () => {
  it("is the spec's experiment at the profile's size", () => {
    expect(sparseTargetConfig(ci, {})).toEqual({
      depth: 5, classes: 2, teacherWidth: 2, studentChannels: 8, testCount: 2000, learningRate: 0.05, warmupSteps: 300, batchSize: 16, gamma: 1, delta: 0.001, steps: 4000, seed: 11,
    });
    expect(sparseTargetConfig({ profile: profileByName("full"), seed: 1 }, { depth: 4, channels: 4, "test-count": 100 })).toMatchObject({ depth: 4, studentChannels: 4, testCount: 100, steps: 6000 });
  });

  it("trains the cells each claim decides on", () => {
    const cell = (student: string, teacher: string, trainCount: number) => ({ student, teacher, trainCount, weightDecay: 1e-3, seeds: 5 });
    expect(cellsFor("G2", ci, {})).toEqual([cell("cnn", "tree", 1000), cell("mlp", "tree", 1000)]);
    expect(cellsFor("G4", ci, { m: 250 })).toEqual([cell("cnn", "tree", 250), cell("mlp", "tree", 250), cell("cnn", "dense", 250), cell("mlp", "dense", 250)]);
    expect(cellsFor("G3", ci, {}).map((c) => `${c.teacher}/${c.trainCount}`)).toEqual(["tree/250", "shuffled/250", "tree/500", "shuffled/500", "tree/1000", "shuffled/1000"]);
    expect(cellsFor("G3", { ...ci, seeds: 2 }, { lambda: 0 })[0]).toMatchObject({ weightDecay: 0, seeds: 2 });
  });

  it("refuses options a claim does not use, and m grids it cannot sweep", () => {
    expect(() => generalizationBoundsRunner.prepare("G1", { ...ci, steps: 10 }, {})).toThrowError("--steps 10 does not apply to G1; it trains nothing");
    expect(() => generalizationBoundsRunner.prepare("G1", ci, { m: 250 })).toThrowError("--m 250 does not apply to G1");
    expect(() => generalizationBoundsRunner.prepare("G3", ci, { m: 250 })).toThrowError("--m 250 does not apply to G3; G3 sweeps m over --m-grid");
    expect(() => generalizationBoundsRunner.prepare("G2", ci, { "m-grid": [250, 500] })).toThrowError("--m-grid 250,500 does not apply to G2");
    expect(() => generalizationBoundsRunner.prepare("G4", ci, { cases: 5 })).toThrowError("--cases 5 does not apply to G4");
    expect(() => cellsFor("G3", ci, { "m-grid": [500, 250] })).toThrowError("--m-grid 500,250 is not valid; expected at least 2 strictly ascending values");
    expect(() => cellsFor("G3", ci, { "m-grid": [250.5, 500] })).toThrowError("--m-grid 250.5,500 is not valid; expected integers (250.5 is not)");
    expect(() => generalizationBoundsRunner.prepare("NC1", ci, {})).toThrowError("NC1 is not a generalization-bound claim");
  });
});

describe("theorem-spec run and export G1–G4 — tiny configurations", () => {
  it("G1: the identity on generated layers and tree CNNs, and its zero-padding control", async () => {
    const r = await cli(["run", "G1", "--cases", "3"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/✓ {2}G1 Toeplitz identity ‖W‖²_F = d_l‖w‖²_F, valid padding \(3 layers\): held on this configuration/);
    expect(r.out).toMatch(/✓ {2}G1 whole tree CNNs: .*: held on this configuration/);
    expect(r.out).toMatch(/✓ {2}G1 Toeplitz identity on the control \(zero 'same' padding, 3 layers\): fails on the control, as it must/);
  });

  it("G1: exports every checked layer", async () => {
    const file = path.join(await tempDir("theorem-spec-g-"), "g1.json");
    const r = await cli(["export", "G1", "--cases", "2", "--out", file]);
    expect(r.code, r.err).toBe(0);
    const doc = await readExport<{ valid: Array<{ errors: { identity: number } }>; samePadding: unknown[]; networks: unknown[] }>(file);
    expect(doc.valid).toHaveLength(2);
    expect(doc.samePadding).toHaveLength(2);
    expect(doc.networks).toHaveLength(4);
  });

  it("G2: bound terms, the depth sweep and both controls", async () => {
    const r = await cli(["run", "G2", ...TINY, "--m", "40"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("G2: ln(dense bound / Corollary 3.3 bound) against depth");
    expect(r.out).toMatch(/✓ {2}G2 growth above 0\.75 × predicted on the control \(dense networks\): fails on the control, as it must/);
  });

  it("G3: ρ and the bound against m, with the initial-weight control", async () => {
    const r = await cli(["run", "G3", ...TINY, "--m-grid", "20,40"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("G3: ρ, the bound and the gap against m");
    expect(r.out).toMatch(/G3 on the control \(Corollary 3\.3 with the initial weights\)/);
  });

  it("G4: test errors per seed on both teachers, and the export of every student", async () => {
    const file = path.join(await tempDir("theorem-spec-g-"), "g4.json");
    const r = await cli(["export", "G4", ...TINY, "--m", "40", "--out", file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("G4: test error per data seed, m = 40");
    const doc = await readExport<{ runs: Array<{ student: string; teacher: string; terms: { rho: number }; data: { inputs: { shape: number[] } }; snapshots: Array<{ weights: Array<{ shape: number[] }> }> }> }>(file);
    expect(doc.runs.map((x) => `${x.student}/${x.teacher}`)).toEqual(["cnn/tree", "cnn/tree", "cnn/dense", "cnn/dense", "mlp/tree", "mlp/tree", "mlp/dense", "mlp/dense"]);
    expect(doc.runs[0]!.data.inputs.shape).toEqual([40, 8]);
    expect(doc.runs[0]!.snapshots).toHaveLength(2);
    expect(doc.decisions.map((d) => d.expected)).toEqual([true, false]);
  });
});
