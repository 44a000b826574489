import { describe, expect, it } from "vitest";
import { CATALOG, CLAIM_FAMILIES, claimsOfFamily } from "../../src/claims/catalog.ts";
import { generalizationBoundsRunner } from "../../src/families/generalization-bounds/generalizationBoundsRunner.ts";
import { armsFor, neuralCollapseConfig, neuralCollapseRunner } from "../../src/families/neural-collapse/neuralCollapseRunner.ts";
import { NC_STEPS } from "../../src/families/neural-collapse/neuralCollapseExperiment.ts";
import { profileByName } from "../../src/cli/profiles.ts";
import { FAMILY_RUNNERS, registryProblems, runnableClaims, runnerFor, type FamilyRunner } from "../../src/cli/registry.ts";

describe("the CLI registry", () => {
  it("is consistent: claims of the runner's family, one runner per claim, no shared option redeclared", () => {
    expect(registryProblems()).toEqual([]);
  });

  it("finds the problems it is meant to find", () => {
    const wrongFamily: FamilyRunner = { ...neuralCollapseRunner, claims: ["D1"] };
    const clash: FamilyRunner = { ...neuralCollapseRunner, family: "Duality", claims: [], options: [{ name: "seed", kind: "int", description: "" }] };
    expect(registryProblems([neuralCollapseRunner, wrongFamily, clash])).toEqual([
      "Duality declares --seed, an option every family shares",
      "D1 belongs to Duality, registered by the Neural collapse runner",
    ]);
    expect(registryProblems([neuralCollapseRunner, neuralCollapseRunner])[0]).toMatch(/NC1 is registered twice/);
  });

  it("runs every catalogue claim, each with exactly one runner, one runner per family in catalogue order", () => {
    expect(runnableClaims()).toEqual(CATALOG.map((c) => c.id));
    for (const c of CATALOG) expect(FAMILY_RUNNERS.filter((r) => r.claims.includes(c.id)).map((r) => r.family), c.id).toEqual([c.family]);
    expect(FAMILY_RUNNERS.map((r) => r.family)).toEqual([...CLAIM_FAMILIES]);
    for (const family of CLAIM_FAMILIES) expect(FAMILY_RUNNERS.find((r) => r.family === family)?.claims).toEqual(claimsOfFamily(family).map((c) => c.id));
    expect(runnerFor("NC-WD")).toBe(neuralCollapseRunner);
    expect(runnerFor("G1")).toBe(generalizationBoundsRunner);
    expect(runnerFor("G1", [neuralCollapseRunner])).toBeUndefined();
    expect(runnableClaims([neuralCollapseRunner])).toEqual(claimsOfFamily("Neural collapse").map((c) => c.id));
  });

  it("documents every family with examples: at least one quick one that trains (the docs test runs it)", () => {
    for (const r of FAMILY_RUNNERS) {
      expect(r.examples.every((e) => e.command.startsWith("npx theorem-spec ")), r.family).toBe(true);
      expect(r.examples.some((e) => e.quick && !e.command.includes("--dry-run")), r.family).toBe(true);
      // A slow example is checked with --dry-run appended: it must not carry one already.
      expect(r.examples.filter((e) => !e.quick && e.command.includes("--dry-run")), r.family).toEqual([]);
    }
  });
});

describe("the neural-collapse runner's configuration", () => {
  const ci = { profile: profileByName("ci"), seed: 11 };

  it("takes the spec's first generated configuration as default, scaled by the profile", () => {
    const c = neuralCollapseConfig(ci, {});
    expect(c).toEqual({
      classes: 3, dim: 32, perClass: 25, separation: 2, noise: 2, hidden: [64, 64], learningRate: 0.025, warmupSteps: 1000,
      weightDecay: 1e-2, batchSize: 16, steps: NC_STEPS, snapshots: 17, seed: 11, seeds: 5,
    });
    const full = neuralCollapseConfig({ profile: profileByName("full"), seed: 1 }, { depth: 4 });
    expect(full).toMatchObject({ hidden: [64, 64, 64], learningRate: 0.014, weightDecay: 1.2e-2, steps: 12_000, seeds: 8, warmupSteps: 1000 });
  });

  it("applies overrides, keeps the warm-up within short runs, and caps snapshots at steps + 1", () => {
    const c = neuralCollapseConfig({ ...ci, steps: 40, seeds: 2 }, { width: 8, lr: 0.1, wd: 0, snapshots: 100, batch: 75 });
    expect(c).toMatchObject({ hidden: [8, 8], learningRate: 0.1, weightDecay: 0, warmupSteps: 5, steps: 40, seeds: 2, snapshots: 41, batchSize: 75 });
    expect(neuralCollapseConfig({ ...ci, steps: 2 }, {}).warmupSteps).toBe(1);
  });

  it("picks the claim's arms, or the --arms override with wd first", () => {
    expect(armsFor("NC3", {})).toEqual(["wd", "noWd"]);
    expect(armsFor("NC1", {})).toEqual(["wd", "frozen"]);
    expect(armsFor("NC1", { arms: ["frozen", "wd", "noWd"] })).toEqual(["wd", "noWd", "frozen"]);
    expect(() => armsFor("NC1", { arms: ["noWd"] })).toThrowError(/must include wd/);
  });

  it("refuses a claim of another family", () => {
    expect(() => neuralCollapseRunner.prepare("D1", ci, {})).toThrowError(/D1 is not a neural-collapse claim/);
  });
});
