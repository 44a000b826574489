/**
 * `npm run verify`: runs every claim spec, builds the report, prints one verdict per claim.
 *
 *   1. profile `full` unless `THEOREM_SPEC_PROFILE` or `--profile ci|full` says otherwise;
 *   2. removes the previous `allure-results/` and `allure-report/`;
 *   3. `npx vitest run --project claims` (progress display on this terminal);
 *   4. `npx allure generate allure-results` (config: `allurerc.mjs`) → `allure-report/index.html`,
 *      one self-contained file;
 *   5. the claims summary (`src/report/summary.ts`) read back from `allure-results/*-result.json`.
 *
 * Exit code 1 when a claim did not hold, the test run failed, or the report could not be built.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { readAllureResults } from "../src/report/readAllureResults.ts";
import { formatSummaryTable, summariseRun, verifyExitCode } from "../src/report/summary.ts";
import { parseVerifyArgs, VERIFY_USAGE } from "../src/report/verifyArgs.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RESULTS_DIR = path.join(ROOT, "allure-results");
const REPORT_DIR = path.join(ROOT, "allure-report");
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

/** Runs `command args` in the repository root with this terminal; resolves to its exit code. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const args = parseVerifyArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(VERIFY_USAGE);
    return 0;
  }
  const env = { ...process.env, THEOREM_SPEC_PROFILE: args.profile };
  await fs.rm(RESULTS_DIR, { recursive: true, force: true });
  await fs.rm(REPORT_DIR, { recursive: true, force: true });

  console.log(`verify: profile ${args.profile}; running the claim specs (vitest project "claims")\n`);
  const testsExit = await run(NPX, ["vitest", "run", "--project", "claims", ...args.vitestArgs], env);

  console.log("\nverify: building the report");
  const reportExit = await run(NPX, ["allure", "generate", RESULTS_DIR, "--config", path.join(ROOT, "allurerc.mjs"), "--output", REPORT_DIR], env);
  const reportFile = path.join(REPORT_DIR, "index.html");
  const reportExists = await fs
    .stat(reportFile)
    .then((s) => s.isFile())
    .catch(() => false);

  const summary = summariseRun(await readAllureResults(RESULTS_DIR));
  console.log(`\nClaims of Xu et al. 2023 (profile ${args.profile})\n`);
  console.log(formatSummaryTable(summary, { color: process.stdout.isTTY === true }));
  console.log("");
  if (testsExit !== 0) console.log(`verify: the test run exited with code ${testsExit}`);
  if (reportExit === 0 && reportExists) {
    console.log(`verify: report written to ${path.relative(process.cwd(), reportFile) || reportFile} (single file; open it in a browser)`);
  } else {
    console.log(`verify: the report could not be built (allure generate exited with code ${reportExit})`);
  }
  const code = verifyExitCode(summary, testsExit);
  return code !== 0 || (reportExit === 0 && reportExists) ? code : 1;
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
