import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copySpecResults, isSpecResult } from "../../src/report/claimResults.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

describe("isSpecResult", () => {
  it("recognises results of the claim specs by their fullName", () => {
    expect(isSpecResult("theorem-spec:specs/neural-collapse.spec.ts#NC1 …")).toBe(true);
    expect(isSpecResult("theorem-spec:tests/report/summary.test.ts#…")).toBe(false);
    expect(isSpecResult(undefined)).toBe(false);
  });
});

describe("copySpecResults", () => {
  it("copies the claim specs' results with the attachments they name (through steps), and leaves the others out", async () => {
    const src = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-src-"));
    const dst = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-dst-"));
    dirs.push(src, dst);
    const spec = { fullName: "theorem-spec:specs/x.spec.ts#a", steps: [{ attachments: [{ name: "d", source: "s1-attachment.json" }] }] };
    const unit = { fullName: "theorem-spec:tests/y.test.ts#b", attachments: [{ name: "e", source: "u1-attachment.json" }] };
    await fs.writeFile(path.join(src, "a-result.json"), JSON.stringify(spec));
    await fs.writeFile(path.join(src, "b-result.json"), JSON.stringify(unit));
    await fs.writeFile(path.join(src, "s1-attachment.json"), "{}");
    await fs.writeFile(path.join(src, "u1-attachment.json"), "{}");
    await fs.writeFile(path.join(src, "environment.properties"), "node=20");
    expect(await copySpecResults(src, dst)).toEqual({ kept: 1, left: 1 });
    expect((await fs.readdir(dst)).sort()).toEqual(["a-result.json", "environment.properties", "s1-attachment.json"]);
  });
});
