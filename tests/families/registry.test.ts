import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOG, CLAIM_FAMILIES, claimsOfFamily } from "../../src/claims/catalog.ts";
import { FAMILIES } from "../../src/families/registry.ts";

describe("the family registry (src/families/registry.ts)", () => {
  it("lists every catalogue family once, in catalogue order", () => {
    expect(FAMILIES.map((f) => f.family)).toEqual([...CLAIM_FAMILIES]);
  });

  it.each(FAMILIES.map((f) => [f.name, f] as const))("%s: claims, runner, spec, doc page and baselines are its own", (name, f) => {
    expect(f.claims).toEqual(claimsOfFamily(f.family).map((c) => c.id));
    expect(f.runner.family).toBe(f.family);
    expect(f.runner.claims).toEqual(f.claims);
    expect(f.specFile).toBe(`specs/${name}.spec.ts`);
    expect(existsSync(f.specFile), f.specFile).toBe(true);
    expect(existsSync(f.docPage), f.docPage).toBe(true);
    expect(existsSync(`src/families/${name}/index.ts`)).toBe(true);
    expect(readdirSync(`src/families/${name}`).filter((file) => file.endsWith("Claims.ts")), "the family's catalogue entries").toHaveLength(1);
    for (const run of f.canonicalRuns) {
      expect(run.family).toBe(name);
      expect(existsSync(`fixtures/baselines/${run.family}.json`)).toBe(true);
    }
  });

  it("covers every claim of the catalogue", () => {
    expect(FAMILIES.flatMap((f) => f.claims).sort()).toEqual(CATALOG.map((c) => c.id).sort());
  });
});
