/** `describeDecision` and `assertDecision`: what a failing claim spec prints. */
import { describe, expect, test } from "vitest";
import { DecisionError, assertDecision, describeDecision, meanBelow, pairedLess } from "../../src/stats/index.ts";

describe("describeDecision", () => {
  test("one line: verdict, summary, rule and α", () => {
    const held = meanBelow([-2.4, -2.2, -2.3], -1.3, { label: "log10 NC1" });
    const line = describeDecision(held);
    expect(line.startsWith("HELD: mean log10 NC1 = -2.30")).toBe(true);
    expect(line.endsWith("[rule: one-sided t-test on log10 NC1: upper 95% bound of the mean < -1.3; α = 0.05]")).toBe(true);
    expect(line).not.toContain("\n");
    expect(describeDecision(meanBelow([0, 0.2, 0.1], -1.3)).startsWith("NOT HELD: ")).toBe(true);
    expect(describeDecision(meanBelow([NaN, 0.2], -1.3)).startsWith("INCONCLUSIVE: ")).toBe(true);
  });

  test("rejects what is not a Decision", () => {
    expect(() => describeDecision({} as never)).toThrow("describeDecision: d = an object is not a Decision");
  });
});

describe("assertDecision", () => {
  test("returns when the decision holds", () => {
    expect(() => assertDecision(meanBelow([-2.4, -2.2, -2.3], -1.3))).not.toThrow();
  });

  test("throws a DecisionError with context, the description and every value when not held", () => {
    const d = pairedLess([0.5, 0.62, 0.48], [0.1, 0.21, 0.15], { label: "NC1" });
    let thrown: unknown;
    try {
      assertDecision(d, "NC-WD, width 64, seeds 1–3");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DecisionError);
    const error = thrown as DecisionError;
    expect(error.decision).toBe(d);
    expect(error.message.split("\n")).toEqual([
      "NC-WD, width 64, seeds 1–3",
      `  ${describeDecision(d)}`,
      "  values (n = 3): [0.4, 0.41, 0.33]",
    ]);
  });

  test("inconclusive throws too, with the reason: a diverged run is never a pass", () => {
    expect(() => assertDecision(meanBelow([-3, -Infinity, -2], 0))).toThrow(
      /INCONCLUSIVE: 1 of 3 values is non-finite \(values\[1\] = -Infinity\)[^\n]*\n  values \(n = 3\): \[-3, -Infinity, -2\]/,
    );
    // A hand-built decision that claims to hold while inconclusive still throws.
    const forged = { ...meanBelow([-3, -2.9], 0), inconclusive: "forged" };
    expect(() => assertDecision(forged)).toThrow(DecisionError);
  });
});
