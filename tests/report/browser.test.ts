/**
 * The report in a browser: opens a generated `allure-report/index.html` in headless Chromium
 * (Debian package `chromium`, driven by playwright-core) at 1400 × 1000 and checks what a reader
 * sees — the landing page with every claim ID and the verdict of each of its statements on the
 * first screen, every claim of CLAIMS.md in the tree with its status, the claims overview with
 * every verdict, a plot that renders, the verdict categories — and that the page makes no network
 * request.
 *
 * The report is built from the demo claim specs (`fixtures/demo-claims/`, ≈ 5 s), or, when
 * `THEOREM_SPEC_REPORT` names a report file, from that one (`npm run screenshots` after
 * `npm run verify`). Screenshots go to `out/screenshots/`; with `THEOREM_SPEC_UPDATE_SCREENSHOTS=1`
 * also to `docs/images/` (the README's "Reading the report").
 *
 * Without Chromium at `/usr/bin/chromium` (or `$THEOREM_SPEC_CHROMIUM`) the tests are skipped with
 * a printed reason, unless `THEOREM_SPEC_REQUIRE_BROWSER=1` (set by `.ci/run`), which makes a
 * missing browser a failure.
 */
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG, primaryStatement } from "../../src/claims/catalog.ts";
import { buildReport, REPO_ROOT } from "../../src/report/buildReport.ts";
import { claimHeading } from "../../src/report/labelClaim.ts";
import { LANDING_ID } from "../../src/report/landingPage.ts";
import { OVERVIEW_ATTACHMENTS } from "../../src/report/writeOverview.ts";
import { DEMO_VERDICTS, runDemoSpecs } from "./demoResults.ts";

const CHROMIUM = process.env.THEOREM_SPEC_CHROMIUM ?? "/usr/bin/chromium";
/** The flags the issue prescribes for this machine and CI (no sandbox as root, no GPU, no background traffic). */
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const REQUIRED = process.env.THEOREM_SPEC_REQUIRE_BROWSER === "1";
const PRESENT = existsSync(CHROMIUM);
const GIVEN_REPORT = process.env.THEOREM_SPEC_REPORT;
const SCREENSHOTS = path.join(REPO_ROOT, "out", "screenshots");
const README_IMAGES = path.join(REPO_ROOT, "docs", "images");
const UPDATE_README_IMAGES = process.env.THEOREM_SPEC_UPDATE_SCREENSHOTS === "1";

if (!PRESENT && !REQUIRED) {
  console.log(
    `tests/report/browser.test.ts skipped: no Chromium at ${CHROMIUM} ` +
      "(apt-get install chromium, or set THEOREM_SPEC_CHROMIUM; .ci/run installs it and sets THEOREM_SPEC_REQUIRE_BROWSER=1)",
  );
}

/**
 * The few DOM members the page functions below use: they run in the browser, and the project
 * compiles without TypeScript's DOM library.
 */
interface DomElement {
  readonly textContent: string | null;
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number };
  readonly nextElementSibling: DomElement | null;
  scrollTop: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
interface ImageLike {
  readonly naturalWidth: number;
  readonly src: string;
}
declare const document: { readonly documentElement: DomElement; querySelectorAll(selector: string): Iterable<DomElement>; elementFromPoint(x: number, y: number): DomElement | null };
declare const window: { readonly innerHeight: number; readonly innerWidth: number };

/** The statuses of the results behind a primary statement's verdict in the demo report. */
const VERDICT_OF_STATUSES: Readonly<Record<string, readonly string[]>> = {
  held: ["passed"],
  "not reproduced": ["failed"],
  inconclusive: ["broken"],
  "not specified": ["skipped"],
};
/** The screen the landing page must fit (issue #16). */
const FIRST_SCREEN = { width: 1400, height: 1000 };

async function screenshot(page: Page, name: string): Promise<void> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file });
  if (UPDATE_README_IMAGES) {
    await fs.mkdir(README_IMAGES, { recursive: true });
    await fs.copyFile(file, path.join(README_IMAGES, name));
  }
}

/** Opens every collapsed node of the results tree. */
async function expandTree(page: Page): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const collapsed = page.locator('[data-testid="tree-section"] > [data-testid="tree-arrow"]:not(:has([class*="arrow-button-icon--opened"]))');
    const n = await collapsed.count();
    if (n === 0) return;
    for (let i = n - 1; i >= 0; i--) await collapsed.nth(i).click();
  }
}

/** Tree section title → statuses of the leaves under it. */
async function treeStatuses(page: Page): Promise<Map<string, string[]>> {
  const entries = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="tree-section"]')].map((section) => {
      const title = section.querySelector('[data-testid="tree-section-title"]')?.textContent ?? "";
      const content = section.nextElementSibling;
      const statuses = content === null ? [] : [...content.querySelectorAll('[data-testid^="tree-leaf-status-"]')].map((e) => (e.getAttribute("data-testid") ?? "").replace("tree-leaf-status-", ""));
      return [title, statuses] as [string, string[]];
    }),
  );
  return new Map(entries);
}

describe.skipIf(!PRESENT && !REQUIRED)("the HTML report in headless Chromium", () => {
  let tmp: string;
  let reportFile: string;
  let browser: Browser;
  let page: Page;
  const external: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!PRESENT) throw new Error(`THEOREM_SPEC_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-browser-"));
    if (GIVEN_REPORT !== undefined && GIVEN_REPORT !== "") {
      reportFile = path.resolve(GIVEN_REPORT);
    } else {
      const results = path.join(tmp, "allure-results");
      const demo = await runDemoSpecs(results);
      const built = await buildReport({ resultsDirs: [results], output: path.join(tmp, "allure-report"), stdio: "pipe" });
      expect(built.allureExitCode, `${demo.output}\n${built.allureOutput ?? ""}`).toBe(0);
      reportFile = built.reportFile;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: FIRST_SCREEN });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.route(
      (url) => !["file:", "data:", "blob:"].includes(url.protocol),
      (route) => {
        external.push(route.request().url());
        return route.abort();
      },
    );
    await page.goto(`file://${reportFile}`);
    await page.getByTestId("tree-content").first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (tmp !== undefined) await fs.rm(tmp, { recursive: true, force: true });
  });

  it("opens from disk without a network request or a script error", () => {
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("opens on the claims: at 1400 × 1000 every claim ID and the verdicts of its statements are on the first screen, without a click", async () => {
    await page.evaluate(() => {
      for (const e of [document.documentElement, ...document.querySelectorAll("*")]) if (e.scrollTop > 0) e.scrollTop = 0;
    });
    const rows = await page.evaluate((id) => {
      const out: Array<{ claim: string; top: number; bottom: number; visible: boolean; chips: Array<[string, string]> }> = [];
      for (const row of document.querySelectorAll(`#${id} tr[data-claim]`)) {
        const r = row.getBoundingClientRect();
        const cell = row.querySelector(".ts-id");
        const c = cell?.getBoundingClientRect();
        // what is painted at the ID cell's centre must be the row itself (not covered by the Allure app)
        const hit = c === undefined ? null : document.elementFromPoint((c.left + c.right) / 2, (c.top + c.bottom) / 2);
        const chips = [...row.querySelectorAll("[data-statement]")].map((chip) => [chip.getAttribute("data-statement") ?? "", chip.getAttribute("data-verdict") ?? ""] as [string, string]);
        out.push({ claim: row.getAttribute("data-claim") ?? "", top: r.top, bottom: r.bottom, visible: hit !== null && (hit.textContent ?? "").includes(row.getAttribute("data-claim") ?? "\u0000"), chips });
      }
      return { out, height: window.innerHeight };
    }, LANDING_ID);
    expect(rows.out.map((r) => r.claim)).toEqual(CATALOG.map((c) => c.id));
    for (const r of rows.out) {
      expect(r.top, `${r.claim} below the top of the screen`).toBeGreaterThanOrEqual(0);
      expect(r.bottom, `${r.claim} within the first ${FIRST_SCREEN.height} px`).toBeLessThanOrEqual(rows.height);
      expect(r.visible, `${r.claim} painted, not covered`).toBe(true);
      const claim = CATALOG.find((c) => c.id === r.claim)!;
      expect(r.chips.map(([k]) => k), `${r.claim}: a verdict per statement`).toEqual(claim.statements.map((s) => s.key));
      const verdicts = new Map(r.chips);
      for (const [, v] of r.chips) expect(["held", "not reproduced", "inconclusive", "not specified"]).toContain(v);
      if (GIVEN_REPORT === undefined) {
        const expected = (DEMO_VERDICTS as Record<string, string>)[r.claim] ?? "not specified";
        expect(verdicts.get(primaryStatement(claim).key), `${r.claim} primary statement`).toBe(expected);
      }
    }
    await screenshot(page, "report-landing.png");
  });

  it("lists every claim of CLAIMS.md in the tree, each with the status of its results", async () => {
    await expandTree(page);
    const tree = await treeStatuses(page);
    for (const c of CATALOG) {
      const statuses = tree.get(claimHeading(c));
      expect(statuses, `claim ${c.id} ("${claimHeading(c)}") in the tree`).toBeDefined();
      expect(statuses!.length, `results under ${c.id}`).toBeGreaterThan(0);
      if (GIVEN_REPORT === undefined) {
        const verdict = (DEMO_VERDICTS as Record<string, string>)[c.id] ?? "not specified";
        for (const status of VERDICT_OF_STATUSES[verdict]!) expect(statuses, `statuses under ${c.id}`).toContain(status);
        if (verdict === "not specified") expect(new Set(statuses), `statuses under ${c.id}`).toEqual(new Set(["skipped"]));
      }
    }
    await page.evaluate(() => {
      for (const e of [document.documentElement, ...document.querySelectorAll("*")]) if (e.scrollTop > 0) e.scrollTop = 0;
    });
    await screenshot(page, "report-tree.png");
  });

  it("shows the claims overview with every claim and its verdict", async () => {
    await page.getByTestId("nav-tab-globalAttachments").click();
    await page.getByText(OVERVIEW_ATTACHMENTS.svg, { exact: true }).click();
    const image = page.locator("img").first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as unknown as ImageLike).naturalWidth)).toBeGreaterThan(500);
    const svg = await image.evaluate(async (img) => (await fetch((img as unknown as ImageLike).src)).text());
    const decode = (t: string) => t.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));
    const groups = [...svg.matchAll(/<g data-claim="([^"]+)" data-statement="([^"]+)" data-verdict="([^"]+)">/g)].map((m) => [decode(m[1]!), decode(m[2]!), m[3]!] as const);
    expect([...new Set(groups.map(([c]) => c))]).toEqual(CATALOG.map((c) => c.id));
    if (GIVEN_REPORT === undefined) {
      for (const c of CATALOG) {
        const primary = groups.find(([id, key]) => id === c.id && key === primaryStatement(c).key);
        expect(primary?.[2], c.id).toBe((DEMO_VERDICTS as Record<string, string>)[c.id] ?? "not specified");
      }
    }
    await screenshot(page, "report-overview.png");
  });

  it("groups the results by verdict in the Categories tab", async () => {
    await page.getByTestId("nav-tab-categories").click();
    const text = () => page.locator("body").innerText();
    await expect.poll(text).toContain("Held: claim tests and their controls (passed)");
    const body = await text();
    expect(body).toContain("Not specified: statements the suite does not decide, with the reason");
    if (GIVEN_REPORT === undefined) {
      expect(body).toContain("Not reproduced: a prediction failed its decision rule");
      expect(body).toContain("Inconclusive: broken (diverged, outside the regime, or an error)");
    } else {
      expect(body).toContain("Pinned findings (passed): not reproduced as stated, or a check that does not discriminate");
    }
  });

  it("renders a claim's plot (an SVG attachment) on its result page", async () => {
    await page.getByTestId("nav-tab-results").click();
    await expandTree(page);
    const nc1 = claimHeading(CATALOG.find((c) => c.id === "NC1")!);
    const section = page.locator('[data-testid="tree-section"]', { has: page.getByText(nc1, { exact: true }) });
    await section.locator("xpath=following-sibling::*[1]").getByTestId("tree-leaf-title").first().click();
    await page.getByText("Description", { exact: true }).waitFor();
    // The description (statement, source, decision rule) is rendered in a frame of its own.
    const frameTexts = () => Promise.all(page.frames().map((f) => f.locator("body").innerText().catch(() => "")));
    await expect.poll(async () => (await frameTexts()).some((t) => t.includes("Decision rule.") && t.includes("Source."))).toBe(true);
    const chart = page.getByText(/\(chart\)$/).first();
    await chart.scrollIntoViewIfNeeded();
    await chart.click();
    const image = page.locator('img[src^="blob:"]').first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as unknown as ImageLike).naturalWidth)).toBeGreaterThan(100);
    const svg = await image.evaluate(async (img) => (await fetch((img as unknown as ImageLike).src)).text());
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain("<path"); // the lines of the trajectory
    await image.scrollIntoViewIfNeeded();
    await screenshot(page, "report-claim.png");
  });
});
