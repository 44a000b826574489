/**
 * The Allure helpers inside a vitest test: they must not throw. (What they record is checked by
 * generating a report from a run: `npm run verify`.)
 */
import { describe, expect, it } from "vitest";
import { allureActive } from "../../src/report/allureActive.ts";
import { attachJson, attachSvg, attachText } from "../../src/report/attach.ts";
import { attachDecision, verdictText } from "../../src/report/attachDecision.ts";
import { claimDescription, labelClaim } from "../../src/report/labelClaim.ts";
import { recordEvidence } from "../../src/report/recordEvidence.ts";
import { reportKeyMeasurement, reportParameters } from "../../src/report/reportParameters.ts";

describe("Allure helpers", () => {
  it("run inside a vitest test, with the Allure runtime installed", async () => {
    expect(allureActive()).toBe(true);
    // labelClaim is not called here: a claim label on a unit test would show in the claims report.
    // The claim specs exercise it; its text is tested through claimDescription below.
    await attachJson("values", { v: new Float32Array([1, NaN]) });
    await attachText("table", "a b\n1 2");
    await attachSvg("chart", '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await reportKeyMeasurement("ratio = 1.000");
    const decision = { holds: true, rule: "sign test, α = 0.05", summary: "8/8 seeds: held", values: [1, 2], alpha: 0.05 };
    expect(await attachDecision("null-space decay", decision)).toBe(true);
    expect(await attachDecision("control", { ...decision, holds: false }, { expected: false })).toBe(false);
    await recordEvidence("trajectory", {
      data: { t: [0, 1], v: [1, 0.5] },
      line: { title: "decay", xLabel: "t", yLabel: "‖W⊥‖", series: [{ name: "run", points: [[0, 1], [1, 0.5]] }] },
      bars: { title: "per layer", xLabel: "layer", yLabel: "v", bars: [{ category: "1", value: 1 }] },
    });
  });

  it("report the parameters and a replay command naming this test", async () => {
    const replay = await reportParameters({ "λ": 1e-3, "batch B": 16, "weight normalisation": true });
    expect(replay).toMatch(/^THEOREM_SPEC_PROFILE=(ci|full) THEOREM_SPEC_SEED=-?\d+ THEOREM_SPEC_FC_SEED=-?\d+ npx vitest run /);
    expect(replay).toContain("tests/report/allureHelpers.test.ts");
    expect(replay).toContain('-t "Allure helpers report the parameters and a replay command naming this test"');
    const explicit = await reportParameters({}, { file: "specs/x.spec.ts", testNames: ["X", "y"] });
    expect(explicit).toMatch(/npx vitest run specs\/x\.spec\.ts -t "X y"$/);
  });

  it("reject an SVG attachment that is not SVG", async () => {
    await expect(attachSvg("bad", "<html></html>")).rejects.toThrowError(/does not start with "<svg"/);
  });

  it("reject an unknown claim id", async () => {
    await expect(labelClaim({ claim: "NC9" as "NC1", rule: "r" })).rejects.toThrowError(/unknown claim id "NC9"/);
  });
});

describe("claimDescription", () => {
  it("holds the statement, source and rule; a control's says its failure is asserted", () => {
    const text = claimDescription({ claim: "N2", rule: "mean ρȳ < 1 at 95%" });
    expect(text).toContain("**N2 — Quasi-interpolation**");
    expect(text).toContain("mean `ρ ȳ_n < 1`");
    expect(text).toContain("**Source.** Xu et al. 2023");
    expect(text).toContain("**Decision rule.** mean ρȳ < 1 at 95%");
    expect(text).toContain("**Control** (a separate test tagged `control`): λ = 0.");
    const control = claimDescription({ claim: "N2", control: true, rule: "r" });
    expect(control).toContain("**This is a control test.** Control: λ = 0.");
    expect(control).toContain("asserts that the check above **fails** on the control");
    expect(claimDescription({ claim: "G1", control: true, rule: "r" })).toContain("control not stated in CLAIMS.md");
  });
});

describe("verdictText", () => {
  it("says whether the verdict is the asserted one", () => {
    expect(verdictText({ holds: true, rule: "r", summary: "s" })).toBe("holds (as asserted) — s");
    expect(verdictText({ holds: true, rule: "r", summary: "s" }, false)).toBe("holds (NOT as asserted: control) — s");
    expect(verdictText({ holds: false, rule: "r", summary: "s", inconclusive: "2 seeds diverged" })).toBe(
      "inconclusive: 2 seeds diverged (undecided) — s",
    );
  });
});
