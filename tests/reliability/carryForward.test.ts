/**
 * Carrying a flake record forward across a behaviour-preserving change (`reliability:carry`,
 * docs/reliability.md "Carrying a record forward"): the Allure normaliser on two synthetic result
 * sets (equal after normalisation; one changed attachment byte, status, parameter or step is
 * caught), the re-stamp of constructed records, the refusals (dirty record, uncommitted files,
 * too many streams), the static guard on numeric literals, the tables' note, and the git worktrees
 * on a temporary repository.
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { assertCommitted, carriedForwardRecord, carryNote, carrySourceCommit, streamsToCheck } from "../../src/reliability/carryForward.ts";
import { compareAllureRuns, shortDiff } from "../../src/reliability/compareAllureRuns.ts";
import { familyFlakeRates } from "../../src/reliability/familyFlakeRates.ts";
import { familyRecordState } from "../../src/reliability/flakePlan.ts";
import { addWorktree, changedBetween, headCommit, removeAllWorktrees, removeWorktree, resolveCommit, uncommittedFiles } from "../../src/reliability/gitWorktrees.ts";
import { normaliseAllureResults, readAllureRun, type AllureResultLike } from "../../src/reliability/normaliseAllureResults.ts";
import { literalChanges, numericLiterals } from "../../src/reliability/numericLiterals.ts";
import type { FamilyFlakeRecord, StreamRecord } from "../../src/reliability/records.ts";
import { familyFlakeMarkdown } from "../../src/reliability/reliabilityTables.ts";
import { carryRunEnv, runSpecWithAllure } from "../../src/reliability/runSpecWithAllure.ts";

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `theorem-spec-carry-test-${prefix}-`));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  removeAllWorktrees();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10"><path d="M0,0L1,2"/></svg>';
const EVIDENCE = JSON.stringify({ residual: [0.5, 0.25, 0.125], decision: "passed" }, null, 1);

interface SyntheticChanges {
  readonly svg?: string;
  readonly status?: string;
  readonly parameter?: string;
  readonly extraStep?: boolean;
  readonly png?: Uint8Array;
}

/**
 * Writes an Allure results directory like allure-vitest's: two tests of `specFile`, one with steps
 * holding a JSON and an SVG attachment; everything that is not behaviour (uuids, times, host,
 * worker, path-derived ids, the stack trace, the checkout's path in a message) drawn from `run`.
 */
function writeResults(dir: string, run: { tag: string; host: string; worker: number; t0: number; specFile: string }, changes: SyntheticChanges = {}): void {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  const uuid = () => `${run.tag}-${String(++n).padStart(4, "0")}`;
  const attach = (content: string | Uint8Array, ext: string) => {
    const source = `${uuid()}-attachment.${ext}`;
    writeFileSync(path.join(dir, source), content);
    return source;
  };
  const labels = (claim: string) => [
    { name: "framework", value: "vitest" },
    { name: "host", value: run.host },
    { name: "thread", value: `vitest-worker-${run.worker}` },
    { name: "_fallbackTestCaseId", value: `${run.specFile}-md5` },
    { name: "package", value: `theorem-spec.${run.specFile.replace(/\//g, ".")}` },
    { name: "claim", value: claim },
  ];
  const results: AllureResultLike[] = [
    {
      uuid: uuid(),
      fullName: `theorem-spec:${run.specFile}#Duality D2 — the residual is at most the bound`,
      historyId: `${run.specFile}:h1`,
      testCaseId: `${run.specFile}:c1`,
      status: changes.status ?? "passed",
      statusDetails: {},
      labels: labels("D2"),
      parameters: [
        { name: "configurations", value: changes.parameter ?? "6" },
        { name: "seed", value: "20230024" },
      ],
      start: run.t0,
      stop: run.t0 + 40,
      steps: [
        { name: "residual, config seed 1", status: "passed", start: run.t0 + 1, stop: run.t0 + 2, attachments: [{ name: "residual", type: "application/json", source: attach(EVIDENCE, "json") }], steps: [] },
        { name: "chart, config seed 1", status: "passed", start: run.t0 + 3, stop: run.t0 + 9, attachments: [{ name: "chart", type: "image/svg+xml", source: attach(changes.svg ?? SVG, "svg") }], steps: [] },
        ...(changes.extraStep === true ? [{ name: "one more", status: "passed", start: run.t0 + 10, stop: run.t0 + 11, steps: [] }] : []),
      ],
      attachments: changes.png === undefined ? [] : [{ name: "raster", type: "image/png", source: attach(changes.png, "png") }],
    },
    {
      uuid: uuid(),
      fullName: `theorem-spec:${run.specFile}#Duality D2 (control) — the check fails under λ = 0`,
      historyId: `${run.specFile}:h2`,
      testCaseId: `${run.specFile}:c2`,
      status: "failed",
      statusDetails: { message: `AssertionError: expected the check to fail (see ${dir}/evidence)`, trace: `at ${dir}/specs/x.spec.ts:${10 + run.worker}:3` },
      labels: labels("D2"),
      parameters: [],
      start: run.t0 + 50,
      stop: run.t0 + 70,
      steps: [],
      attachments: [{ name: "decision", type: "text/markdown", source: attach(`| rule | p |\n|---|---|\n| one-sided t | 0.01 |\n`, "md") }],
    },
  ];
  for (const r of results) writeFileSync(path.join(dir, `${r.uuid}-result.json`), JSON.stringify(r));
  writeFileSync(path.join(dir, "environment.properties"), `commit=${run.tag}\n`);
}

const OLD_RUN = { tag: "aaaa", host: "vm", worker: 1, t0: 1_796_311_860_000, specFile: "specs/duality.spec.ts" };
const NEW_RUN = { tag: "bbbb", host: "ci-runner-7", worker: 3, t0: 1_800_000_000_000, specFile: "src/families/duality/duality.spec.ts" };

function runs(changes: SyntheticChanges = {}, oldChanges: SyntheticChanges = {}) {
  const a = path.join(temp("a"), "allure-results");
  const b = path.join(temp("b"), "allure-results");
  writeResults(a, OLD_RUN, oldChanges);
  writeResults(b, NEW_RUN, changes);
  return compareAllureRuns(readAllureRun(a, { roots: [a] }), readAllureRun(b, { roots: [b] }));
}

describe("the Allure normaliser and the comparison of two runs", () => {
  it("two runs that differ only in uuids, times, host, worker, spec path, path-derived ids, trace and checkout path are equal after normalisation", () => {
    const c = runs();
    expect(c.differences).toEqual([]);
    expect(c.tests).toBe(2);
    expect(c.attachments).toBe(3);
  });

  it("one changed byte of an SVG chart is caught, named by its step and attachment, with the line and column", () => {
    const c = runs({ svg: SVG.replace("L1,2", "L1,3") });
    expect(c.differences).toHaveLength(1);
    expect(c.differences[0]!.test).toBe("Duality D2 — the residual is at most the bound");
    expect(c.differences[0]!.what).toBe('step 2 "chart, config seed 1" › attachment "chart"');
    expect(c.differences[0]!.diff).toMatch(/^line 1, column 68: old ".*L1,2.*" ≠ new ".*L1,3.*"$/);
  });

  it("a changed status, parameter value or an extra step is caught", () => {
    expect(runs({ status: "failed" }).differences.map((d) => [d.what, d.diff])).toEqual([["status", 'line 1, column 1: old "passed" ≠ new "failed"']]);
    expect(runs({ parameter: "7" }).differences.map((d) => d.what)).toEqual(['parameter "configurations"']);
    expect(runs({ extraStep: true }).differences.map((d) => [d.what, d.diff])).toEqual([
      ["steps", 'line 1, column 1: old "2" ≠ new "3"'],
      ['step 3 "one more" › name', "only in the new run"],
      ['step 3 "one more" › status', "only in the new run"],
      ['step 3 "one more" › steps', "only in the new run"],
    ]);
  });

  it("a binary attachment is compared byte for byte and reported by offset", () => {
    const c = runs({ png: new Uint8Array([137, 80, 78, 71, 9]) }, { png: new Uint8Array([137, 80, 78, 71, 8]) });
    expect(c.differences.map((d) => [d.what, d.diff])).toEqual([['attachment "raster"', "first differing byte at offset 4 (old 5 bytes, new 5 bytes)"]]);
  });

  it("a test present in only one run is caught", () => {
    const r = normaliseAllureResults([{ fullName: "p:specs/d.spec.ts#D one", status: "passed" }], () => undefined);
    const s = normaliseAllureResults([{ fullName: "p:specs/d.spec.ts#D two", status: "passed" }], () => undefined);
    expect(compareAllureRuns(r, s).differences.map((d) => [d.test, d.what])).toEqual([
      ["D one", "test only in the old run"],
      ["D two", "test only in the new run"],
    ]);
  });

  it("repeats of one full name are told apart by start order; a missing attachment file is a compared fact", () => {
    const run = normaliseAllureResults(
      [
        { fullName: "p#D t", status: "failed", start: 2 },
        { fullName: "p#D t", status: "passed", start: 1, attachments: [{ name: "x", source: "gone.json", type: "application/json" }] },
      ],
      () => undefined,
    );
    expect(run.tests.map((t) => [t.key, t.facts.find((f) => f.path === "status")!.value])).toEqual([
      ["D t", "passed"],
      ["D t [2]", "failed"],
    ]);
    expect(run.tests[0]!.facts.find((f) => f.path === "attachment 1")!.value).toBe("(attachment file missing)");
  });

  it("refuses a directory with no results (the run crashed) and a result with no full name", () => {
    expect(() => readAllureRun(temp("empty"))).toThrow(/holds no \*-result\.json/);
    expect(() => readAllureRun(path.join(temp("none"), "nope"))).toThrow(/does not exist/);
    expect(() => normaliseAllureResults([{ uuid: "u1", status: "passed" }], () => undefined)).toThrow(/has no fullName \(uuid "u1"\)/);
  });

  it("shortDiff shows the first differing line of a text", () => {
    expect(shortDiff("a\nbcd\ne", "a\nbXd\ne")).toBe('line 2, column 2: old "a\\nbcd\\ne" ≠ new "a\\nbXd\\ne"');
  });
});

function stream(k: number): StreamRecord {
  return { stream: k, seed: 1000 + k, seconds: 9, tests: 2, verdicts: [], failures: [] };
}

const RECORD: FamilyFlakeRecord = {
  family: "duality",
  specFile: "specs/duality.spec.ts",
  fingerprint: "old-fingerprint0",
  commit: "abc1234",
  generated: "2026-12-03T10:00:00.000Z",
  backend: "wasm",
  profile: "ci",
  node: "20.20.2",
  streams: [stream(2), stream(0), stream(1), stream(3)],
};

const CHECK = { fingerprint: "new-fingerprint0", fromCommit: "abc1234", toCommit: "def5678", checkedStreams: [0, 1, 2], tests: 10, attachments: 300, date: "2026-12-04T09:00:00.000Z" };

describe("re-stamping a record after a passing check", () => {
  it("takes HEAD's fingerprint and commit, keeps the date, the streams and every other field, and appends a carriedForward entry", () => {
    const carried = carriedForwardRecord(RECORD, CHECK);
    expect(carried).toEqual({
      ...RECORD,
      fingerprint: "new-fingerprint0",
      commit: "def5678",
      carriedForward: [{ fromFingerprint: "old-fingerprint0", fromCommit: "abc1234", toCommit: "def5678", checkedStreams: [0, 1, 2], tests: 10, attachments: 300, date: "2026-12-04T09:00:00.000Z" }],
    });
    expect(carried.streams).toBe(RECORD.streams);
    expect(carried.generated).toBe(RECORD.generated);
  });

  it("is then current for the new fingerprint (judged by specs/reliability.spec.ts) and stale for the old one", () => {
    const carried = carriedForwardRecord(RECORD, CHECK);
    expect(familyRecordState(carried, "new-fingerprint0")).toBe("current");
    expect(familyRecordState(carried, "old-fingerprint0")).toBe("stale");
  });

  it("a second carry appends, and starts from the first carry's commit", () => {
    const once = carriedForwardRecord(RECORD, CHECK);
    expect(carrySourceCommit(once)).toBe("def5678");
    const twice = carriedForwardRecord(once, { ...CHECK, fingerprint: "third-fingerprin", fromCommit: "def5678", toCommit: "0123abc" });
    expect(twice.carriedForward!.map((c) => [c.fromFingerprint, c.fromCommit, c.toCommit])).toEqual([
      ["old-fingerprint0", "abc1234", "def5678"],
      ["new-fingerprint0", "def5678", "0123abc"],
    ]);
    expect(carryNote(twice)).toBe("carried forward from def5678 (3 streams checked identical; carried 2 times since abc1234)");
  });

  it("refuses a record that is already current, streams the record does not have, and dirty commits", () => {
    expect(() => carriedForwardRecord(RECORD, { ...CHECK, fingerprint: RECORD.fingerprint })).toThrow(/already has fingerprint old-fingerprint0; nothing to carry/);
    expect(() => carriedForwardRecord(RECORD, { ...CHECK, checkedStreams: [0, 7] })).toThrow(/missing 7/);
    expect(() => carriedForwardRecord(RECORD, { ...CHECK, checkedStreams: [] })).toThrow(/none checked/);
    expect(() => carriedForwardRecord(RECORD, { ...CHECK, toCommit: "def5678+dirty" })).toThrow(/def5678\+dirty is dirty/);
  });

  it("the tables show a carried record as current, with where it was carried from", () => {
    const carried = carriedForwardRecord(RECORD, CHECK);
    const [summary] = familyFlakeRates([carried], [{ family: "duality", specFile: "specs/duality.spec.ts", fingerprint: "new-fingerprint0" }]);
    expect(summary!.state).toBe("current");
    const md = familyFlakeMarkdown([summary!]);
    expect(md).toContain("| `def5678`, 2026-12-03; carried forward from `abc1234` (3 streams checked identical) |");
    expect(md).toMatch(/\| `new-fingerprint0` \| current \|/);
    expect(carryNote(RECORD)).toBeUndefined();
  });
});

describe("what carry refuses", () => {
  it("checks out the record's commit; for a migrated record, the commit it was split from", () => {
    expect(carrySourceCommit(RECORD)).toBe("abc1234");
    expect(carrySourceCommit({ ...RECORD, commit: "9999999", migratedFrom: { file: "fixtures/reliability/flake.json", commit: "5ef5902", rules: "r", generated: "g" } })).toBe("5ef5902");
  });

  it("refuses a record measured on uncommitted code (+dirty) or at no known commit, saying to re-measure", () => {
    expect(() => carrySourceCommit({ ...RECORD, commit: "abc1234+dirty" })).toThrow(/measured at abc1234\+dirty — with uncommitted changes.*npm run reliability:flake -- --only duality/);
    expect(() => carrySourceCommit({ ...RECORD, commit: "5ef5902", migratedFrom: { file: "f", commit: "7eaf3cd+dirty", rules: "r", generated: "g" } })).toThrow(/7eaf3cd\+dirty/);
    expect(() => carrySourceCommit({ ...RECORD, commit: "unknown" })).toThrow(/"unknown", not a git commit/);
  });

  it("refuses uncommitted changes to the family's fingerprinted files, naming them", () => {
    expect(() => assertCommitted("duality", ["specs/duality.spec.ts", "src/stats/tTest.ts"])).toThrow("carry: duality's fingerprinted files have uncommitted changes (specs/duality.spec.ts, src/stats/tTest.ts)");
    expect(() => assertCommitted("duality", [])).not.toThrow();
  });

  it("checks the first K recorded streams, ascending, and refuses K beyond the record", () => {
    expect(streamsToCheck(RECORD, 3).map((s) => [s.stream, s.seed])).toEqual([
      [0, 1000],
      [1, 1001],
      [2, 1002],
    ]);
    expect(() => streamsToCheck(RECORD, 5)).toThrow("carry: --check 5, but the record of duality has 4 streams");
    expect(() => streamsToCheck(RECORD, 0)).toThrow(/--check 0 is not valid/);
  });

  it("a carry run needs a fresh checkout (no allure-results/ yet) that has the spec file", async () => {
    const checkout = temp("checkout");
    await expect(runSpecWithAllure({ checkout, specFile: "specs/duality.spec.ts", seed: 1 })).rejects.toThrow(/has no specs\/duality\.spec\.ts/);
    mkdirSync(path.join(checkout, "allure-results"));
    await expect(runSpecWithAllure({ checkout, specFile: "specs/duality.spec.ts", seed: 1 })).rejects.toThrow(/allure-results exists already; expected a fresh checkout/);
  });

  it("a carry run is the CI profile with the stream's seeds, and nothing selecting another trainer, a mutant or a replay path", () => {
    expect(carryRunEnv(1234)).toEqual({
      THEOREM_SPEC_PROFILE: "ci",
      THEOREM_SPEC_SEED: "1234",
      THEOREM_SPEC_FC_SEED: "1234",
      THEOREM_SPEC_FC_PATH: undefined,
      THEOREM_SPEC_MUTANT: undefined,
      THEOREM_SPEC_TRAINER: undefined,
      THEOREM_SPEC_TRAINER_MODE: undefined,
    });
  });
});

describe("temporary worktrees (a temporary git repository)", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

  function repo(): { root: string; first: string } {
    const root = temp("repo");
    git(root, "init", "-q");
    git(root, "config", "user.email", "t@example.org");
    git(root, "config", "user.name", "t");
    mkdirSync(path.join(root, "specs"));
    writeFileSync(path.join(root, "specs/d.spec.ts"), "export const v = 1;\n");
    writeFileSync(path.join(root, ".gitignore"), "node_modules\n");
    git(root, "add", ".");
    git(root, "commit", "-qm", "one");
    const first = headCommit(root);
    writeFileSync(path.join(root, "specs/d.spec.ts"), "export const v = 2;\n");
    git(root, "commit", "-qam", "two");
    mkdirSync(path.join(root, "node_modules/pkg"), { recursive: true });
    writeFileSync(path.join(root, "node_modules/pkg/index.js"), "module.exports = 1;\n");
    return { root, first };
  }

  it("checks a commit out with node_modules symlinked in, and removes it (the node_modules it pointed to untouched)", () => {
    const { root, first } = repo();
    expect(resolveCommit(root, first)).toBe(first);
    const tree = addWorktree(root, first, path.join(temp("trees"), "old"));
    expect(readFileSync(path.join(tree, "specs/d.spec.ts"), "utf8")).toBe("export const v = 1;\n");
    expect(lstatSync(path.join(tree, "node_modules")).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(tree, "node_modules/pkg/index.js"))).toBe(true);
    removeWorktree(root, tree);
    expect(existsSync(tree)).toBe(false);
    expect(existsSync(path.join(root, "node_modules/pkg/index.js"))).toBe(true);
    expect(git(root, "worktree", "list").split("\n")).toHaveLength(1);
  });

  it("removeAllWorktrees (on Ctrl-C or an error) leaves none behind", () => {
    const { root, first } = repo();
    const trees = temp("trees");
    addWorktree(root, first, path.join(trees, "a"));
    addWorktree(root, "HEAD", path.join(trees, "b"));
    expect(git(root, "worktree", "list").split("\n")).toHaveLength(3);
    removeAllWorktrees();
    expect(git(root, "worktree", "list").split("\n")).toHaveLength(1);
    expect(existsSync(path.join(trees, "a"))).toBe(false);
  });

  it("lists how a family's files changed between two commits, renames included", () => {
    const { root, first } = repo();
    const before = headCommit(root);
    mkdirSync(path.join(root, "src/families/d"), { recursive: true });
    git(root, "mv", "specs/d.spec.ts", "src/families/d/d.spec.ts");
    git(root, "commit", "-qm", "move");
    const files = ["specs/d.spec.ts", "src/families/d/d.spec.ts"];
    expect(changedBetween(root, before, "HEAD", files)).toEqual(["R100 specs/d.spec.ts src/families/d/d.spec.ts"]);
    expect(changedBetween(root, first, before, files)).toEqual(["M specs/d.spec.ts"]);
    expect(changedBetween(root, "HEAD", "HEAD", ["src/families/d/d.spec.ts"])).toEqual([]);
  });

  it("names the uncommitted files among a family's files, and refuses an unknown commit", () => {
    const { root } = repo();
    expect(uncommittedFiles(root, ["specs/d.spec.ts"])).toEqual([]);
    writeFileSync(path.join(root, "specs/d.spec.ts"), "export const v = 3;\n");
    writeFileSync(path.join(root, "specs/new.ts"), "export {};\n");
    writeFileSync(path.join(root, "specs/other.ts"), "export {};\n");
    expect(uncommittedFiles(root, ["specs/d.spec.ts", "specs/new.ts"])).toEqual(["specs/d.spec.ts", "specs/new.ts"]);
    expect(() => resolveCommit(root, "0000000")).toThrow(/git rev-parse/);
  });
});

describe("the static guard: numbers written in the family's code", () => {
  it("collects numeric literals as values (signed, any spelling), not those in comments or strings", () => {
    expect(numericLiterals("export const D2_REGIME_MAX_LOSS = 0.05; // not 7\nconst b = -2, c = 1e-3, d = 0.001;\nconst s = `${b} ≤ 9`, t = \"8\";")).toEqual([-2, 0.001, 0.05]);
  });

  it("a move or a deduplication keeps the set; a changed threshold does not", () => {
    const before = numericLiterals("const a = 0.05; const b = 0.05; export const STEPS = 2000;");
    expect(literalChanges(before, numericLiterals("export const STEPS = 2_000;\nconst a = 0.05;"))).toEqual({ onlyBefore: [], onlyAfter: [] });
    expect(literalChanges(before, numericLiterals("const a = 0.06; export const STEPS = 2000;"))).toEqual({ onlyBefore: [0.05], onlyAfter: [0.06] });
  });

  it("a carry accepted with changed literals records them", () => {
    const carried = carriedForwardRecord(RECORD, { ...CHECK, acceptedLiteralChanges: { onlyBefore: [0.05], onlyAfter: [0.06] } });
    expect(carried.carriedForward![0]!.acceptedLiteralChanges).toEqual({ onlyBefore: [0.05], onlyAfter: [0.06] });
    expect(carryNote(carried)).toBe("carried forward from abc1234 (3 streams checked identical; changed literals accepted — only in the old code: 0.05, only in the new: 0.06)");
    expect(carriedForwardRecord(RECORD, CHECK).carriedForward![0]).not.toHaveProperty("acceptedLiteralChanges");
    expect(carryNote(carriedForwardRecord(RECORD, { ...CHECK, checkedStreams: [0] }))).toBe("carried forward from abc1234 (1 stream checked identical)");
  });
});
