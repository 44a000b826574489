/**
 * The report in a browser: opens a generated `allure-report/index.html` in headless Chromium
 * (Debian package `chromium`, driven by playwright-core) and checks what a reader sees — every
 * claim of CLAIMS.md in the tree with its status, the claims overview with every verdict, a plot
 * that renders, the verdict categories — and that the page makes no network request.
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
import { CATALOG } from "../../src/claims/catalog.ts";
import { buildReport, REPO_ROOT } from "../../src/report/buildReport.ts";
import { claimHeading } from "../../src/report/labelClaim.ts";
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
declare const document: { readonly documentElement: DomElement; querySelectorAll(selector: string): Iterable<DomElement> };

const VERDICT_OF_STATUSES: Readonly<Record<string, readonly string[]>> = {
  held: ["passed"],
  "did not hold": ["failed"],
  inconclusive: ["broken"],
  "not yet specified": ["skipped"],
};

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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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

  it("lists every claim of CLAIMS.md in the tree, each with the status of its results", async () => {
    await expandTree(page);
    const tree = await treeStatuses(page);
    for (const c of CATALOG) {
      const statuses = tree.get(claimHeading(c));
      expect(statuses, `claim ${c.id} ("${claimHeading(c)}") in the tree`).toBeDefined();
      expect(statuses!.length, `results under ${c.id}`).toBeGreaterThan(0);
      if (GIVEN_REPORT === undefined) {
        const verdict = (DEMO_VERDICTS as Record<string, string>)[c.id] ?? "not yet specified";
        expect(new Set(statuses), `statuses under ${c.id}`).toEqual(new Set(VERDICT_OF_STATUSES[verdict]));
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
    const verdicts = new Map([...svg.matchAll(/<g data-claim="([^"]+)" data-verdict="([^"]+)">/g)].map((m) => [m[1]!.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d))), m[2]!]));
    expect([...verdicts.keys()]).toEqual(CATALOG.map((c) => c.id));
    if (GIVEN_REPORT === undefined) {
      for (const c of CATALOG) expect(verdicts.get(c.id), c.id).toBe((DEMO_VERDICTS as Record<string, string>)[c.id] ?? "not yet specified");
    }
    await screenshot(page, "report-overview.png");
  });

  it("groups the results by verdict in the Categories tab", async () => {
    await page.getByTestId("nav-tab-categories").click();
    const text = () => page.locator("body").innerText();
    await expect.poll(text).toContain("Passed: claim tests and their controls");
    if (GIVEN_REPORT === undefined) {
      const body = await text();
      expect(body).toContain("Did not hold: a prediction failed its decision rule");
      expect(body).toContain("Inconclusive: broken (diverged, outside the regime, or an error)");
      expect(body).toContain("Not yet specified: no spec checks the claim yet");
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
