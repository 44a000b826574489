import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { STATEMENT_VERDICTS } from "../../src/claims/verdicts.ts";
import {
  CATALOG,
  primaryStatement,
  statementOf,
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

  it("gives every claim the paper's sentence and its checked statements, exactly one primary, keys unique", () => {
    for (const c of CATALOG) {
      expect(c.paper.text.trim().length, `${c.id} paper`).toBeGreaterThan(0);
      expect(c.paper.section.trim().length, `${c.id} section`).toBeGreaterThan(0);
      expect(c.statements.length, c.id).toBeGreaterThan(0);
      expect(c.statements.filter((s) => s.primary === true), `${c.id} primary`).toHaveLength(1);
      expect(new Set(c.statements.map((s) => s.key)).size, `${c.id} keys`).toBe(c.statements.length);
      expect(c.statements.some((s) => s.kind === "as stated"), `${c.id} has an as-stated statement`).toBe(true);
      expect(primaryStatement(c).expected, `${c.id}: the primary statement is the one the claim tests check`).toBe("held");
      for (const s of c.statements) {
        expect(STATEMENT_VERDICTS).toContain(s.expected);
        expect(s.text.trim().length && s.plain.trim().length, `${c.id} ${s.key}`).toBeGreaterThan(0);
        if (s.expected !== "held") expect(s.why?.trim().length ?? 0, `${c.id} ${s.key}: a reason`).toBeGreaterThan(0);
        if (s.expected === "not reproduced") expect(s.power?.trim().length ?? 0, `${c.id} ${s.key}: the power of the rule`).toBeGreaterThan(0);
      }
      if (c.statements.some((s) => s.kind === "as refined")) {
        expect(c.statements.find((s) => s.kind === "as stated")!.expected, `${c.id}: refined because as stated is not held`).not.toBe("held");
      }
    }
    expect(statementOf(claimById("R2"), "as stated").expected).toBe("not reproduced");
    expect(() => statementOf(claimById("R2"), "as typed")).toThrowError(/claim R2 has no statement "as typed"/);
  });

  it("pins every 'not reproduced' and 'inconclusive' statement with a finding test in the specs", () => {
    const dir = path.join(__dirname, "..", "..", "specs");
    const specs = readdirSync(dir).filter((f) => f.endsWith(".spec.ts")).map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
    for (const c of CATALOG) {
      for (const s of c.statements.filter((x) => x.expected === "not reproduced" || x.expected === "inconclusive")) {
        const pinned = new RegExp(`claim: "${c.id}",\\s*statement: "${s.key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}",\\s*finding: true`);
        expect(specs, `${c.id} ${s.key}: a labelClaim({ claim, statement, finding: true }) in specs/`).toMatch(pinned);
      }
    }
  });
});
