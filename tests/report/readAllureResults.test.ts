import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readAllureResults } from "../../src/report/readAllureResults.ts";

describe("readAllureResults", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "allure-results-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("reads the *-result.json files and skips containers and attachments", async () => {
    await fs.writeFile(path.join(dir, "b-result.json"), JSON.stringify({ name: "b", status: "failed" }));
    await fs.writeFile(path.join(dir, "a-result.json"), JSON.stringify({ name: "a", status: "passed" }));
    await fs.writeFile(path.join(dir, "c-container.json"), "{}");
    await fs.writeFile(path.join(dir, "d-attachment.json"), "[1]");
    expect((await readAllureResults(dir)).map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("returns no results for a missing directory", async () => {
    expect(await readAllureResults(path.join(dir, "absent"))).toEqual([]);
  });

  it("names the file that is not JSON", async () => {
    await fs.writeFile(path.join(dir, "x-result.json"), "{");
    await expect(readAllureResults(dir)).rejects.toThrowError(/x-result\.json is not valid JSON/);
  });
});
