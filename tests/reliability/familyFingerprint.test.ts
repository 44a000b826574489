/**
 * Per-family fingerprints (src/reliability/familyFingerprint.ts), as relations on a temporary tree:
 * a module imported by one family moves that family's fingerprint only, a shared decision module
 * moves every family that imports it, an excluded layer moves none, and cycles terminate.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimFamilies } from "../../src/reliability/claimFamilies.ts";
import { familyFingerprint, familyOfSpecFile } from "../../src/reliability/familyFingerprint.ts";
import { isFingerprintExcluded } from "../../src/reliability/fingerprintExclusions.ts";
import { importSpecifiers } from "../../src/reliability/importSpecifiers.ts";
import { localImportClosure } from "../../src/reliability/localImportClosure.ts";
import { rulesFingerprint } from "../../src/reliability/rulesFingerprint.ts";

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const fingerprints = () => Object.fromEntries(claimFamilies(root).map((f) => [f.family, f.fingerprint]));

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "theorem-spec-fingerprint-"));
  write("tests/setup/seeds.ts", `import { baseSeed } from "../../src/profile.ts";\nbaseSeed();\n`);
  write("src/profile.ts", `export const baseSeed = () => 1;\n`);
  write("src/stats/index.ts", `export * from "./meanBelow.ts";\n`);
  write("src/stats/meanBelow.ts", `export const meanBelow = (x: number) => x < 0;\n`);
  write("src/train/sgdTrainer.ts", `import { step } from "./step.ts";\nexport const train = () => step();\n`);
  write("src/train/step.ts", `export const step = () => 0;\n`);
  write("src/families/alpha/experiment.ts", `import { train } from "../../train/sgdTrainer.ts";\nimport { meanBelow } from "../../stats/index.ts";\nexport const run = () => meanBelow(train());\n`);
  write("src/families/beta/experiment.ts", `import { meanBelow } from "../../stats/index.ts";\nimport type { Only } from "./types.ts";\nexport const run = async () => (await import("./lazy.ts")).x && meanBelow(1);\n`);
  write("src/families/beta/lazy.ts", `export const x = 1;\n`);
  write("src/families/beta/types.ts", `export type Only = number;\n`);
  write("src/families/gamma/a.ts", `import { b } from "./b.ts";\nexport const a = () => b();\n`);
  write("src/families/gamma/b.ts", `import { a } from "./a.ts";\nexport const b = () => a;\n`);
  write("specs/alpha.spec.ts", `import { it } from "vitest";\nimport { run } from "../src/families/alpha/experiment.ts";\nit("A1 — x", () => run());\n`);
  write("specs/beta.spec.ts", `import { run } from "../src/families/beta/experiment.ts";\n// import { nothing } from "../src/not-there.ts";\nconst s = 'import "./nope.ts"';\nrun();\n`);
  write("specs/gamma.spec.ts", `import { a } from "../src/families/gamma/a.ts";\na();\n`);
  write("specs/regression.spec.ts", `import { train } from "../src/train/sgdTrainer.ts";\ntrain();\n`);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("per-family fingerprints", () => {
  it("one per claim spec file, named after it, covering the spec's import closure and the shared set-up", () => {
    const families = claimFamilies(root);
    expect(families.map((f) => [f.family, f.specFile])).toEqual([
      ["alpha", "specs/alpha.spec.ts"],
      ["beta", "specs/beta.spec.ts"],
      ["gamma", "specs/gamma.spec.ts"],
    ]);
    const alpha = families[0]!;
    expect(alpha.files).toEqual(["specs/alpha.spec.ts", "src/families/alpha/experiment.ts", "src/profile.ts", "src/stats/index.ts", "src/stats/meanBelow.ts", "tests/setup/seeds.ts"]);
    expect(alpha.excluded).toEqual(["src/train/sgdTrainer.ts"]);
    expect(alpha.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("follows dynamic imports, not type-only imports, comments or strings", () => {
    const beta = familyFingerprint(root, "specs/beta.spec.ts");
    expect(beta.files).toContain("src/families/beta/lazy.ts");
    expect(beta.files).not.toContain("src/families/beta/types.ts");
    expect(beta.files.some((f) => /not-there|nope/.test(f))).toBe(false);
  });

  it("a module imported only by family A changes A's fingerprint only", () => {
    const before = fingerprints();
    write("src/families/beta/lazy.ts", `export const x = 2;\n`);
    const after = fingerprints();
    expect(after.beta).not.toBe(before.beta);
    expect({ ...after, beta: "" }).toEqual({ ...before, beta: "" });
  });

  it("a shared decision module changes every family that imports it, and only those", () => {
    const before = fingerprints();
    write("src/stats/meanBelow.ts", `export const meanBelow = (x: number) => x <= 0;\n`);
    const after = fingerprints();
    expect(after.alpha).not.toBe(before.alpha);
    expect(after.beta).not.toBe(before.beta);
    expect(after.gamma).toBe(before.gamma);
  });

  it("the shared set-up changes every family", () => {
    const before = fingerprints();
    write("src/profile.ts", `export const baseSeed = () => 2;\n`);
    const after = fingerprints();
    for (const family of ["alpha", "beta", "gamma"]) expect(after[family]).not.toBe(before[family]);
  });

  it("an excluded layer changes none, nor does what only it imports", () => {
    const before = fingerprints();
    write("src/train/sgdTrainer.ts", `import { step } from "./step.ts";\nexport const train = () => step() + 0;\n`);
    write("src/train/step.ts", `export const step = () => 1;\n`);
    expect(fingerprints()).toEqual(before);
  });

  it("moving a family's code changes that family's fingerprint (names are hashed) and still follows it", () => {
    const before = fingerprints();
    write("src/families/gamma/moved/a.ts", `import { b } from "../b.ts";\nexport const a = () => b();\n`);
    write("src/families/gamma/b.ts", `import { a } from "./moved/a.ts";\nexport const b = () => a;\n`);
    write("specs/gamma.spec.ts", `import { a } from "../src/families/gamma/moved/a.ts";\na();\n`);
    const gamma = familyFingerprint(root, "specs/gamma.spec.ts");
    expect(gamma.files).toContain("src/families/gamma/moved/a.ts");
    expect(gamma.fingerprint).not.toBe(before.gamma);
    expect(fingerprints().alpha).toBe(before.alpha);
  });

  it("terminates on import cycles, visiting each module once", () => {
    const closure = localImportClosure(root, "specs/gamma.spec.ts");
    expect(closure.included).toEqual(["specs/gamma.spec.ts", "src/families/gamma/a.ts", "src/families/gamma/b.ts"]);
    write("src/families/gamma/b.ts", `import { a } from "./a.ts";\nimport "../../../specs/gamma.spec.ts";\nexport const b = () => a;\n`);
    expect(localImportClosure(root, "specs/gamma.spec.ts").included).toHaveLength(3);
  });

  it("the suite's rules fingerprint moves with any family's", () => {
    const before = rulesFingerprint(root);
    write("src/families/gamma/b.ts", `import { a } from "./a.ts";\nexport const b = () => a ?? 1;\n`);
    expect(rulesFingerprint(root)).not.toBe(before);
  });

  it("says which import it cannot resolve", () => {
    write("specs/gamma.spec.ts", `import { a } from "../src/families/gamma/missing.ts";\na();\n`);
    expect(() => familyFingerprint(root, "specs/gamma.spec.ts")).toThrow(/specs\/gamma\.spec\.ts imports "\.\.\/src\/families\/gamma\/missing\.ts", which resolves to no file/);
    expect(() => familyOfSpecFile("src/x.ts")).toThrow(/not a spec file; expected specs\/<family>\.spec\.ts/);
  });
});

describe("the modules a fingerprint reads", () => {
  it("import specifiers: static, side-effect, re-export and dynamic; not type-only", () => {
    const source = [
      `import a, { type T, b } from "./a.ts";`,
      `import type { U } from "./u.ts";`,
      `import "./side.ts";`,
      `export { c } from "./c.ts";`,
      `export type { V } from "./v.ts";`,
      `export * from "./star.ts";`,
      "/* import { z } from './z.ts' */",
      "const t = `import(\"./t.ts\")`;",
      `const m = await import("./dyn.ts");`,
      `import fc from "fast-check";`,
    ].join("\n");
    expect(importSpecifiers(source)).toEqual(["./a.ts", "./side.ts", "./c.ts", "./star.ts", "./dyn.ts", "fast-check"]);
  });

  it("exclusions: the trainer and numerics layers, not the decision code", () => {
    for (const f of ["src/train/sgdTrainer.ts", "src/metrics/nc1.ts", "src/linalg/kernels/x.ts", "src/backend.ts", "src/report/index.ts"]) expect(isFingerprintExcluded(f), f).toBe(true);
    for (const f of ["src/stats/meanBelow.ts", "src/harness/memoize.ts", "src/experiments/sgdNoiseExperiment.ts", "src/families/nc/experiment.ts", "src/profile.ts", "src/tolerances.ts", "src/backend.tsx"]) expect(isFingerprintExcluded(f), f).toBe(false);
  });
});
