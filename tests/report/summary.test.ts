import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import {
  formatSummaryTable,
  keyMeasurementOf,
  latestAttempts,
  summariseRun,
  SUITE_FEATURES,
  verifyExitCode,
  type AllureResultLike,
  type ClaimSummary,
} from "../../src/report/summary.ts";

let counter = 0;

/** A synthetic Allure result as allure-vitest writes it (only the fields the summary reads). */
function result(
  claim: string | undefined,
  status: string,
  opts: { control?: boolean; key?: string | string[]; name?: string; historyId?: string; stop?: number } = {},
): AllureResultLike {
  counter += 1;
  const labels = [
    { name: "framework", value: "vitest" },
    { name: "epic", value: "Xu et al. 2023 — Dynamics in Deep Classifiers trained with the Square Loss" },
    ...(claim === undefined ? [] : [{ name: "claim", value: claim }]),
    ...(opts.control === true ? [{ name: "tag", value: "control" }] : []),
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

describe("summariseRun", () => {
  it("says 'held' when every claim test and every control passed", () => {
    const s = summariseRun([result("NC1", "passed", { key: "NC1 = 0.01 (< 0.05)" }), result("NC1", "passed", { control: true })]);
    const nc1 = claim(s, "NC1");
    expect(nc1.verdict).toBe("held");
    expect(nc1.tests.passed).toBe(1);
    expect(nc1.controls.passed).toBe(1);
    expect(nc1.keyMeasurement).toBe("NC1 = 0.01 (< 0.05)");
    expect(nc1.notes).toEqual([]);
  });

  it("says 'held' without a control test, but notes it", () => {
    const d1 = claim(summariseRun([result("D1", "passed")]), "D1");
    expect(d1.verdict).toBe("held");
    expect(d1.notes).toEqual(["no control test"]);
  });

  it("says 'did not hold' when a claim test failed, whatever the others did", () => {
    const s = summariseRun([
      result("NC2", "passed"),
      result("NC2", "failed", { name: "NC2 → ETF" }),
      result("NC2", "broken"),
      result("NC2", "passed", { control: true }),
    ]);
    expect(claim(s, "NC2").verdict).toBe("did not hold");
    expect(claim(s, "NC2").notes).toContain("failed: NC2 → ETF");
  });

  it("says 'did not hold' when a control test failed (the check did not fail on its control)", () => {
    const s = summariseRun([result("S1", "passed"), result("S1", "failed", { control: true, name: "GD converges" })]);
    expect(claim(s, "S1").verdict).toBe("did not hold");
    expect(claim(s, "S1").notes[0]).toMatch(/^control failed .*GD converges$/);
  });

  it("says 'inconclusive' for broken, skipped or unknown results without failures", () => {
    for (const status of ["broken", "skipped", "unknown", "weird"]) {
      const s = summariseRun([result("R1", "passed"), result("R1", status)]);
      expect(claim(s, "R1").verdict, status).toBe("inconclusive");
    }
    const broken = summariseRun([result("R1", "passed"), result("R1", "broken", { control: true })]);
    expect(claim(broken, "R1").verdict).toBe("inconclusive");
  });

  it("says 'inconclusive' when only controls ran", () => {
    const s = summariseRun([result("G1", "passed", { control: true })]);
    expect(claim(s, "G1").verdict).toBe("inconclusive");
    expect(claim(s, "G1").notes).toContain("only control tests ran; no test of the claim itself");
  });

  it("says 'not yet specified' for catalogue claims without results, and lists every claim in order", () => {
    const s = summariseRun([result("N1", "passed")]);
    expect(s.claims.map((c) => c.id)).toEqual(CATALOG.map((c) => c.id));
    expect(s.claims.filter((c) => c.verdict === "not yet specified")).toHaveLength(CATALOG.length - 1);
  });

  it("reports unknown claim ids and unlabelled results", () => {
    const s = summariseRun([result("NC5", "passed"), result(undefined, "passed"), result("N2", "passed")]);
    expect(s.unknownClaimIds).toEqual(["NC5"]);
    expect(s.unlabelled).toBe(1);
    expect(s.unlabelledFiles).toEqual(["specs/x.spec.ts"]);
    expect(formatSummaryTable(s)).toContain("warning: 1 result(s) carry no `claim` label in specs/x.spec.ts");
  });

  it("does not count the suite's own checks (regression baselines, reliability figures) as unlabelled", () => {
    const suite = SUITE_FEATURES.map((f) => ({ ...result(undefined, "passed"), labels: [{ name: "feature", value: f }] }));
    const s = summariseRun([...suite, result(undefined, "passed")]);
    expect(s.unlabelled).toBe(1);
  });

  it("counts only the last attempt of a retried test", () => {
    const s = summariseRun([
      result("N2", "failed", { historyId: "same", stop: 1 }),
      result("N2", "passed", { historyId: "same", stop: 2 }),
    ]);
    expect(claim(s, "N2").verdict).toBe("held");
    expect(claim(s, "N2").tests.passed).toBe(1);
  });

  it("joins distinct key measurements, claim tests before controls, the last one per result", () => {
    const s = summariseRun([
      result("NC3", "passed", { control: true, key: "control: 0.9" }),
      result("NC3", "passed", { key: ["draft", "uncentred 0.02"] }),
      result("NC3", "passed", { key: "uncentred 0.02" }),
    ]);
    expect(claim(s, "NC3").keyMeasurement).toBe("uncentred 0.02; control: 0.9");
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
  it("is 1 when a claim did not hold or the test run failed, else 0", () => {
    const held = summariseRun([result("N1", "passed")]);
    const failed = summariseRun([result("N1", "failed")]);
    const inconclusive = summariseRun([result("N1", "broken")]);
    expect(verifyExitCode(held, 0)).toBe(0);
    expect(verifyExitCode(inconclusive, 0)).toBe(0);
    expect(verifyExitCode(failed, 0)).toBe(1);
    expect(verifyExitCode(held, 1)).toBe(1);
  });
});

describe("formatSummaryTable", () => {
  const s = summariseRun([
    result("N1", "passed", { key: "ρ/ρ* = 1.01" }),
    result("N2", "failed", { name: "margins equalise" }),
    result("D1", "broken", { name: "null space" }),
    result("XX", "passed"),
  ]);
  const table = formatSummaryTable(s);

  it("has one row per catalogue claim with id, title, verdict and key measurement", () => {
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^claim\s+title\s+verdict\s+key measurement$/);
    const n1 = lines.find((l) => l.startsWith("N1 "));
    expect(n1).toMatch(/^N1\s+ρ-equilibrium\s+held\s+ρ\/ρ\* = 1\.01$/);
    expect(lines.find((l) => l.startsWith("N2 "))).toMatch(/did not hold/);
    expect(lines.find((l) => l.startsWith("D1 "))).toMatch(/inconclusive/);
    expect(lines.find((l) => l.startsWith("G4 "))).toMatch(/not yet specified/);
  });

  it("counts the verdicts and explains failures and warnings", () => {
    expect(table).toContain("18 claims: 1 held, 1 did not hold, 1 inconclusive, 15 not yet specified");
    expect(table).toContain("  N2: failed: margins equalise");
    expect(table).toContain("  D1: broken: null space");
    expect(table).toContain("unknown claim ids: XX");
  });

  it("colours verdicts only when asked", () => {
    expect(table).not.toContain("\u001b[");
    expect(formatSummaryTable(s, { color: true })).toContain("\u001b[32mheld");
  });

  it("clips long key measurements", () => {
    const long = summariseRun([result("N1", "passed", { key: "x".repeat(100) })]);
    expect(formatSummaryTable(long, { maxKeyWidth: 10 })).toContain(`${"x".repeat(9)}…`);
  });
});
