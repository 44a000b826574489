/**
 * `npm run verify`: runs every claim spec, builds the report, prints one verdict per claim.
 *
 *   1. profile `full` unless `THEOREM_SPEC_PROFILE` or `--profile ci|full` says otherwise;
 *   2. removes the previous `allure-results/` and `allure-report/`;
 *   3. `npx vitest run --project claims` (progress display on this terminal);
 *   4. `buildReport` (`src/report/buildReport.ts`) on the claim specs' results only
 *      (`copySpecResults`: other vitest runs write into allure-results/ too): the landing page and
 *      `npx allure generate allure-results` (config: `allurerc.mjs`) → `allure-report/index.html`,
 *      one self-contained file that opens offline;
 *   5. the claims summary (`src/report/summary.ts`) read back from `allure-results/*-result.json`:
 *      one verdict per statement of every claim (held, not reproduced, inconclusive, not
 *      specified), compared with the verdict the catalogue expects (`src/claims/statements.ts`);
 *      the report's size against its budget (`REPORT_BUDGET_BYTES`) and the wall time.
 *
 * Exit code 1 when a verdict differs from the catalogue's expectation (a held statement that stops
 * holding, a pinned non-reproduction that starts reproducing), a check of the suite itself failed,
 * the test run failed without a result to show for it, or the report could not be built. A pinned
 * finding that passes — a non-reproduction confirmed — does not fail the run.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { buildReport, formatBytes, REPO_ROOT, REPORT_BUDGET_BYTES } from "../src/report/buildReport.ts";
import { copySpecResults } from "../src/report/claimResults.ts";
import { formatSummaryTable, verifyExitCode } from "../src/report/summary.ts";
import { parseVerifyArgs, VERIFY_USAGE } from "../src/report/verifyArgs.ts";

const RESULTS_DIR = path.join(REPO_ROOT, "allure-results");
const REPORT_DIR = path.join(REPO_ROOT, "allure-report");
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/** Runs `command args` in the repository root with this terminal; resolves to its exit code. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** `14 min 32 s`, `48.2 s`. */
function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const args = parseVerifyArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(VERIFY_USAGE);
    return 0;
  }
  const env = { ...process.env, THEOREM_SPEC_PROFILE: args.profile, ...(args.trainer === undefined ? {} : { THEOREM_SPEC_TRAINER: args.trainer }) };
  await fs.rm(RESULTS_DIR, { recursive: true, force: true });
  await fs.rm(REPORT_DIR, { recursive: true, force: true });

  const implementation = args.trainer === undefined ? "the reference trainer" : `trainer ${args.trainer}`;
  console.log(`verify: profile ${args.profile}, ${implementation}; running the claim specs (vitest project "claims")\n`);
  const testsExit = await run(NPX, ["vitest", "run", "--project", "claims", ...args.vitestArgs], env);
  const testsDone = Date.now();

  console.log("\nverify: building the report");
  await fs.mkdir(RESULTS_DIR, { recursive: true }); // a run that wrote nothing still gets a report listing every claim
  // Only the claim specs' results: other vitest runs in this repository write into allure-results/ too.
  const specResults = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-verify-"));
  const copied = await copySpecResults(RESULTS_DIR, specResults);
  if (copied.left > 0) console.log(`verify: left out ${copied.left} result(s) of other test runs found in allure-results/`);
  const built = await buildReport({ resultsDirs: [specResults], output: REPORT_DIR, stdio: "pipe", env }).finally(() =>
    fs.rm(specResults, { recursive: true, force: true }),
  );
  const reportOk = built.allureExitCode === 0 && built.reportBytes > 0;

  console.log(`\nClaims of Xu et al. 2023, verdicts at the paper's sentences (profile ${args.profile})\n`);
  console.log(formatSummaryTable(built.summary, { color: process.stdout.isTTY === true }));
  console.log("");
  if (testsExit !== 0) console.log(`verify: the test run exited with code ${testsExit}`);
  if (reportOk) {
    const budget = REPORT_BUDGET_BYTES[args.profile];
    console.log(
      `verify: report written to ${path.relative(process.cwd(), built.reportFile) || built.reportFile} ` +
        `(${formatBytes(built.reportBytes)}, one file; budget for the ${args.profile} profile ${formatBytes(budget)}: ` +
        `${built.reportBytes <= budget ? "within" : "OVER"}; open it in a browser — see README, "Reading the report")`,
    );
  } else {
    console.log(`verify: the report could not be built (allure generate exited with code ${built.allureExitCode})`);
    if (built.allureOutput !== undefined && built.allureOutput.trim() !== "") console.log(built.allureOutput);
  }
  console.log(`verify: wall time ${formatDuration(Date.now() - started)} (specs ${formatDuration(testsDone - started)}, report ${formatDuration(Date.now() - testsDone)})`);
  const code = verifyExitCode(built.summary, testsExit);
  return code !== 0 || reportOk ? code : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
