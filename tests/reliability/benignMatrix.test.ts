import { describe, expect, it } from "vitest";
import { allBenignPassed, benignMatrix, benignMatrixMarkdown, falseKills } from "../../src/reliability/benignMatrix.ts";
import { BENIGN_VARIANTS, benignTrainerValue, benignVariantById } from "../../src/reliability/benignVariants.ts";
import type { BenignMatrixRecord, BenignRecord } from "../../src/reliability/records.ts";
import { replaceSection } from "../../src/reliability/reliabilityTables.ts";
import { claimVerdicts, testOutcomes, type VitestJsonReport } from "../../src/reliability/testOutcomes.ts";

const report = (tests: Array<[string, string, string?]>): VitestJsonReport => ({
  testResults: [{ name: "specs/x.spec.ts", assertionResults: tests.map(([title, status, message]) => ({ title, status, failureMessages: message === undefined ? [] : [message] })) }],
});

/** A benign record from synthetic test outcomes, as scripts/reliability.ts makes it. */
function record(variant: string, tests: Array<[string, string, string?]>): BenignRecord {
  const outcomes = testOutcomes(report(tests));
  return { variant, trainer: "pytorch", seconds: 300, tests: outcomes.length, verdicts: claimVerdicts(outcomes), failures: outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive") };
}

const PASSING: Array<[string, string, string?]> = [
  ["N1 — equilibrium", "passed"],
  ["N1 (control) — plain step misses", "passed"],
  ["NC1 — NC1 → 0", "passed"],
  ["D2 — stationarity", "passed"],
];

const provenance = { generated: "2026-12-03T15:00:00.000Z", backend: "wasm", profile: "ci", commit: "abc1234", node: "20.0.0", rules: "0123456789abcdef" };

describe("the benign matrix", () => {
  it("tabulates per claim: passed, a failed check (false kill), a run outside the regime, a broken control", () => {
    const rows = benignMatrix([
      record("pytorch-wn-reparametrised", [
        ["N1 (WN step) — the step is the projected one (with seed=1)", "failed", "AssertionError: direction error 0.4 > 0.02"],
        ["N1 — equilibrium", "passed"],
        ["NC1 — NC1 → 0", "passed"],
        ["NC1 (control) — frozen features", "failed", "AssertionError: control must fail"],
        ["D2 — stationarity", "failed", "Error: inconclusive: 3 of 5 runs are not near-stationary"],
      ]),
      record("pytorch", PASSING),
    ]);
    // published order, whatever the record order
    expect(rows.map((r) => r.variant)).toEqual(["pytorch", "pytorch-wn-reparametrised"]);
    expect(rows[0]!.cells).toEqual({ N1: "passed", NC1: "passed", D2: "passed" });
    expect(rows[0]!.falseKills).toEqual([]);
    const wn = rows[1]!;
    expect(wn.cells).toEqual({ N1: "failed", NC1: "passed", D2: "failed (inconclusive)" });
    expect(wn.falseKills).toEqual(["N1", "D2"]);
    expect(wn.inconclusive).toEqual(["D2"]);
    expect(wn.controlsBroken).toEqual(["NC1"]);
    expect(falseKills(rows)).toEqual([
      { variant: "pytorch-wn-reparametrised", claim: "N1", inconclusive: false },
      { variant: "pytorch-wn-reparametrised", claim: "D2", inconclusive: true },
    ]);
    expect(allBenignPassed(rows)).toBe(false);
    expect(allBenignPassed(rows.slice(0, 1))).toBe(true);
  });

  it("a broken control alone, or a run that could not be made, is not all-passed", () => {
    const control = record("pytorch", [...PASSING.filter((t) => !t[0].includes("control")), ["N1 (control) — plain step misses", "failed", "AssertionError: x"]]);
    expect(benignMatrix([control])[0]!.falseKills).toEqual([]);
    expect(allBenignPassed(benignMatrix([control]))).toBe(false);
    const crashed: BenignRecord = { variant: "pytorch-run-order", trainer: "cmd:x", seconds: 3, tests: 0, verdicts: [], failures: [], error: "vitest exited with code 1\nmore" };
    const [row] = benignMatrix([crashed]);
    expect(row!.error).toMatch(/^vitest exited/);
    expect(allBenignPassed([row!])).toBe(false);
  });

  it("renders the markdown table with provenance, symbols, the failures and what was not run", () => {
    const rec: BenignMatrixRecord = {
      ...provenance,
      seed: 20230024,
      variantList: BENIGN_VARIANTS.map(({ id, description, flags, whyCorrect }) => ({ id, description, flags, whyCorrect })),
      variants: [
        record("pytorch", PASSING),
        record("pytorch-wn-reparametrised", [
          ["N1 (WN step) — projected", "failed", "AssertionError: direction error 0.4 > 0.02"],
          ["NC1 — NC1 → 0", "passed"],
          ["D2 — stationarity", "failed", "Error: inconclusive: not stationary"],
        ]),
      ],
    };
    const md = benignMatrixMarkdown(rec);
    expect(md).toContain("commit `abc1234`, rules `0123456789abcdef`");
    expect(md).toContain("| variant | N1 | NC1 | D2 | false kills | time |");
    expect(md).toContain("| PyTorch adapter as shipped (`pytorch`) | ✓ | ✓ | ✓ | none | 5 min |");
    expect(md).toContain("(`pytorch-wn-reparametrised`) | ✗ | ✓ | ✗ᵢ | **N1, D2** |");
    expect(md).toContain("**False kills: pytorch-wn-reparametrised × N1, pytorch-wn-reparametrised × D2 (inconclusive).**");
    expect(md).toContain("- `pytorch-wn-reparametrised`: N1 (WN step) — projected — fail: AssertionError: direction error 0.4 > 0.02");
    expect(md).toContain("Not run yet: pytorch-wn-reparametrised-torch-init, pytorch-batches-with-replacement, pytorch-run-order.");
    const clean = benignMatrixMarkdown({ ...rec, variants: [record("pytorch", PASSING)] });
    expect(clean).toContain("No false kill: every claim passed through every variant run (1).");
    const doc = replaceSection("a\n<!-- begin:benign-matrix -->\nold\n<!-- end:benign-matrix -->\nb", "benign-matrix", clean);
    expect(doc).toContain(clean);
    expect(doc).not.toContain("old");
  });

  it("publishes at least the four required variants, each with its trainer value and a reason", () => {
    expect(BENIGN_VARIANTS.map((v) => v.id)).toEqual(expect.arrayContaining(["pytorch", "pytorch-wn-reparametrised", "pytorch-batches-with-replacement", "pytorch-run-order"]));
    expect(new Set(BENIGN_VARIANTS.map((v) => v.id)).size).toBe(BENIGN_VARIANTS.length);
    for (const v of BENIGN_VARIANTS) expect(v.whyCorrect.length).toBeGreaterThan(40);
    const cmd = () => "/usr/bin/python3 /r/adapters/pytorch/trainer.py";
    expect(benignTrainerValue(benignVariantById("pytorch"), cmd)).toBe("pytorch");
    expect(benignTrainerValue(benignVariantById("pytorch-wn-reparametrised"), cmd)).toBe("cmd:/usr/bin/python3 /r/adapters/pytorch/trainer.py --wn reparametrised");
    expect(benignTrainerValue(benignVariantById("pytorch-batches-with-replacement"), cmd)).toMatch(/ --batches with-replacement$/);
    expect(benignTrainerValue(benignVariantById("pytorch-run-order"), cmd)).toMatch(/ --run-order one-by-one-reversed$/);
    expect(() => benignVariantById("nope")).toThrow(/unknown benign variant "nope"; expected one of pytorch, /);
  });
});
