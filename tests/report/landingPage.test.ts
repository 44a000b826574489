import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import { claimLinks, decisionPoints, injectLandingPage, LANDING_ID, landingPageHtml, sparklineSvg, thresholdOf } from "../../src/report/landingPage.ts";
import { runFacts } from "../../src/report/overview.ts";
import { summariseRun, type AllureResultLike } from "../../src/report/summary.ts";

const r = (claim: string, status: string, tags: string[] = [], statement?: string): AllureResultLike => ({
  uuid: `${claim}-${status}-${tags.join("")}-${statement ?? ""}`,
  historyId: `${claim}-${tags.join("")}-${statement ?? ""}`,
  name: `${claim} test`,
  status,
  stop: 1,
  labels: [{ name: "claim", value: claim }, ...tags.map((value) => ({ name: "tag", value })), ...(statement === undefined ? [] : [{ name: "statement", value: statement }])],
  parameters: [{ name: "profile", value: "ci" }],
});

describe("thresholdOf / decisionPoints", () => {
  it("reads the threshold after the last comparison of a rule", () => {
    expect(thresholdOf("one-sided t-test on r: upper 95% bound of the mean < −1")).toBe(-1);
    expect(thresholdOf("lower 95% bound of the mean > 0.25; n = 5")).toBe(0.25);
    expect(thresholdOf("exact, tolerance 1e-9")).toBeUndefined();
  });

  it("takes the estimate and the finite end of the interval, skipping undecided decisions", () => {
    expect(decisionPoints([{ holds: true, rule: "… < −1", estimate: -1.8, interval: ["-Infinity", -1.6] }, { estimate: "NaN", interval: [] }])).toEqual([
      { estimate: -1.8, bound: -1.6, threshold: -1, holds: true },
    ]);
  });
});

describe("sparklineSvg", () => {
  it("draws a mark per decision and the threshold, or nothing without decisions", () => {
    const svg = sparklineSvg([{ estimate: -1.8, bound: -1.6, threshold: -1, holds: true }, { estimate: -0.5, bound: -0.2, threshold: -1, holds: false }]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="3 2"');
    expect(svg).toContain("#cf222e");
    expect(sparklineSvg([])).toBe("");
  });
});

describe("landingPageHtml", () => {
  const results = [r("NC1", "passed"), r("NC1", "passed", ["control"]), r("R2", "passed", ["finding"], "as stated"), r("R2", "passed"), r("D1", "failed")];
  const html = landingPageHtml(summariseRun(results), runFacts(results), { commit: "abc1234", links: new Map([["NC1", "#deadbeef"]]) });

  it("has one row per claim, a chip per statement with its verdict, in catalogue order", () => {
    const rows = [...html.matchAll(/<tr data-claim="([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(CATALOG.map((c) => c.id));
    expect(html).toContain('data-statement="as stated" data-verdict="held"');
    expect(html).toContain('data-statement="as stated" data-verdict="not reproduced"');
    expect(html).toContain("held as refined");
    expect(html).toContain('href="#deadbeef"');
    expect(html).toContain("≠ expected"); // D1 failed: differs from the catalogue
    expect(html.startsWith(`<section id="${LANDING_ID}"`)).toBe(true);
  });

  it("states the plain-words findings and the tally", () => {
    expect(html).toContain(CATALOG.find((c) => c.id === "R2")!.statements[0]!.plain);
    expect(html).toMatch(/18 claims, \d+ statements/);
    expect(html).toContain("commit abc1234");
  });
});

describe("injectLandingPage / claimLinks", () => {
  it("puts the fragment at the start of the body", () => {
    expect(injectLandingPage('<html><body class="x"><div id="app"></div></body></html>', "<section></section>")).toBe('<html><body class="x">\n<section></section>\n<div id="app"></div></body></html>');
    expect(() => injectLandingPage("<html></html>", "")).toThrow(/no <body>/);
  });

  it("links each claim to its first claim test in the page's embedded results", () => {
    const tr = (id: string, labels: Array<{ name: string; value: string }>, start: number) =>
      `d("data/test-results/${id}.json","${Buffer.from(JSON.stringify({ id, start, labels })).toString("base64")}")`;
    const page = [
      tr("aa11", [{ name: "claim", value: "NC1" }, { name: "tag", value: "control" }], 1),
      tr("bb22", [{ name: "claim", value: "NC1" }], 3),
      tr("cc33", [{ name: "claim", value: "NC1" }, { name: "statement", value: "as stated" }], 2),
      tr("dd44", [{ name: "claim", value: "R2" }, { name: "statement", value: "as stated" }, { name: "tag", value: "finding" }], 1),
    ].join(",");
    const links = claimLinks(page);
    expect(links.get("NC1")).toBe("#cc33");
    expect(links.has("R2")).toBe(false);
  });
});
