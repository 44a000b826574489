import { describe, expect, it } from "vitest";
import { flakeRates, suiteFailureRate } from "../../src/reliability/flakeRates.ts";
import { killMatrix, survivors } from "../../src/reliability/killMatrix.ts";
import type { FlakeRecord, KillMatrixRecord, StreamRecord } from "../../src/reliability/records.ts";
import { flakeMarkdown, killMatrixMarkdown, replaceSection } from "../../src/reliability/reliabilityTables.ts";
import { claimSpecFiles, runClaimSpecs } from "../../src/reliability/runClaimSpecs.ts";
import { streamSeed } from "../../src/reliability/streamSeed.ts";
import { claimOfTitle, claimVerdicts, normaliseTitle, testOutcomes, type VitestJsonReport } from "../../src/reliability/testOutcomes.ts";
import { DEFAULT_SEED } from "../../src/profile.ts";

const report = (tests: Array<[string, string, string?]>): VitestJsonReport => ({
  testResults: [{ name: "specs/x.spec.ts", assertionResults: tests.map(([title, status, message]) => ({ title, status, failureMessages: message === undefined ? [] : [message] })) }],
});

const provenance = { generated: "2026-11-27T10:00:00.000Z", backend: "wasm", profile: "ci", commit: "abc1234", node: "20.0.0" };

describe("reading a run of the claim specs", () => {
  it("assigns tests to claims by their title, marks controls, and tells failures from inconclusive runs", () => {
    const outcomes = testOutcomes(
      report([
        ["NC1 — NC1 → 0 (with seed=20230024)", "passed"],
        ["NC1 (control) — the check fails on frozen features", "failed", "AssertionError: control must fail the check"],
        ["NC-WD — weight decay is necessary", "failed", "Error: inconclusive: 2 of 5 runs did not reach quasi-interpolation"],
        ["N1 (exact, single scale) — for fixed V", "failed", "AssertionError: expected 0.1 to be less than 1e-6"],
        ["neural-collapse: key measurements match fixtures/baselines/neural-collapse.json", "failed", "moved"],
        ["G4 — skipped one", "skipped"],
      ]),
    );
    expect(outcomes.map((o) => [o.claim, o.control, o.outcome])).toEqual([
      ["NC1", false, "pass"],
      ["NC1", true, "fail"],
      ["NC-WD", false, "inconclusive"],
      ["N1", false, "fail"],
      ["G4", false, "skipped"],
    ]);
    expect(outcomes[0]!.title).toBe("NC1 — NC1 → 0");
    expect(outcomes[0]!.message).toBeUndefined();
    expect(outcomes[2]!.message).toMatch(/^Error: inconclusive/);
    const verdicts = claimVerdicts(outcomes);
    expect(verdicts.map((v) => [v.claim, v.claimPassed, v.controlsPassed, v.inconclusive])).toEqual([
      ["N1", false, true, false],
      ["NC1", true, false, false],
      ["NC-WD", false, true, true],
    ]);
  });

  it("recognises every claim id at the start of a title and nothing else", () => {
    expect(claimOfTitle("NC-depth (control) — x")).toBe("NC-depth");
    expect(claimOfTitle("D2 (exact bound) — x")).toBe("D2");
    expect(claimOfTitle("NC — x")).toBeUndefined();
    expect(claimOfTitle("duality: key measurements")).toBeUndefined();
    expect(normaliseTitle("R1 — at any weights  (with seed=-12)")).toBe("R1 — at any weights");
  });

  it("refuses a report in which a spec file ran no test", () => {
    const broken: VitestJsonReport = { testResults: [{ name: "specs/a.spec.ts", message: "SyntaxError: x\nat y", assertionResults: [] }] };
    expect(() => testOutcomes(broken)).toThrow(/specs\/a.spec.ts ran no test: SyntaxError: x$/);
  });

  it("runs every claim spec and neither the regression baselines nor the reliability figures", () => {
    const files = claimSpecFiles(process.cwd());
    expect(files).toContain("specs/neural-collapse.spec.ts");
    expect(files.some((f) => /regression|reliability/.test(f))).toBe(false);
  });

  it("gives stream 0 the CI seed and every stream its own", () => {
    expect(streamSeed(0)).toBe(DEFAULT_SEED);
    const seeds = Array.from({ length: 200 }, (_, k) => streamSeed(k));
    expect(new Set(seeds).size).toBe(200);
    expect(seeds.every((s) => Number.isSafeInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
    expect(() => streamSeed(-1)).toThrow(/k is -1; expected an integer ≥ 0/);
  });
});

function stream(k: number, failing: { claim?: string; control?: string } = {}): StreamRecord {
  const outcomes = testOutcomes(
    report([
      ["NC1 — a", failing.claim === "NC1" ? "failed" : "passed", "AssertionError: x"],
      ["NC1 (control) — a", failing.control === "NC1" ? "failed" : "passed", "AssertionError: y"],
      ["D1 — a", "passed"],
    ]),
  );
  return { stream: k, seed: streamSeed(k), seconds: 1, tests: outcomes.length, verdicts: claimVerdicts(outcomes), failures: outcomes.filter((o) => o.outcome !== "pass") };
}

describe("false-failure rates", () => {
  const streams = [stream(0), stream(1, { claim: "NC1" }), stream(2, { control: "NC1" }), ...Array.from({ length: 47 }, (_, i) => stream(i + 3))];

  it("count, per claim, the streams in which a claim test or a control test failed, with an exact interval", () => {
    const [d1, nc1] = [flakeRates(streams).find((r) => r.claim === "D1")!, flakeRates(streams).find((r) => r.claim === "NC1")!];
    expect(nc1).toMatchObject({ streams: 50, claimFailures: 1, controlFailures: 1, rate: 0.02, anyRate: 0.04 });
    expect(nc1.interval[0]).toBeGreaterThan(0);
    expect(nc1.interval[1]).toBeCloseTo(0.1065, 3); // Clopper–Pearson, 1 of 50
    expect(d1.claimFailures).toBe(0);
    expect(d1.interval[1]).toBeCloseTo(1 - 0.025 ** (1 / 50), 10); // k = 0 closed form
    expect(suiteFailureRate(streams)).toMatchObject({ failures: 2, streams: 50 });
  });

  it("render as a table with the provenance and each failure's replay seed", () => {
    const record: FlakeRecord = { ...provenance, streams };
    const md = flakeMarkdown(record);
    expect(md).toMatch(/Measured 2026-11-27 on the `wasm` backend/);
    expect(md).toMatch(/\| NC1 \| 50 \| 1 \| 2\.0 % \[/);
    expect(md).toContain(`THEOREM_SPEC_SEED=${streamSeed(1)} THEOREM_SPEC_FC_SEED=${streamSeed(1)}\`: NC1 fail`);
    expect(md).toMatch(/Whole suite: 2 of 50 streams/);
  });
});

describe("the kill matrix", () => {
  const killed = stream(0, { claim: "NC1" });
  const record: KillMatrixRecord = {
    ...provenance,
    seed: DEFAULT_SEED,
    mutants: [
      { mutant: "wd-dropped", seconds: 1, tests: 3, verdicts: killed.verdicts, failures: killed.failures },
      { mutant: "rank-sigma-max", seconds: 1, tests: 3, verdicts: stream(0).verdicts, failures: [] },
    ],
  };

  it("marks a mutant killed by every claim whose check failed, and lists the survivors", () => {
    const rows = killMatrix(record.mutants);
    expect(rows.map((r) => [r.mutant, r.killedBy])).toEqual([
      ["wd-dropped", ["NC1"]],
      ["rank-sigma-max", []],
    ]);
    expect(rows[0]!.cells.NC1).toBe("killed");
    expect(rows[0]!.cells.D1).toBe("survived");
    expect(survivors(rows)).toEqual(["rank-sigma-max"]);
  });

  it("renders mutant × claim with the survivors and the mutants not run", () => {
    const md = killMatrixMarkdown(record);
    expect(md).toMatch(/\| weight decay dropped \(`wd-dropped`\) \| trainer \| ✗ \| · \| NC1 \| — \|/);
    expect(md).toMatch(/\*\*Survivors: rank-sigma-max\.\*\*/);
    expect(md).toMatch(/Not run yet: wn-dropped, /);
  });
});

describe("replaceSection", () => {
  it("replaces only the text between the markers, and refuses a document without them", () => {
    const doc = "a\n<!-- begin:x -->\nold\n<!-- end:x -->\nb";
    expect(replaceSection(doc, "x", "new")).toBe("a\n<!-- begin:x -->\nnew\n<!-- end:x -->\nb");
    expect(replaceSection(replaceSection(doc, "x", "new"), "x", "new")).toBe(replaceSection(doc, "x", "new"));
    expect(() => replaceSection("a", "x", "new")).toThrow(/no "<!-- begin:x -->" … "<!-- end:x -->" markers/);
  });
});

describe("running the claim specs in a child process", () => {
  it("reads their verdicts: G1 holds on the reference and is killed by the conv-norm-on-dense-matrix mutant, whose control still passes", async () => {
    const run = (mutant: string | undefined) =>
      runClaimSpecs({ root: process.cwd(), env: { THEOREM_SPEC_MUTANT: mutant, THEOREM_SPEC_PROFILE: "ci" }, files: ["specs/generalization-bounds.spec.ts"], testNamePattern: "G1 " });
    const [reference, mutant] = await Promise.all([run(undefined), run("conv-norm-dense")]);
    expect(claimVerdicts(reference.outcomes)).toEqual([{ claim: "G1", claimPassed: true, inconclusive: false, controlsPassed: true, failedTests: [] }]);
    const [g1] = claimVerdicts(mutant.outcomes);
    expect(g1).toMatchObject({ claim: "G1", claimPassed: false, controlsPassed: true });
    expect(mutant.outcomes.find((o) => !o.control)!.message).toMatch(/Property failed/);
  }, 120_000);

  it("says so when vitest wrote no report", async () => {
    await expect(runClaimSpecs({ root: process.cwd(), env: {}, files: ["specs/no-such-file.spec.ts"] })).rejects.toThrow(/vitest exited with code \d+ and wrote no readable report \(no spec file ran \(files: specs\/no-such-file.spec.ts\)\)/);
  }, 120_000);
});

describe("the rules fingerprint", () => {
  it("covers every family's fingerprinted files (claim specs, experiments), and changes with any of them", async () => {
    const { rulesFiles, rulesFingerprint } = await import("../../src/reliability/rulesFingerprint.ts");
    const { cpSync, mkdtempSync, appendFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const files = rulesFiles(process.cwd());
    expect(files).toContain("specs/neural-collapse.spec.ts");
    // Wherever the family's code lives (src/experiments/ now, src/families/<family>/ later).
    const predictions = files.find((f) => f.endsWith("/neuralCollapsePredictions.ts"));
    expect(predictions).toBeDefined();
    expect(files.some((f) => f.startsWith("src/train/") || f.startsWith("src/metrics/")), "trainer and metrics are excluded").toBe(false);
    expect(files.some((f) => /regression|reliability\.spec/.test(f))).toBe(false);
    const copy = mkdtempSync(`${tmpdir()}/rules-`);
    try {
      cpSync("specs", `${copy}/specs`, { recursive: true });
      cpSync("src", `${copy}/src`, { recursive: true });
      cpSync("tests/setup", `${copy}/tests/setup`, { recursive: true });
      const before = rulesFingerprint(copy);
      expect(before).toBe(rulesFingerprint(process.cwd()));
      appendFileSync(`${copy}/${predictions}`, "\n// changed\n");
      expect(rulesFingerprint(copy)).not.toBe(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
