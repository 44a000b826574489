/**
 * `exactCheckDecision` and `satisfies` (`src/stats/exactCheckDecision.ts`): the decision of an exact
 * inequality over generated cases (R1's bounds, G1's identity), float64 rounding allowed.
 */
import { describe, expect, it } from "vitest";
import { exactCheckDecision, satisfies } from "../../src/stats/exactCheckDecision.ts";

describe("exactCheckDecision", () => {
  it("exact checks: hold with no violation, report the first violation, and are inconclusive without cases", () => {
    const ok = exactCheckDecision("lhs ≤ rhs", [
      { lhs: 0.1, rhs: 1, where: "a" },
      { lhs: 1, rhs: 1, where: "b" },
    ]);
    expect(ok).toMatchObject({ holds: true, alpha: 0, n: 2, estimate: 1 });
    const bad = exactCheckDecision("lhs ≤ rhs", [
      { lhs: 0.1, rhs: 1, where: "a" },
      { lhs: 2, rhs: 1, where: "layer 3" },
    ]);
    expect(bad.holds).toBe(false);
    expect(bad.inconclusive).toBeUndefined();
    expect(bad.summary).toMatch(/violated on 1 of 2 cases, e.g. layer 3: lhs 2.000 > rhs 1.000/);
    expect(exactCheckDecision("x", []).inconclusive).toBe("no cases to check");
    expect(exactCheckDecision("x", [{ lhs: Number.NaN, rhs: 1, where: "w" }]).inconclusive).toMatch(/non-finite side at w/);
    // A per-case tolerance replaces the default one.
    expect(exactCheckDecision("x", [{ lhs: 1.01, rhs: 1, where: "w", tolerance: { relative: 0.02, absolute: 0 } }]).holds).toBe(true);
    expect(satisfies({ lhs: 1 + 1e-10, rhs: 1, where: "" })).toBe(true);
    expect(satisfies({ lhs: 1 + 1e-6, rhs: 1, where: "" })).toBe(false);
  });
});
