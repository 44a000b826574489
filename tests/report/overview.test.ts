import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import { claimHeading } from "../../src/report/labelClaim.ts";
import {
  claimsOverviewHtml,
  escapeHtml,
  executorInfo,
  formatCounts,
  formatKeys,
  NOT_SPECIFIED_TAG,
  placeholderResults,
  runFacts,
} from "../../src/report/overview.ts";
import { claimsOverviewSvg, passedOf } from "../../src/report/overviewSvg.ts";
import { summariseRun, type AllureResultLike } from "../../src/report/summary.ts";

function result(claim: string, status: string, extra: Partial<AllureResultLike> & { control?: boolean; key?: string } = {}): AllureResultLike {
  return {
    uuid: `${claim}-${status}-${extra.control === true ? "c" : "t"}`,
    historyId: `${claim}-${extra.control === true ? "c" : "t"}`,
    name: extra.name ?? `${claim} test`,
    status,
    stop: 1,
    labels: [{ name: "claim", value: claim }, ...(extra.control === true ? [{ name: "tag", value: "control" }] : [])],
    parameters: [
      { name: "profile", value: "ci" },
      { name: "backend", value: "wasm" },
      ...(extra.key === undefined ? [] : [{ name: "key measurement", value: extra.key }]),
    ],
  };
}

const RESULTS = [
  result("NC1", "passed", { key: "NC1 fell 10^2.7 (< 10^−1) <b>" }),
  result("NC1", "passed", { control: true }),
  result("D1", "failed", { name: "D1 decays" }),
  result("R1", "broken"),
];

describe("runFacts and formatCounts", () => {
  it("count the profiles and backends the results recorded", () => {
    const facts = runFacts([...RESULTS, { uuid: "u", name: "unit test" }]);
    expect(facts.results).toBe(5);
    expect(formatCounts(facts.profiles)).toBe("ci (4)");
    expect(formatCounts(facts.backends)).toBe("wasm (4)");
    expect(formatCounts(new Map(), "none")).toBe("none");
    expect(formatKeys(facts.profiles)).toBe("ci");
    expect(formatKeys(new Map())).toBe("not recorded");
  });
});

describe("claimsOverviewHtml", () => {
  const summary = summariseRun(RESULTS);
  const html = claimsOverviewHtml(summary, runFacts(RESULTS), { commit: "abc1234", generatedAt: new Date("2026-01-02T03:04:05Z") });

  it("has one row per statement of every catalogue claim with its verdict", () => {
    for (const c of CATALOG) for (const st of c.statements) expect(html).toContain(`data-claim="${escapeHtml(c.id)}" data-statement="${escapeHtml(st.key)}"`);
    expect(html).toContain('data-claim="NC1" data-statement="as stated" data-verdict="held"');
    expect(html).toContain('data-claim="D1" data-statement="as stated" data-verdict="not reproduced"');
    expect(html).toContain('data-claim="R1" data-statement="as stated" data-verdict="inconclusive"');
    expect(html).toContain('data-claim="G4" data-statement="as stated" data-verdict="not specified"');
    expect(html).toContain("expected held");
  });

  it("escapes measured text, and states the run and what the verdicts mean", () => {
    expect(html).toContain("NC1 fell 10^2.7 (&#60; 10^−1) &#60;b&#62;");
    expect(html).not.toContain("<b>\n");
    expect(html).toContain("profile: ci (4) · backend: wasm (4) · commit: abc1234 · 4 results · built 2026-01-02T03:04:05.000Z");
    expect(html).toContain("1 held");
    expect(html).toContain("the suite does not decide this statement");
    expect(html).toContain("failed: D1 decays");
  });

  it("warns about unknown ids and unlabelled results", () => {
    const odd = [...RESULTS, { uuid: "x", name: "unit", status: "passed" }, result("NC9", "passed")];
    const text = claimsOverviewHtml(summariseRun(odd), runFacts(odd));
    expect(text).toContain("unknown claim ids: NC9");
    expect(text).toContain("1 result(s) carry no");
    expect(text).toContain("commit: unknown");
  });
});

describe("claimsOverviewSvg", () => {
  const svg = claimsOverviewSvg(summariseRun(RESULTS), runFacts(RESULTS), { commit: "abc1234" });

  it("is an SVG document with a group per statement, carrying its verdict", () => {
    expect(svg.startsWith("<svg xmlns=")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const c of CATALOG) expect(svg).toContain(`<g data-claim="${escapeHtml(c.id)}"`);
    expect(svg).toContain('<g data-claim="D1" data-statement="as stated" data-verdict="not reproduced">');
    expect(svg).toContain("1/1 passed");
    expect(svg).toContain("0/1 passed, 1 failed");
  });

  it("stays about as wide as the report's content column (≈ 850 px)", () => {
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(600);
    expect(width).toBeLessThan(900);
  });

  it("escapes text", () => {
    expect(svg).toContain("&#60;b&#62;");
  });
});

describe("passedOf", () => {
  it("summarises counts", () => {
    expect(passedOf({ passed: 0, failed: 0, broken: 0, skipped: 0, unknown: 0 })).toBe("—");
    expect(passedOf({ passed: 2, failed: 1, broken: 1, skipped: 0, unknown: 0 })).toBe("2/4 passed, 1 failed, 1 broken");
  });
});

describe("placeholderResults", () => {
  const statements = CATALOG.reduce((n, c) => n + c.statements.length, 0);
  it("adds a skipped result for every statement no result checks, labelled like a claim test", () => {
    const placeholders = placeholderResults(summariseRun(RESULTS), { now: 5, newId: () => "id" });
    const ran = CATALOG.filter((c) => ["NC1", "D1", "R1"].includes(c.id));
    expect(placeholders).toHaveLength(statements - 3);
    expect(placeholders.filter((p) => p.labels.some((l) => l.name === "claim" && ran.some((c) => c.id === l.value)))).toHaveLength(
      ran.reduce((n, c) => n + c.statements.length, 0) - 3,
    );
    const g4 = placeholders.find((p) => p.name.startsWith("G4"))!;
    expect(g4.status).toBe("skipped");
    expect(g4.name).toMatch(/^G4 as stated — .*compositionally sparse.*: not specified$/);
    expect(g4.labels).toContainEqual({ name: "claim", value: "G4" });
    expect(g4.labels).toContainEqual({ name: "statement", value: "as stated" });
    expect(g4.labels).toContainEqual({ name: "tag", value: NOT_SPECIFIED_TAG });
    expect(g4.labels).toContainEqual({ name: "story", value: claimHeading(CATALOG.find((c) => c.id === "G4")!) });
    expect(g4.description).toContain("Not run");
    expect(g4.start).toBe(5 + placeholders.indexOf(g4));
    const nc2 = placeholders.find((p) => p.name.startsWith("NC2 as stated"));
    expect(nc2?.description).toContain("simplex");
  });

  it("lists every statement when nothing ran", () => {
    expect(placeholderResults(summariseRun([]))).toHaveLength(statements);
  });
});

describe("executorInfo", () => {
  it("names a local build, or the GitHub Actions run", () => {
    expect(executorInfo({ profile: "full", commit: "abc" }, {})).toMatchObject({ name: "theorem-spec (local)", type: "local", buildName: "profile full · commit abc" });
    expect(executorInfo({ profile: "ci" }, { CI: "true" }).name).toBe("theorem-spec (CI)");
    const gh = executorInfo({ profile: "ci" }, { GITHUB_SERVER_URL: "https://example.org", GITHUB_REPOSITORY: "o/r", GITHUB_RUN_ID: "9" });
    expect(gh).toMatchObject({ type: "github", buildUrl: "https://example.org/o/r/actions/runs/9", buildName: "profile ci · commit unknown" });
  });
});

describe("claimHeading", () => {
  it("puts the id in front of a title that lacks it", () => {
    expect(claimHeading({ id: "D1", title: "Null-space decay" })).toBe("D1 — Null-space decay");
    expect(claimHeading({ id: "NC1", title: "NC1: within-class variability collapses" })).toBe("NC1: within-class variability collapses");
    for (const c of CATALOG) expect(claimHeading(c).startsWith(c.id)).toBe(true);
  });
});
