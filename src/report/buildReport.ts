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
 *      the report makes no network request at all;
 *   5. removes the temporary directory; the results directories are never written.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { executorInfo, formatKeys, runFacts, type RunFacts } from "./overview.ts";
import { readAllureResults } from "./readAllureResults.ts";
import { gitCommit } from "./runEnvironment.ts";
import { stripAnalytics } from "./stripAnalytics.ts";
import { summariseRun, type RunSummary } from "./summary.ts";
import { writeOverviewResults } from "./writeOverview.ts";

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
  const results = (await Promise.all(resultsDirs.map((d) => readAllureResults(d)))).flat();
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
      if (stripped.removed > 0) await fs.writeFile(reportFile, stripped.html);
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
