/**
 * Scaling out (README, "Scaling out"): `vitest run --shard=i/n` on separate machines, each writing
 * its own `allure-results/`, then one report from all of them. Checked on the demo claim specs
 * (two files, so two shards get one each): the shards' results are disjoint, together they are
 * the whole run, and `buildReport` (what `npx theorem-spec report --results a --results b` runs)
 * merges them into one report and one claims table. About 10 s on 2 cores.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG, primaryStatement } from "../../src/claims/catalog.ts";
import { buildReport } from "../../src/report/buildReport.ts";
import { readAllureResults } from "../../src/report/readAllureResults.ts";
import { DEMO_RESULT_COUNT, DEMO_VERDICTS, runDemoSpecs } from "./demoResults.ts";
import { reportTestResults } from "./reportData.ts";

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-shards-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("sharded runs merge into one report", () => {
  it("two shards write disjoint results that build one report with every result and claim", async () => {
    const shards = [path.join(tmp, "shard-1", "allure-results"), path.join(tmp, "shard-2", "allure-results")];
    const runs = await Promise.all(shards.map((dir, i) => runDemoSpecs(dir, [`--shard=${i + 1}/2`])));
    const perShard = await Promise.all(shards.map((d) => readAllureResults(d)));
    perShard.forEach((results, i) => expect(results.length, `shard ${i + 1}:\n${runs[i]!.output}`).toBeGreaterThan(0));
    const names = perShard.map((rs) => new Set(rs.map((r) => r.fullName)));
    for (const n of names[0]!) expect(names[1]!.has(n)).toBe(false);
    expect(names[0]!.size + names[1]!.size).toBe(DEMO_RESULT_COUNT);

    const output = path.join(tmp, "report");
    const built = await buildReport({ resultsDirs: shards, output, stdio: "pipe" });
    expect(built.allureExitCode, built.allureOutput).toBe(0);
    expect(built.reportBytes).toBeGreaterThan(100_000);
    for (const [id, verdict] of Object.entries(DEMO_VERDICTS)) {
      const primary = primaryStatement(CATALOG.find((c) => c.id === id)!).key;
      expect(built.summary.claims.find((c) => c.id === id)?.statements.find((s) => s.key === primary)?.verdict, id).toBe(verdict);
    }
    expect(built.summary.unlabelled).toBe(0);

    const embedded = reportTestResults(await fs.readFile(built.reportFile, "utf8"));
    const shardNames = perShard.flat().map((r) => r.name);
    for (const n of shardNames) expect(embedded.map((r) => r.name)).toContain(n);
    // Every catalogue claim is in the report: the demo's claims by their results, the others by a placeholder.
    const claimsInReport = new Set(embedded.flatMap((r) => (r.labels ?? []).filter((l) => l.name === "claim").map((l) => l.value)));
    expect([...claimsInReport].sort()).toEqual(CATALOG.map((c) => c.id as string).sort());
  });

  it("rejects a results directory that does not exist, naming it", async () => {
    await expect(buildReport({ resultsDirs: [path.join(tmp, "absent")], output: path.join(tmp, "r2") })).rejects.toThrowError(/results directory .*absent does not exist/);
  });
});
