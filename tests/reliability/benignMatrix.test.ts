/**
 * The benign matrix (issue #18): a benign variant must pass every claim (a failure is a false
 * kill); a variant outside the conventions must be rejected — a failed check, not an inconclusive
 * run — by each claim of its `mustReject`, and its other cells are reported, not judged. Checked on
 * constructed records, with a property over every assignment of cells, and on the recorded matrix
 * (fixtures/reliability/benign-matrix.json).
 */
import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CLAIM_IDS, type ClaimId } from "../../src/claims/catalog.ts";
import { benignMatrix, falseKills } from "../../src/reliability/benignMatrix.ts";
import { benignMatrixDefects } from "../../src/reliability/benignMatrixDefects.ts";
import { benignMatrixMarkdown, benignRowSummary } from "../../src/reliability/benignMatrixMarkdown.ts";
import { BENIGN_VARIANTS } from "../../src/reliability/benignVariants.ts";
import { MATRIX_VARIANTS, matrixVariantById, recordedVariant } from "../../src/reliability/matrixVariants.ts";
import { OUT_OF_CONVENTION_VARIANTS } from "../../src/reliability/outOfConventionVariants.ts";
import type { BenignMatrixRecord, BenignRecord } from "../../src/reliability/records.ts";
import { replaceSection } from "../../src/reliability/reliabilityTables.ts";
import { claimVerdicts, testOutcomes, type ClaimRunVerdict, type VitestJsonReport } from "../../src/reliability/testOutcomes.ts";
import { variantTrainerValue, type BenignVariant, type OutOfConventionVariant, type TrainerVariant } from "../../src/reliability/trainerVariant.ts";

const report = (tests: Array<[string, string, string?]>): VitestJsonReport => ({
  testResults: [{ name: "specs/x.spec.ts", assertionResults: tests.map(([title, status, message]) => ({ title, status, failureMessages: message === undefined ? [] : [message] })) }],
});

/** A record from synthetic test outcomes, as scripts/reliability.ts makes it. */
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
const N1_FAILS: [string, string, string] = ["N1 (WN step) — the step is the projected one (with seed=1)", "failed", "AssertionError: direction error 0.97 > 0.02"];
const NC1_INCONCLUSIVE: [string, string, string] = ["NC1 — NC1 → 0", "failed", "Error: inconclusive: 1 of 5 runs did not reach quasi-interpolation"];

const provenance = { generated: "2026-12-03T15:00:00.000Z", backend: "wasm", profile: "ci", commit: "abc1234", node: "20.0.0", rules: "0123456789abcdef" };

/** A benign and an out-of-convention variant, for judging constructed records. */
const BENIGN: BenignVariant = { kind: "benign", id: "t-benign", name: "a correct variant", description: "differs harmlessly", flags: ["--harmless"], whyCorrect: "the conventions allow it" };
const OUTSIDE: OutOfConventionVariant = {
  kind: "outside-conventions",
  id: "t-outside",
  name: "an excluded variant",
  description: "differs in what N1 checks",
  flags: ["--excluded"],
  whyOutside: "the conventions exclude it",
  mustReject: [{ claim: "N1", why: "N1 checks what it changes" }],
};
const VARIANTS: readonly TrainerVariant[] = [BENIGN, OUTSIDE];

/** The same results under another id (so judged as another variant). */
const as = (r: BenignRecord, variant: string): BenignRecord => ({ ...r, variant });

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
    expect(wn.kind).toBe("benign");
    expect(wn.cells).toEqual({ N1: "failed", NC1: "passed", D2: "failed (inconclusive)" });
    expect(wn.falseKills).toEqual(["N1", "D2"]);
    expect(wn.inconclusive).toEqual(["D2"]);
    expect(wn.controlsBroken).toEqual(["NC1"]);
    expect(falseKills(rows)).toEqual([
      { variant: "pytorch-wn-reparametrised", claim: "N1", inconclusive: false },
      { variant: "pytorch-wn-reparametrised", claim: "D2", inconclusive: true },
    ]);
    expect(benignMatrixDefects(rows.slice(0, 1))).toEqual([]);
  });

  it("a false kill of a benign variant is a defect naming the variant and the claim; inconclusive kills count too", () => {
    const rows = benignMatrix([record(BENIGN.id, [...PASSING.slice(1), N1_FAILS])], VARIANTS);
    const defects = benignMatrixDefects(rows);
    expect(defects.map(({ variant, kind, claim }) => ({ variant, kind, claim }))).toEqual([{ variant: BENIGN.id, kind: "false kill", claim: "N1" }]);
    expect(defects[0]!.message).toContain(BENIGN.id);
    expect(defects[0]!.message).toContain("N1");
    const inconclusive = benignMatrixDefects(benignMatrix([record(BENIGN.id, [...PASSING.filter((t) => !t[0].startsWith("NC1")), NC1_INCONCLUSIVE])], VARIANTS));
    expect(inconclusive.map((d) => [d.kind, d.claim])).toEqual([["false kill", "NC1"]]);
  });

  it("a broken control of a benign variant, or a run that could not be made, is a defect", () => {
    const control = record(BENIGN.id, [...PASSING.filter((t) => !t[0].includes("control")), ["N1 (control) — plain step misses", "failed", "AssertionError: x"]]);
    const [row] = benignMatrix([control], VARIANTS);
    expect(row!.falseKills).toEqual([]);
    expect(benignMatrixDefects([row!]).map((d) => [d.variant, d.kind, d.claim])).toEqual([[BENIGN.id, "control broken", "N1"]]);
    for (const variant of VARIANTS) {
      const crashed: BenignRecord = { variant: variant.id, trainer: "cmd:x", seconds: 3, tests: 0, verdicts: [], failures: [], error: "vitest exited with code 1\nmore" };
      const [crashedRow] = benignMatrix([crashed], VARIANTS);
      expect(crashedRow!.error).toMatch(/^vitest exited/);
      // one defect, the error — not also a missing rejection for the run that did not happen
      expect(benignMatrixDefects([crashedRow!]).map((d) => [d.variant, d.kind])).toEqual([[variant.id, "run error"]]);
    }
  });

  it("an out-of-convention variant that its required claim rejects passes, whatever its other cells and controls", () => {
    const results = record(OUTSIDE.id, [N1_FAILS, ["N1 (control) — plain step misses", "failed", "AssertionError: x"], NC1_INCONCLUSIVE, ["D2 — stationarity", "failed", "AssertionError: off"]]);
    const [row] = benignMatrix([results], VARIANTS);
    expect(row!.kind).toBe("outside-conventions");
    expect(row!.rejections).toEqual([{ ...OUTSIDE.mustReject[0], cell: "failed", rejected: true }]);
    expect(row!.falseKills).toEqual([]);
    expect(row!.failed).toEqual(["N1", "NC1", "D2"]);
    expect(benignMatrixDefects([row!])).toEqual([]);
    // the same results through a benign variant are false kills (and a broken control)
    const asBenign = benignMatrixDefects(benignMatrix([as(results, BENIGN.id)], VARIANTS));
    expect(asBenign.filter((d) => d.kind === "false kill").map((d) => d.claim)).toEqual(row!.failed);
    expect(asBenign.filter((d) => d.kind === "control broken").map((d) => d.claim)).toEqual(row!.controlsBroken);
  });

  it("an out-of-convention variant its required claim does not reject (passed, inconclusive, not run) fails, naming the variant and the claim", () => {
    const cases: Array<Array<[string, string, string?]>> = [PASSING, [["N1 (WN step) — projected", "failed", "Error: inconclusive: diverged"], ...PASSING.slice(1)], PASSING.slice(2)];
    for (const tests of cases) {
      const [row] = benignMatrix([record(OUTSIDE.id, tests)], VARIANTS);
      const defects = benignMatrixDefects([row!]);
      expect(defects.map(({ variant, kind, claim }) => ({ variant, kind, claim }))).toEqual([{ variant: OUTSIDE.id, kind: "rejection missing", claim: "N1" }]);
      expect(defects[0]!.message).toContain(`the suite no longer distinguishes ${OUTSIDE.id}`);
      expect(defects[0]!.message).toContain(OUTSIDE.mustReject[0]!.why);
      expect(benignRowSummary(row!)).toContain("NOT REJECTED by N1");
    }
  });

  test.prop([fc.array(fc.record({ claim: fc.constantFrom(...CLAIM_IDS), cell: fc.constantFrom("passed", "failed", "failed (inconclusive)"), controlsPassed: fc.boolean() }), { maxLength: 8 }), fc.subarray([...CLAIM_IDS], { minLength: 1 })])(
    "defects: a benign row's are its failed claims and broken controls; an out-of-convention row's are exactly its required claims whose check did not fail",
    (assigned, required) => {
      const byClaim = new Map(assigned.map((a) => [a.claim, a]));
      const verdicts: ClaimRunVerdict[] = CLAIM_IDS.filter((c) => byClaim.has(c)).map((claim) => {
        const { cell, controlsPassed } = byClaim.get(claim)!;
        return { claim, claimPassed: cell === "passed", inconclusive: cell === "failed (inconclusive)", controlsPassed, failedTests: [] };
      });
      const outside: OutOfConventionVariant = { ...OUTSIDE, mustReject: required.map((claim) => ({ claim, why: `${claim} must see it` })) };
      const variants = [BENIGN, outside];
      const results: BenignRecord = { variant: outside.id, trainer: "cmd:x", seconds: 1, tests: verdicts.length, verdicts, failures: [] };
      const claims = (kind: string, r: BenignRecord) => benignMatrixDefects(benignMatrix([r], variants)).filter((d) => d.kind === kind).map((d) => d.claim);
      expect(claims("rejection missing", results)).toEqual(required.filter((c) => byClaim.get(c)?.cell !== "failed"));
      expect(benignMatrixDefects(benignMatrix([results], variants)).every((d) => d.kind === "rejection missing")).toBe(true);
      const benign = as(results, BENIGN.id);
      expect(claims("false kill", benign)).toEqual(verdicts.filter((v) => !v.claimPassed).map((v) => v.claim));
      expect(claims("control broken", benign)).toEqual(verdicts.filter((v) => !v.controlsPassed).map((v) => v.claim));
    },
  );

  it("renders the benign table, the out-of-convention table apart with its required rejections, the defects and what was not run", () => {
    const rec: BenignMatrixRecord = {
      ...provenance,
      seed: 20230024,
      variantList: VARIANTS.map(recordedVariant),
      variants: [record(BENIGN.id, PASSING), record(OUTSIDE.id, [N1_FAILS, NC1_INCONCLUSIVE, ["D2 — stationarity", "passed"]])],
    };
    const md = benignMatrixMarkdown(rec, VARIANTS);
    expect(md).toContain("commit `abc1234`, rules `0123456789abcdef`");
    const tableRow = (v: TrainerVariant) => md.split("\n").find((l) => l.startsWith(`| ${v.name} (\`${v.id}\`) |`))!;
    const cells = (v: TrainerVariant) => tableRow(v).split(" | ").slice(1, 4);
    expect(cells(BENIGN)).toEqual(["✓", "✓", "✓"]);
    expect(tableRow(BENIGN)).toContain("| none | 5 min |");
    // the required claim's cell in bold; the other failures shown as measured
    expect(cells(OUTSIDE)).toEqual(["**✗**", "✗ᵢ", "✓"]);
    expect(tableRow(OUTSIDE)).toContain("| N1: rejected |");
    // the out-of-convention table comes after the benign one, under its own header
    const headers = md.split("\n").filter((l) => l.startsWith("| variant |"));
    expect(headers).toEqual(["| variant | N1 | NC1 | D2 | false kills | time |", "| variant | N1 | NC1 | D2 | must reject | time |"]);
    expect(md.indexOf(tableRow(OUTSIDE))).toBeGreaterThan(md.indexOf(headers[1]!));
    expect(md).toContain(`every required rejection seen (${OUTSIDE.id} × N1)`);
    expect(md).toMatch(new RegExp(`- \`${OUTSIDE.id}\` \\(required rejection\\): N1 \\(WN step\\)`));
    expect(md).toMatch(new RegExp(`- \`${OUTSIDE.id}\` \\(reported, not judged\\): NC1`));
    expect(md).not.toContain("Not run yet");
    // a required rejection that did not happen, and a false kill, are listed as defects
    const bad = benignMatrixMarkdown({ ...rec, variants: [record(BENIGN.id, [...PASSING.slice(1), N1_FAILS]), record(OUTSIDE.id, PASSING)] }, VARIANTS);
    expect(bad).toContain("| **N1: not rejected** |");
    for (const d of benignMatrixDefects(benignMatrix([record(BENIGN.id, [...PASSING.slice(1), N1_FAILS]), record(OUTSIDE.id, PASSING)], VARIANTS))) expect(bad).toContain(`- ${d.message}`);
    const partial = benignMatrixMarkdown({ ...rec, variants: [record(BENIGN.id, PASSING)] }, VARIANTS);
    expect(partial).toContain(`Not run yet: ${OUTSIDE.id}.`);
    expect(partial).not.toContain("must reject");
    const doc = replaceSection("a\n<!-- begin:benign-matrix -->\nold\n<!-- end:benign-matrix -->\nb", "benign-matrix", partial);
    expect(doc).toContain(partial);
    expect(doc).not.toContain("old");
  });
});

describe("the published variant list", () => {
  it("has the four required benign variants, each with its trainer value and a reason; ids unique over both kinds", () => {
    expect(BENIGN_VARIANTS.map((v) => v.id)).toEqual(expect.arrayContaining(["pytorch", "pytorch-wn-reparametrised", "pytorch-batches-with-replacement", "pytorch-run-order"]));
    expect(MATRIX_VARIANTS).toEqual([...BENIGN_VARIANTS, ...OUT_OF_CONVENTION_VARIANTS]);
    expect(new Set(MATRIX_VARIANTS.map((v) => v.id)).size).toBe(MATRIX_VARIANTS.length);
    for (const v of BENIGN_VARIANTS) expect([v.kind, v.whyCorrect.length > 40]).toEqual(["benign", true]);
    const cmd = () => "/usr/bin/python3 /r/adapters/pytorch/trainer.py";
    expect(variantTrainerValue(matrixVariantById("pytorch"), cmd)).toBe("pytorch");
    for (const v of MATRIX_VARIANTS.filter((x) => x.flags.length > 0)) expect(variantTrainerValue(v, cmd)).toBe(`cmd:${cmd()} ${v.flags.join(" ")}`);
    expect(() => matrixVariantById("nope")).toThrow(/unknown variant "nope" of the benign matrix; expected one of pytorch, /);
    expect(recordedVariant(BENIGN)).toEqual({ kind: "benign", id: BENIGN.id, description: BENIGN.description, flags: BENIGN.flags, whyCorrect: BENIGN.whyCorrect });
  });

  it("lists torch-initialised WN outside the conventions, to be rejected by N1 — citing the WN convention and the ‖V_k‖ = 1 reading", () => {
    const torchInit = matrixVariantById("pytorch-wn-reparametrised-torch-init");
    expect(torchInit.kind).toBe("outside-conventions");
    const outside = torchInit as OutOfConventionVariant;
    expect(outside.mustReject.map((r) => r.claim)).toEqual(["N1"]);
    expect(outside.whyOutside).toContain("either is acceptable");
    expect(outside.whyOutside).toContain("‖V_k⁰‖ = 1");
    expect(outside.whyOutside).toContain("V̇_k = −g_k(I − V_kV_kᵀ)∇_{W_k}L");
    // the benign form of the same parametrisation differs from it by the initialisation flag only
    const unit = matrixVariantById("pytorch-wn-reparametrised");
    expect([unit.kind, torchInit.flags.slice(0, unit.flags.length)]).toEqual(["benign", unit.flags]);
    for (const v of OUT_OF_CONVENTION_VARIANTS) {
      expect(v.mustReject.length).toBeGreaterThan(0);
      for (const r of v.mustReject) expect([CLAIM_IDS.includes(r.claim), r.why.length > 40]).toEqual([true, true]);
    }
  });
});

describe("the recorded benign matrix", () => {
  const rec = JSON.parse(readFileSync("fixtures/reliability/benign-matrix.json", "utf8")) as BenignMatrixRecord;
  const rows = benignMatrix(rec.variants);

  it("has every listed variant, and no defect under the current list: no false kill, every required rejection seen", () => {
    expect(rows.map((r) => r.variant)).toEqual(MATRIX_VARIANTS.map((v) => v.id));
    expect(benignMatrixDefects(rows)).toEqual([]);
  });

  it("judged as benign, each out-of-convention row would be false kills: its failures are real, only the verdict on them changed", () => {
    for (const v of OUT_OF_CONVENTION_VARIANTS) {
      const row = rows.find((r) => r.variant === v.id)!;
      const asBenign = benignMatrix(rec.variants.filter((r) => r.variant === v.id), [{ ...v, kind: "benign", whyCorrect: "(counterfactual)" }]);
      const claims: ClaimId[] = benignMatrixDefects(asBenign).filter((d) => d.kind === "false kill").map((d) => d.claim!);
      expect(claims).toEqual(row.failed);
      expect(claims).toEqual(expect.arrayContaining(v.mustReject.map((r) => r.claim)));
    }
  });
});
