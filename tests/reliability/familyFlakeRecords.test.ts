/**
 * Per-family flake records (issue #18): what `reliability:flake` runs (stale → archive and restart,
 * short → resume, current and complete → nothing), the record files and their archive, splitting a
 * record of every family, and the tables that show each family's record with its commit and date.
 */
import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { familyCommit } from "../../src/reliability/familyCommit.ts";
import { archiveFamilyFlakeRecord, readArchivedFamilyFlakeRecords, readFamilyFlakeRecords, writeFamilyFlakeRecord } from "../../src/reliability/familyFlakeFiles.ts";
import { familyFlakeRates } from "../../src/reliability/familyFlakeRates.ts";
import { familyRecordState, flakePlan, streamRuns } from "../../src/reliability/flakePlan.ts";
import type { FamilyFlakeRecord, FlakeRecord, StreamRecord } from "../../src/reliability/records.ts";
import { familyFlakeMarkdown } from "../../src/reliability/reliabilityTables.ts";
import { splitFlakeRecord } from "../../src/reliability/splitFlakeRecord.ts";
import { streamSeed } from "../../src/reliability/streamSeed.ts";
import { claimVerdicts, testOutcomes, testOutcomesByFile, type VitestJsonReport } from "../../src/reliability/testOutcomes.ts";

const report = (files: Record<string, Array<[string, string, string?]>>): VitestJsonReport => ({
  testResults: Object.entries(files).map(([name, tests]) => ({
    name,
    startTime: 1_000,
    endTime: 4_500,
    assertionResults: tests.map(([title, status, message]) => ({ title, status, failureMessages: message === undefined ? [] : [message] })),
  })),
});

function stream(k: number, tests: Array<[string, string, string?]>): StreamRecord {
  const outcomes = testOutcomes(report({ "specs/x.spec.ts": tests }));
  return { stream: k, seed: streamSeed(k), seconds: 3, tests: outcomes.length, verdicts: claimVerdicts(outcomes), failures: outcomes.filter((o) => o.outcome !== "pass") };
}

const record = (family: string, fingerprint: string, streams: number, failing: number[] = []): FamilyFlakeRecord => ({
  family,
  specFile: `specs/${family}.spec.ts`,
  fingerprint,
  commit: "abc1234",
  generated: "2026-12-03T10:00:00.000Z",
  backend: "wasm",
  profile: "ci",
  node: "20.20.2",
  streams: Array.from({ length: streams }, (_, k) => stream(k, [["D1 — a", failing.includes(k) ? "failed" : "passed", "AssertionError: x"], ["D1 (control) — a", "passed"]])),
});

const families = [
  { family: "duality", specFile: "specs/duality.spec.ts", fingerprint: "d-now" },
  { family: "low-rank", specFile: "specs/low-rank.spec.ts", fingerprint: "r-now" },
  { family: "sgd-noise", specFile: "specs/sgd-noise.spec.ts", fingerprint: "s-now" },
];

describe("the plan of a flake run", () => {
  it("re-measures a stale family from stream 0, resumes a short one, and leaves a current complete one alone", () => {
    const plan = flakePlan(families, [record("duality", "d-now", 5), record("low-rank", "r-before", 5), record("sgd-noise", "s-now", 3)], 5);
    expect(plan.map((p) => [p.family, p.state, p.recorded, p.todo])).toEqual([
      ["duality", "current", 5, []],
      ["low-rank", "stale", 0, [0, 1, 2, 3, 4]],
      ["sgd-noise", "current", 3, [3, 4]],
    ]);
    expect(streamRuns(plan)).toEqual([
      { stream: 0, specFiles: ["specs/low-rank.spec.ts"] },
      { stream: 1, specFiles: ["specs/low-rank.spec.ts"] },
      { stream: 2, specFiles: ["specs/low-rank.spec.ts"] },
      { stream: 3, specFiles: ["specs/low-rank.spec.ts", "specs/sgd-noise.spec.ts"] },
      { stream: 4, specFiles: ["specs/low-rank.spec.ts", "specs/sgd-noise.spec.ts"] },
    ]);
  });

  it("runs nothing when every record is current and long enough, and measures a family with no record", () => {
    const complete = families.map((f) => record(f.family, f.fingerprint, 3));
    expect(streamRuns(flakePlan(families, complete, 3))).toEqual([]);
    expect(streamRuns(flakePlan(families, complete, 2))).toEqual([]);
    const plan = flakePlan(families, complete.slice(1), 2);
    expect(plan[0]).toMatchObject({ family: "duality", state: "missing", todo: [0, 1] });
    expect(familyRecordState(undefined, "x")).toBe("missing");
  });

  it("refuses a bad stream count and a record filed under another spec file", () => {
    expect(() => flakePlan(families, [], 0)).toThrow(/streams is 0; expected an integer ≥ 1/);
    expect(() => flakePlan(families, [{ ...record("duality", "d-now", 1), specFile: "specs/other.spec.ts" }], 1)).toThrow(/the record of duality is of specs\/other.spec.ts; expected specs\/duality.spec.ts/);
  });
});

describe("the record files", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "theorem-spec-flake-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("write one file per family, read back, and archive a stale one under <family>-<commit>, never overwriting", () => {
    expect(readFamilyFlakeRecords(root)).toEqual([]);
    writeFamilyFlakeRecord(root, record("low-rank", "r-before", 2));
    writeFamilyFlakeRecord(root, record("duality", "d-now", 1));
    expect(readFamilyFlakeRecords(root).map((r) => [r.family, r.streams.length])).toEqual([
      ["duality", 1],
      ["low-rank", 2],
    ]);
    expect(archiveFamilyFlakeRecord(root, "low-rank")).toBe("fixtures/reliability/flake/archive/low-rank-abc1234.json");
    writeFamilyFlakeRecord(root, { ...record("low-rank", "r-between", 1), commit: "abc1234+dirty" });
    expect(archiveFamilyFlakeRecord(root, "low-rank")).toBe("fixtures/reliability/flake/archive/low-rank-abc1234dirty.json");
    writeFamilyFlakeRecord(root, record("low-rank", "r-again", 1));
    expect(archiveFamilyFlakeRecord(root, "low-rank")).toBe("fixtures/reliability/flake/archive/low-rank-abc1234-2.json");
    expect(archiveFamilyFlakeRecord(root, "low-rank")).toBeUndefined();
    expect(readFamilyFlakeRecords(root).map((r) => r.family)).toEqual(["duality"]);
    expect(readArchivedFamilyFlakeRecords(root).map((a) => a.record.fingerprint)).toEqual(["r-again", "r-before", "r-between"]);
    expect(existsSync(path.join(root, "fixtures/reliability/flake/duality.json.tmp"))).toBe(false);
  });

  it("refuse a file that is not the record of the family it is named after", () => {
    writeFamilyFlakeRecord(root, record("duality", "d", 1));
    renameSync(path.join(root, "fixtures/reliability/flake/duality.json"), path.join(root, "fixtures/reliability/flake/low-rank.json"));
    expect(() => readFamilyFlakeRecords(root)).toThrow(/low-rank\.json is not the flake record of family "low-rank" \(family "duality"\)/);
  });

  it("name the commit, dirty only when one of the family's own files changed", () => {
    expect(familyCommit(process.cwd(), [])).toMatch(/^[0-9a-f]{7,}$/);
    expect(familyCommit(process.cwd(), ["fixtures/reliability/no-such-file.json"])).toMatch(/^[0-9a-f]{7,}$/);
    expect(familyCommit(root, ["x.ts"])).toBe("unknown");
  });
});

describe("a run's outcomes per spec file", () => {
  it("keep each file's tests and its own time", () => {
    const files = testOutcomesByFile(report({ "/r/specs/a.spec.ts": [["D1 — a", "passed"]], "/r/specs/b.spec.ts": [["S1 — b", "failed", "Error: inconclusive: diverged"], ["not a claim", "passed"]] }));
    expect(files.map((f) => [f.file, f.seconds, f.outcomes.map((o) => [o.claim, o.outcome])])).toEqual([
      ["/r/specs/a.spec.ts", 3.5, [["D1", "pass"]]],
      ["/r/specs/b.spec.ts", 3.5, [["S1", "inconclusive"]]],
    ]);
  });
});

describe("splitting a record of every family", () => {
  const whole: FlakeRecord = {
    generated: "2026-12-03T16:11:21.962Z",
    backend: "wasm",
    profile: "ci",
    commit: "5ef5902",
    node: "20.20.2",
    rules: "f4dbff7eeec67b36",
    streams: [0, 1].map((k) => stream(k, [["D1 — a", "passed"], ["S1 — b", k === 1 ? "failed" : "passed", "AssertionError: s"], ["S2 — c", "passed"]])),
  };

  it("keeps each family's claims' verdicts and failures, with the family's fingerprint and the original provenance", () => {
    const [d, s] = splitFlakeRecord(whole, [
      { family: "duality", specFile: "specs/duality.spec.ts", fingerprint: "fd", claims: ["D1", "D2"], tests: 10 },
      { family: "sgd-noise", specFile: "specs/sgd-noise.spec.ts", fingerprint: "fs", claims: ["S1", "S2"], tests: 6 },
    ]);
    expect(d).toMatchObject({ family: "duality", fingerprint: "fd", commit: "5ef5902", generated: whole.generated, migratedFrom: { file: "fixtures/reliability/flake.json", commit: "5ef5902", rules: "f4dbff7eeec67b36" } });
    expect(d!.streams.map((x) => [x.stream, x.tests, x.verdicts.map((v) => v.claim), x.failures.length])).toEqual([
      [0, 10, ["D1"], 0],
      [1, 10, ["D1"], 0],
    ]);
    expect(s!.streams[1]!.failures.map((f) => f.claim)).toEqual(["S1"]);
    expect(s!.streams.map((x) => x.seed)).toEqual(whole.streams.map((x) => x.seed));
    // Nothing lost: the families' verdicts together are the original's.
    expect(whole.streams.map((x, i) => [...d!.streams[i]!.verdicts, ...s!.streams[i]!.verdicts].map((v) => v.claim).sort())).toEqual(whole.streams.map((x) => x.verdicts.map((v) => v.claim).sort()));
  });

  it("refuses a claim that belongs to no family, or to two", () => {
    expect(() => splitFlakeRecord(whole, [{ family: "duality", specFile: "specs/duality.spec.ts", fingerprint: "fd", claims: ["D1"], tests: 1 }])).toThrow(/claim S1 of fixtures\/reliability\/flake.json belongs to no family; expected exactly one/);
    expect(() =>
      splitFlakeRecord(whole, [
        { family: "a", specFile: "specs/a.spec.ts", fingerprint: "1", claims: ["D1", "S1", "S2"], tests: 1 },
        { family: "b", specFile: "specs/b.spec.ts", fingerprint: "2", claims: ["S1"], tests: 1 },
      ]),
    ).toThrow(/claim S1 .* belongs to several families \(a, b\)/);
  });
});

describe("the per-family tables", () => {
  const records = [record("duality", "d-now", 50, [7]), record("low-rank", "r-before", 50)];

  it("mark each family current, stale or not measured against the tree's fingerprints", () => {
    const summaries = familyFlakeRates(records, families);
    expect(summaries.map((s) => [s.family, s.state, s.rates.map((r) => `${r.claim} ${r.claimFailures}/${r.streams}`)])).toEqual([
      ["duality", "current", ["D1 1/50"]],
      ["low-rank", "stale", ["D1 0/50"]],
      ["sgd-noise", "missing", []],
    ]);
    expect(familyFlakeRates(records).every((s) => s.state === "current")).toBe(true);
  });

  it("show each family's commit, date and fingerprint, say which are stale, and give each failure's replay command", () => {
    const md = familyFlakeMarkdown(familyFlakeRates(records, families));
    expect(md).toContain("| duality | `specs/duality.spec.ts` | D1 | 50 | `abc1234`, 2026-12-03 | wasm · 20.20.2 · ci | `d-now` | current |");
    expect(md).toContain("`r-before` (now `r-now`) | **stale** |");
    expect(md).toContain("| sgd-noise | `specs/sgd-noise.spec.ts` | | 0 | | | `s-now` | **not measured** |");
    expect(md).toMatch(/\| D1 \| duality \| 50 \| 1 \| 2\.0 % \[/);
    expect(md).toMatch(/\| D1 \| low-rank \| 50 \| 0 \|.*, stale \|/);
    expect(md).toContain("Whole suite (current records, the 50 streams every one of the 1 families has): 1 of 50 streams");
    expect(md).toContain(`- duality, stream 7, \`THEOREM_SPEC_SEED=${streamSeed(7)} THEOREM_SPEC_FC_SEED=${streamSeed(7)} npx vitest run specs/duality.spec.ts\`: D1 fail — AssertionError: x`);
  });
});
