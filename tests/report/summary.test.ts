import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import {
  allStatements,
  formatSummaryTable,
  keyMeasurementOf,
  latestAttempts,
  summariseRun,
  SUITE_FEATURES,
  verdictPhrase,
  verifyExitCode,
  type AllureResultLike,
  type ClaimSummary,
  type StatementSummary,
} from "../../src/report/summary.ts";

let counter = 0;

/** A synthetic Allure result as allure-vitest writes it (only the fields the summary reads). */
function result(
  claim: string | undefined,
  status: string,
  opts: { control?: boolean; finding?: boolean; statement?: string; key?: string | string[]; name?: string; historyId?: string; stop?: number } = {},
): AllureResultLike {
  counter += 1;
  const labels = [
    { name: "framework", value: "vitest" },
    { name: "epic", value: "Xu et al. 2023 — Dynamics in Deep Classifiers trained with the Square Loss" },
    ...(claim === undefined ? [] : [{ name: "claim", value: claim }]),
    ...(opts.control === true ? [{ name: "tag", value: "control" }] : []),
    ...(opts.finding === true ? [{ name: "tag", value: "finding" }] : []),
    ...(opts.statement === undefined ? [] : [{ name: "statement", value: opts.statement }]),
  ];
  const keys = opts.key === undefined ? [] : Array.isArray(opts.key) ? opts.key : [opts.key];
  return {
    uuid: `u${counter}`,
    name: opts.name ?? `test ${counter}`,
    fullName: `theorem-spec:specs/x.spec.ts#test ${counter}`,
    historyId: opts.historyId ?? `h${counter}`,
    status,
    stop: opts.stop ?? counter,
    labels,
    parameters: [{ name: "λ", value: "0.001" }, ...keys.map((value) => ({ name: "key measurement", value, excluded: true }))],
  };
}

function claim(summary: ReturnType<typeof summariseRun>, id: string): ClaimSummary {
  const c = summary.claims.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no summary for ${id}`);
  return c;
}

/** The summary of statement `key` (default: the claim's primary one) of claim `id`. */
function statement(summary: ReturnType<typeof summariseRun>, id: string, key?: string): StatementSummary {
  const c = claim(summary, id);
  const primary = CATALOG.find((x) => x.id === id)!.statements.find((x) => x.primary === true)!.key;
  const st = c.statements.find((x) => x.key === (key ?? primary));
  if (st === undefined) throw new Error(`no statement ${key} of ${id}`);
  return st;
}

describe("summariseRun: one verdict per statement", () => {
  it("says 'held' when every claim test and every control of the statement passed", () => {
    const s = summariseRun([result("NC1", "passed", { key: "NC1 = 0.01 (< 0.05)" }), result("NC1", "passed", { control: true })]);
    const nc1 = statement(s, "NC1");
    expect(nc1.verdict).toBe("held");
    expect(nc1.differs).toBe(false);
    expect(nc1.tests.passed).toBe(1);
    expect(nc1.controls.passed).toBe(1);
    expect(nc1.keyMeasurement).toBe("NC1 = 0.01 (< 0.05)");
    expect(nc1.notes).toEqual([]);
    expect(claim(s, "NC1").verdict).toBe("held as stated");
  });

  it("assigns a result without a statement label to the claim's primary statement", () => {
    const s = summariseRun([result("NC-WD", "passed"), result("NC-WD", "passed", { control: true })]);
    expect(statement(s, "NC-WD", "as refined").verdict).toBe("held");
    expect(statement(s, "NC-WD", "as stated").tests.passed + statement(s, "NC-WD", "as stated").findings.passed).toBe(0);
  });

  it("says 'held' without a control test, but notes it", () => {
    const d1 = statement(summariseRun([result("D1", "passed")]), "D1");
    expect(d1.verdict).toBe("held");
    expect(d1.notes).toEqual(["no control test"]);
  });

  it("says 'not reproduced' when a claim test failed, and notes the difference from the catalogue", () => {
    const s = summariseRun([
      result("NC2", "passed"),
      result("NC2", "failed", { name: "NC2 → ETF" }),
      result("NC2", "broken"),
      result("NC2", "passed", { control: true }),
    ]);
    const nc2 = statement(s, "NC2", "as refined");
    expect(nc2.verdict).toBe("not reproduced");
    expect(nc2.differs).toBe(true);
    expect(nc2.notes).toContain("failed: NC2 → ETF");
    expect(nc2.notes).toContain('differs from the catalogue: expected "held", found "not reproduced"');
  });

  it("says 'inconclusive' when a control failed (the check did not fail on its control)", () => {
    const s = summariseRun([result("S1", "passed"), result("S1", "failed", { control: true, name: "GD converges" })]);
    expect(statement(s, "S1").verdict).toBe("inconclusive");
    expect(statement(s, "S1").notes[0]).toMatch(/^control failed .*GD converges$/);
  });

  it("says 'inconclusive' for broken, skipped or unknown results without failures", () => {
    for (const status of ["broken", "skipped", "unknown", "weird"]) {
      const s = summariseRun([result("G1", "passed"), result("G1", status)]);
      expect(statement(s, "G1").verdict, status).toBe("inconclusive");
    }
    const broken = summariseRun([result("G1", "passed"), result("G1", "broken", { control: true })]);
    expect(statement(broken, "G1").verdict).toBe("inconclusive");
  });

  it("says 'inconclusive' when only controls ran", () => {
    const s = summariseRun([result("G1", "passed", { control: true })]);
    expect(statement(s, "G1").verdict).toBe("inconclusive");
    expect(statement(s, "G1").notes).toContain("only control tests ran; no test of the statement itself");
  });

  it("reads a passing pinned finding as the expected non-reproduction, a failing one as 'held' — a difference", () => {
    const pinned = summariseRun([result("R2", "passed", { statement: "as stated", finding: true }), result("R2", "passed")]);
    expect(statement(pinned, "R2", "as stated").verdict).toBe("not reproduced");
    expect(statement(pinned, "R2", "as stated").differs).toBe(false);
    expect(claim(pinned, "R2").verdict).toBe("held as refined · not reproduced as stated");
    const reproduces = summariseRun([result("R2", "failed", { statement: "as stated", finding: true, name: "B trend absent" }), result("R2", "passed")]);
    const st = statement(reproduces, "R2", "as stated");
    expect(st.verdict).toBe("held");
    expect(st.differs).toBe(true);
    expect(st.notes[0]).toMatch(/^pinned finding failed .*B trend absent$/);
    expect(verifyExitCode(reproduces, 1)).toBe(1);
    expect(verifyExitCode(pinned, 0)).toBe(0);
  });

  it("reads a passing pinned non-discrimination as 'inconclusive' where the catalogue expects it (G3 as stated)", () => {
    const s = summariseRun([result("G3", "passed", { statement: "as stated", finding: true }), result("G3", "passed")]);
    expect(statement(s, "G3", "as stated").verdict).toBe("inconclusive");
    expect(statement(s, "G3", "as stated").differs).toBe(false);
  });

  it("says 'not specified' for statements without results: expected where the suite does not decide them, 'not run' for claims without results", () => {
    const s = summariseRun([result("NC2", "passed"), result("NC2", "passed", { control: true })]);
    expect(statement(s, "NC2", "as stated")).toMatchObject({ verdict: "not specified", differs: false, notRun: false });
    expect(statement(s, "G4")).toMatchObject({ verdict: "not specified", differs: false, notRun: true });
    expect(claim(s, "G4").verdict).toBe("not run");
    expect(s.claims.map((c) => c.id)).toEqual(CATALOG.map((c) => c.id));
    expect(allStatements(s)).toHaveLength(CATALOG.reduce((n, c) => n + c.statements.length, 0));
  });

  it("flags a statement that lost its tests while its claim ran (a pinned finding removed)", () => {
    const s = summariseRun([result("R1", "passed")]);
    expect(statement(s, "R1", "as stated: near convergence")).toMatchObject({ verdict: "not specified", differs: true });
    expect(verifyExitCode(s, 0)).toBe(1);
  });

  it("counts a result with an unknown statement under the primary one and warns", () => {
    const s = summariseRun([result("N1", "passed", { statement: "as typed" })]);
    expect(statement(s, "N1").verdict).toBe("held");
    expect(s.unknownStatements).toEqual(["N1: as typed"]);
    expect(formatSummaryTable(s)).toContain("unknown statements (counted under the primary one): N1: as typed");
  });

  it("reports unknown claim ids and unlabelled results", () => {
    const s = summariseRun([result("NC5", "passed"), result(undefined, "passed"), result("N2", "passed")]);
    expect(s.unknownClaimIds).toEqual(["NC5"]);
    expect(s.unlabelled).toBe(1);
    expect(s.unlabelledFiles).toEqual(["specs/x.spec.ts"]);
    expect(formatSummaryTable(s)).toContain("warning: 1 result(s) carry no `claim` label in specs/x.spec.ts");
  });

  it("does not count the suite's own checks (regression baselines, reliability figures) as unlabelled, but fails verify on their failure", () => {
    const suite = SUITE_FEATURES.map((f) => ({ ...result(undefined, "passed"), labels: [{ name: "feature", value: f }] }));
    const s = summariseRun([...suite, result(undefined, "passed")]);
    expect(s.unlabelled).toBe(1);
    expect(verifyExitCode(s, 0)).toBe(0);
    const failing = summariseRun([{ ...result(undefined, "failed", { name: "baselines" }), labels: [{ name: "feature", value: SUITE_FEATURES[0]! }] }]);
    expect(failing.suiteFailures).toEqual(["failed: baselines"]);
    expect(verifyExitCode(failing, 1)).toBe(1);
  });

  it("counts only the last attempt of a retried test", () => {
    const s = summariseRun([
      result("N2", "failed", { historyId: "same", stop: 1 }),
      result("N2", "passed", { historyId: "same", stop: 2 }),
    ]);
    expect(statement(s, "N2").verdict).toBe("held");
    expect(statement(s, "N2").tests.passed).toBe(1);
  });

  it("joins distinct key measurements, claim tests before controls, the last one per result", () => {
    const s = summariseRun([
      result("NC3", "passed", { control: true, key: "control: 0.9" }),
      result("NC3", "passed", { key: ["draft", "uncentred 0.02"] }),
      result("NC3", "passed", { key: "uncentred 0.02" }),
    ]);
    expect(statement(s, "NC3").keyMeasurement).toBe("uncentred 0.02; control: 0.9");
  });
});

describe("verdictPhrase", () => {
  it("puts the primary statement first and names each statement", () => {
    expect(verdictPhrase([{ key: "as stated", verdict: "not reproduced" }, { key: "as refined", verdict: "held" }], "as refined")).toBe("held as refined · not reproduced as stated");
  });
});

describe("latestAttempts / keyMeasurementOf", () => {
  it("keeps tests without a history id apart", () => {
    expect(latestAttempts([{ status: "passed" }, { status: "failed" }])).toHaveLength(2);
  });
  it("reads no key measurement from a result without parameters", () => {
    expect(keyMeasurementOf({})).toBeUndefined();
  });
});

describe("verifyExitCode", () => {
  it("is 1 only when a verdict differs from the catalogue, or the run failed without a result to show for it", () => {
    const held = summariseRun([result("N1", "passed")]);
    const failed = summariseRun([result("N1", "failed")]);
    const inconclusive = summariseRun([result("N1", "broken")]);
    expect(verifyExitCode(held, 0)).toBe(0);
    expect(verifyExitCode(failed, 0)).toBe(1); // held expected, not reproduced found
    expect(verifyExitCode(inconclusive, 1)).toBe(1); // a held statement that stops holding
    expect(verifyExitCode(held, 1)).toBe(1); // vitest failed, but no result failed: a crashed spec
    expect(verifyExitCode(summariseRun([]), 0)).toBe(0); // nothing run: every claim "not run"
  });
});

describe("formatSummaryTable", () => {
  const s = summariseRun([
    result("N1", "passed", { key: "ρ/ρ* = 1.01" }),
    result("N2", "failed", { name: "margins equalise" }),
    result("D1", "broken", { name: "null space" }),
    result("R2", "passed", { statement: "as stated", finding: true, key: "B slope 0.1" }),
    result("R2", "passed"),
    result("XX", "passed"),
  ]);
  const table = formatSummaryTable(s);

  it("has one row per statement with claim, statement, verdict and what was measured", () => {
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^claim\s+statement\s+verdict\s+measured$/);
    expect(lines.find((l) => l.startsWith("N1 "))).toMatch(/^N1\s+as stated\s+held\s+ρ\/ρ\* = 1\.01$/);
    expect(lines.find((l) => l.startsWith("N2 "))).toMatch(/not reproduced \(expected held\)/);
    expect(lines.find((l) => l.startsWith("D1 "))).toMatch(/inconclusive \(expected held\)/);
    expect(lines.find((l) => l.startsWith("R2 "))).toMatch(/^R2\s+as stated\s+not reproduced\s+B slope 0\.1$/);
    expect(lines.find((l) => /^\s+as refined\s+held/.test(l))).toBeDefined();
    expect(lines.find((l) => l.startsWith("G4 "))).toMatch(/not specified \(not run\)/);
  });

  it("counts the verdicts, lists the differences and warnings", () => {
    expect(table).toMatch(/^18 claims, \d+ statements: 2 held, 2 not reproduced, 1 inconclusive, \d+ not specified$/m);
    expect(table).toContain("2 verdict(s) differ from the catalogue (src/claims/statements.ts): N2 as stated, D1 as stated");
    expect(table).toContain("  N2 as stated: failed: margins equalise");
    expect(table).toContain("  D1 as stated: broken: null space");
    expect(table).toContain("unknown claim ids: XX");
  });

  it("colours verdicts only when asked", () => {
    expect(table).not.toContain("\u001b[");
    expect(formatSummaryTable(s, { color: true })).toContain("\u001b[32mheld");
  });

  it("falls back to the catalogue's plain-words finding, and clips long measurements", () => {
    const none = formatSummaryTable(summariseRun([result("NC2", "passed")]));
    expect(none).toContain("The centred ETF distance falls");
    const long = summariseRun([result("N1", "passed", { key: "x".repeat(100) })]);
    expect(formatSummaryTable(long, { maxKeyWidth: 10 })).toContain(`${"x".repeat(9)}…`);
  });
});
