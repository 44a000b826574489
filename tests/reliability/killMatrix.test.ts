/**
 * Killed vs inconclusive (issue #18): a claim kills a mutant robustly only when one of its claim
 * tests failed outright; when every failing claim test was inconclusive (the runs left the
 * claim's regime) the kill is listed but not counted. Checked on constructed records and on the
 * recorded matrix (fixtures/reliability/kill-matrix.json).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MUTANTS } from "../../src/implementation/mutants.ts";
import { inconclusiveOnlyKills, killCell, killMatrix, notRobustlyKilled, survivors } from "../../src/reliability/killMatrix.ts";
import type { KillMatrixRecord, MutantRecord } from "../../src/reliability/records.ts";
import { killMatrixMarkdown } from "../../src/reliability/reliabilityTables.ts";
import { claimVerdicts, testOutcomes, type VitestJsonReport } from "../../src/reliability/testOutcomes.ts";

function mutantRun(mutant: string, tests: Array<[string, string, string?]>): MutantRecord {
  const report: VitestJsonReport = { testResults: [{ name: "specs/x.spec.ts", assertionResults: tests.map(([title, status, message]) => ({ title, status, failureMessages: message === undefined ? [] : [message] })) }] };
  const outcomes = testOutcomes(report);
  return { mutant, seconds: 1, tests: outcomes.length, verdicts: claimVerdicts(outcomes), failures: outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive") };
}

const FAIL = "AssertionError: expected 0.97 to be ≤ 0.02";
const INCONCLUSIVE = "Error: inconclusive: 1 of 5 runs did not reach quasi-interpolation";

describe("killed vs inconclusive", () => {
  const records = [
    // a robust kill by N1 (one test failed outright, another inconclusive), inconclusive-only by NC1
    mutantRun("wd-dropped", [["N1 — a", "failed", FAIL], ["N1 — b", "failed", INCONCLUSIVE], ["NC1 — a", "failed", INCONCLUSIVE], ["D1 — a", "passed"]]),
    // every kill inconclusive: not robustly killed
    mutantRun("wn-dropped", [["N1 — a", "passed"], ["NC1 — a", "failed", INCONCLUSIVE], ["NC2 — a", "failed", INCONCLUSIVE]]),
    // a broken control is not a kill
    mutantRun("full-batch", [["S1 — a", "passed"], ["S1 (control) — a", "failed", FAIL]]),
  ];
  const rows = killMatrix(records);

  it("counts a claim as a robust kill when one of its claim tests failed outright, whatever its other tests did", () => {
    expect(rows[0]).toMatchObject({ killedBy: ["N1", "NC1"], robustlyKilledBy: ["N1"], inconclusiveOnly: ["NC1"] });
    expect(rows[0]!.cells).toMatchObject({ N1: "killed", NC1: "killed (inconclusive)", D1: "survived" });
  });

  it("lists a mutant whose every kill is inconclusive as not robustly killed, and one with no kill as a survivor", () => {
    expect(notRobustlyKilled(rows)).toEqual(["wn-dropped"]);
    expect(survivors(rows)).toEqual(["full-batch"]);
    expect(rows[2]!.controlsBroken).toEqual(["S1"]);
    expect(inconclusiveOnlyKills(rows)).toEqual([
      { mutant: "wd-dropped", claim: "NC1" },
      { mutant: "wn-dropped", claim: "NC1" },
      { mutant: "wn-dropped", claim: "NC2" },
    ]);
  });

  it("reads the cell from the failing tests' outcomes, and from the verdict when the record has none for the claim", () => {
    const verdict = { claim: "NC1" as const, claimPassed: false, inconclusive: true, controlsPassed: true, failedTests: ["NC1 — a"] };
    expect(killCell(verdict, [])).toBe("killed (inconclusive)");
    expect(killCell({ ...verdict, inconclusive: false }, [])).toBe("killed");
    expect(killCell(verdict, [{ claim: "NC1", control: false, title: "NC1 — a", outcome: "fail" }])).toBe("killed");
    expect(killCell(verdict, [{ claim: "NC1", control: true, title: "NC1 (control) — a", outcome: "fail" }])).toBe("killed (inconclusive)");
    expect(killCell({ ...verdict, claimPassed: true }, [])).toBe("survived");
  });

  it("renders the robust and the inconclusive-only kills apart, and names the mutants not robustly killed", () => {
    const md = killMatrixMarkdown({ generated: "2026-12-03T00:00:00Z", backend: "wasm", profile: "ci", commit: "abc1234", node: "20", seed: 1, mutants: records });
    expect(md).toContain("| N1 | NC1 | NC2 | D1 | S1 | killed by (✗, robust) | inconclusive only (✗ᵢ) |");
    expect(md).toContain("| weight decay dropped (`wd-dropped`) | trainer | ✗ | ✗ᵢ |   | · |   | N1 | NC1 |");
    expect(md).toMatch(/\(`wn-dropped`\) .*\| \*\*none: not robustly killed\*\* \| NC1, NC2 \|/);
    expect(md).toContain("**Not robustly killed (every kill inconclusive): wn-dropped.**");
    expect(md).toContain("**Survivors: full-batch.**");
    expect(md).toContain("Kills by leaving the regime only (✗ᵢ, not counted as robust): wd-dropped × NC1, wn-dropped × NC1, wn-dropped × NC2.");
  });
});

describe("the recorded kill matrix", () => {
  const record = JSON.parse(readFileSync("fixtures/reliability/kill-matrix.json", "utf8")) as KillMatrixRecord;
  const rows = killMatrix(record.mutants);

  it("has every mutant killed robustly by some claim; the inconclusive-only cells are those where the runs left the regime", () => {
    expect(rows.map((r) => r.mutant)).toEqual(MUTANTS.map((m) => m.id));
    expect(survivors(rows)).toEqual([]);
    expect(notRobustlyKilled(rows)).toEqual([]);
    for (const { mutant, claim } of inconclusiveOnlyKills(rows)) {
      const failures = record.mutants.find((m) => m.mutant === mutant)!.failures.filter((f) => f.claim === claim && !f.control);
      expect(failures.length, `${mutant} × ${claim}`).toBeGreaterThan(0);
      expect(failures.every((f) => f.outcome === "inconclusive"), `${mutant} × ${claim}`).toBe(true);
    }
  });
});
