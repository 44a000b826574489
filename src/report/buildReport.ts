/**
 * Builds the single-file HTML report from one or more Allure results directories, and the claims
 * summary of the same results. Used by `npm run verify`, `npx theorem-spec report` and the report
 * tests.
 *
 *   1. reads the `*-result.json` of every results directory (shards of one run may come as
 *      several directories: they merge, file names are unique per result) → `summariseRun`;
 *   2. writes the claims overview (`overview.ts`: placeholders for unspecified claims, the
 *      overview table as a global attachment, `executor.json`) into a temporary directory;
 *   3. `allure generate <dirs…> <overview dir> --config allurerc.mjs --output <output>` (Allure 3,
 *      awesome plugin, single file, no network);
 *   4. removes the Google Analytics snippet Allure writes into the page (`stripAnalytics`), so
 *      the report makes no network request at all; carries Allure's base64 application script
 *      gzip-compressed (`gzipDataScripts`, ≈ 2.2 MB smaller) and drops widget data the app never
 *      reads (`dropUnusedWidgets`); and puts the landing page (`landingPage.ts`:
 *      every claim, the verdict of each statement, what was found, a plot of its decisions) at
 *      the top of the page, above the Allure app;
 *   5. removes the temporary directory; the results directories are never written.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { CATALOG, primaryStatement } from "../claims/catalog.ts";
import { CLAIM_LABEL, CONTROL_TAG, FINDING_TAG, STATEMENT_LABEL } from "./conventions.ts";
import { claimLinks, decisionPoints, injectLandingPage, landingPageHtml, type DecisionJson, type DecisionPoint } from "./landingPage.ts";
import { executorInfo, formatKeys, runFacts, type RunFacts } from "./overview.ts";
import { readAllureResults } from "./readAllureResults.ts";
import { gitCommit } from "./runEnvironment.ts";
import { dropUnusedWidgets, gzipDataScripts } from "./inlineScripts.ts";
import { stripAnalytics } from "./stripAnalytics.ts";
import { latestAttempts, summariseRun, type AllureResultLike, type RunSummary } from "./summary.ts";
import { writeOverviewResults } from "./writeOverview.ts";

/**
 * Size budget of the single-file report per profile (issue #16), printed by verify: the Allure
 * application alone is ≈ 2.7 MB; evidence is summarised (`summariseEvidence.ts`) to stay within.
 */
export const REPORT_BUDGET_BYTES: Readonly<Record<"ci" | "full", number>> = { ci: 5_000_000, full: 15_000_000 };

/** The repository root (this file is `src/report/buildReport.ts`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface BuildReportOptions {
  /** Allure results directories to merge (default `[<root>/allure-results]`); each must exist. */
  readonly resultsDirs?: readonly string[];
  /** Report directory; the report is `<output>/index.html` (default `<root>/allure-report`). */
  readonly output?: string;
  /** Allure config (default `<root>/allurerc.mjs`). */
  readonly config?: string;
  /** Commit shown in the overview and executor (default `gitCommit(root)`). */
  readonly commit?: string;
  /**
   * Where the output of `allure generate` goes: `"inherit"` (this terminal, default) or `"pipe"`
   * (collected into `BuiltReport.allureOutput`).
   */
  readonly stdio?: "inherit" | "pipe";
  /** Environment of `allure generate` and of the executor info (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface BuiltReport {
  /** One verdict per catalogue claim (from the results directories only, not the overview). */
  readonly summary: RunSummary;
  /** Profiles and backends the results recorded. */
  readonly facts: RunFacts;
  /** `<output>/index.html`. */
  readonly reportFile: string;
  /** Size of the report file in bytes; 0 when it was not written. */
  readonly reportBytes: number;
  /** Exit code of `allure generate`. */
  readonly allureExitCode: number;
  /** What `allure generate` printed, when `stdio` is `"pipe"`. */
  readonly allureOutput?: string;
}

/** The `allure` command-line script of the installed `allure` package. */
export function allureCli(): string {
  const entry = createRequire(import.meta.url).resolve("allure"); // <pkg>/dist/index.js
  return path.join(path.dirname(entry), "..", "cli.js");
}

function runNode(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; stdio: "inherit" | "pipe" }): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", options.stdio, options.stdio] });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Builds `<output>/index.html` from `resultsDirs` (see the module comment) and returns the claims
 * summary with the report's path and size.
 * @example const { summary, reportFile } = await buildReport({ resultsDirs: ["shard-1", "shard-2"] });
 * @throws Error naming a results directory that does not exist.
 */
export async function buildReport(options: BuildReportOptions = {}): Promise<BuiltReport> {
  const resultsDirs = (options.resultsDirs ?? [path.join(REPO_ROOT, "allure-results")]).map((d) => path.resolve(d));
  const output = path.resolve(options.output ?? path.join(REPO_ROOT, "allure-report"));
  const config = path.resolve(options.config ?? path.join(REPO_ROOT, "allurerc.mjs"));
  const env = options.env ?? process.env;
  for (const dir of resultsDirs) {
    const isDir = await fs.stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDir) throw new Error(`buildReport: results directory ${dir} does not exist (run the claim specs first, e.g. npm run verify)`);
  }
  const perDir = await Promise.all(resultsDirs.map(async (dir) => ({ dir, results: await readAllureResults(dir) })));
  const results = perDir.flatMap((d) => d.results);
  const summary = summariseRun(results);
  const facts = runFacts(results);
  const commit = options.commit ?? gitCommit(REPO_ROOT);
  const overviewDir = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-overview-"));
  try {
    await writeOverviewResults(overviewDir, {
      summary,
      facts,
      executor: executorInfo({ profile: formatKeys(facts.profiles, "unknown"), ...(commit === undefined ? {} : { commit }) }, env),
      options: { generatedAt: new Date(), ...(commit === undefined ? {} : { commit }) },
    });
    await fs.rm(output, { recursive: true, force: true });
    const generated = await runNode([allureCli(), "generate", ...resultsDirs, overviewDir, "--config", config, "--output", output], {
      cwd: path.dirname(config),
      env,
      stdio: options.stdio ?? "inherit",
    });
    const reportFile = path.join(output, "index.html");
    const page = await fs.readFile(reportFile, "utf8").catch(() => undefined);
    if (page !== undefined) {
      const stripped = stripAnalytics(page);
      const landing = landingPageHtml(summary, facts, {
        plots: await primaryDecisionPoints(perDir),
        links: claimLinks(stripped.html),
        ...(commit === undefined ? {} : { commit }),
        generatedAt: new Date(),
      });
      await fs.writeFile(reportFile, injectLandingPage(gzipDataScripts(dropUnusedWidgets(stripped.html).html).html, landing));
    }
    const reportBytes = await fs.stat(reportFile).then((s) => (s.isFile() ? s.size : 0), () => 0);
    return {
      summary,
      facts,
      reportFile,
      reportBytes,
      allureExitCode: generated.code,
      ...(options.stdio === "pipe" ? { allureOutput: generated.output } : {}),
    };
  } finally {
    await fs.rm(overviewDir, { recursive: true, force: true });
  }
}

interface StepLike {
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly source: string }>;
  readonly steps?: readonly StepLike[];
}

function decisionAttachments(step: StepLike): Array<{ name: string; source: string }> {
  return [
    ...(step.attachments ?? []).filter((a) => a.name.startsWith("decision: ")),
    ...(step.steps ?? []).flatMap(decisionAttachments),
  ];
}

/**
 * Per claim, the sparkline points of its primary statement: the decisions attached by its claim
 * tests (not controls, not pinned findings), the first kind of decision only (its name without
 * the configuration seed), one per generated configuration.
 */
export async function primaryDecisionPoints(perDir: ReadonlyArray<{ dir: string; results: readonly AllureResultLike[] }>): Promise<Map<string, DecisionPoint[]>> {
  const out = new Map<string, DecisionPoint[]>();
  const tagged = (r: AllureResultLike, tag: string) => (r.labels ?? []).some((l) => l.name === "tag" && l.value === tag);
  const entries = perDir.flatMap(({ dir, results }) => latestAttempts(results).map((r) => ({ dir, r })));
  for (const claim of CATALOG) {
    const primary = primaryStatement(claim).key;
    const mine = entries.filter(({ r }) => {
      const labels = r.labels ?? [];
      if (!labels.some((l) => l.name === CLAIM_LABEL && l.value === claim.id)) return false;
      const statement = labels.find((l) => l.name === STATEMENT_LABEL)?.value ?? primary;
      return statement === primary && !tagged(r, CONTROL_TAG) && !tagged(r, FINDING_TAG) && r.status === "passed";
    });
    const found = mine.flatMap(({ dir, r }) => decisionAttachments(r as StepLike).map((a) => ({ dir, ...a })));
    const kind = (name: string) => name.replace(/,?\s*config seed -?\d+/g, "").trim();
    const first = found[0];
    if (first === undefined) continue;
    const same = found.filter((a) => kind(a.name) === kind(first.name)).slice(0, 12);
    const decisions = await Promise.all(
      same.map((a) => fs.readFile(path.join(a.dir, a.source), "utf8").then((t) => JSON.parse(t) as DecisionJson, () => ({}) as DecisionJson)),
    );
    out.set(claim.id, decisionPoints(decisions));
  }
  return out;
}

/**
 * A byte count for people: `932 B`, `1.4 MB`.
 * @example formatBytes(1_450_000) // "1.4 MB"
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}
