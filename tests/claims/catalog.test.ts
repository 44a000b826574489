import { describe, expect, it } from "vitest";
import {
  CATALOG,
  CLAIM_FAMILIES,
  CLAIM_IDS,
  claimById,
  claimsOfFamily,
  isClaimId,
} from "../../src/claims/catalog.ts";

describe("claim catalogue", () => {
  it("has one entry per claim id of CLAIMS.md, in its order, each id once", () => {
    expect(CATALOG.map((c) => c.id)).toEqual([...CLAIM_IDS]);
    expect(new Set(CATALOG.map((c) => c.id)).size).toBe(CATALOG.length);
    expect(CATALOG).toHaveLength(18);
  });

  it("gives every family at least one claim, and every claim a known family", () => {
    for (const family of CLAIM_FAMILIES) expect(claimsOfFamily(family).length, family).toBeGreaterThan(0);
    for (const c of CATALOG) expect(CLAIM_FAMILIES).toContain(c.family);
  });

  it("fills every text field of every claim", () => {
    for (const c of CATALOG) {
      for (const field of ["title", "statement", "source", "control"] as const) {
        expect(c[field].trim().length, `${c.id}.${field}`).toBeGreaterThan(0);
      }
      expect(c.source, c.id).toMatch(/Xu et al\. 2023|Galanti/);
    }
  });

  it("has distinct titles (they are the report's stories)", () => {
    expect(new Set(CATALOG.map((c) => c.title)).size).toBe(CATALOG.length);
  });

  it("marks the derived claims of CLAIMS.md as derived", () => {
    const derived = CATALOG.filter((c) => c.derived).map((c) => c.id);
    expect(derived).toEqual(expect.arrayContaining(["N1", "D1", "D2", "R1"]));
  });

  it("finds a claim by id", () => {
    expect(claimById("NC-WD").family).toBe("Neural collapse");
    expect(claimById("G1").family).toBe("Generalization bounds");
    expect(isClaimId("S2")).toBe(true);
    expect(isClaimId("nc1")).toBe(false);
  });

  it("rejects an unknown id with a message naming it and listing the known ids", () => {
    expect(() => claimById("NC5")).toThrowError(/unknown claim id "NC5"; known ids: N1, N2, NC1, .*G4/);
  });
});
