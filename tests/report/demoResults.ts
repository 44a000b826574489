/**
 * Runs the demo claim specs (`fixtures/demo-claims/`, synthetic evidence, no training) in a child
 * vitest, writing real Allure results into a directory of the caller's — the input of the
 * sharding and browser tests. About 5 s on 2 cores.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../src/report/buildReport.ts";

export const DEMO_CONFIG = path.join(REPO_ROOT, "tests", "report", "fixtures", "demo-claims", "vitest.config.ts");

/**
 * The claims the demo specs label, and the verdict their primary statement gets by design
 * (fixtures/demo-claims/README.md); the other statements of these claims have no result ("not
 * specified"), and the claims the demo does not label are "not run".
 */
export const DEMO_VERDICTS = { NC1: "held", D1: "not reproduced", R1: "inconclusive" } as const;

/** Results the demo specs write: NC1 + its control, D1, R1. */
export const DEMO_RESULT_COUNT = 4;

/** The environment of a child vitest: this worker's VITEST_* variables removed (they would make it think it is a worker). */
export function childEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("VITEST") && !k.startsWith("TINYPOOL") && k !== "NODE_V8_COVERAGE") env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * `vitest run --config <demo config> …args` with results in `resultsDir`; resolves with its exit
 * code (1 by design: D1 fails, R1 errors) and output.
 */
export function runDemoSpecs(resultsDir: string, args: readonly string[] = []): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--config", DEMO_CONFIG, ...args], {
      cwd: REPO_ROOT,
      env: childEnv({ THEOREM_SPEC_DEMO_RESULTS: resultsDir }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}
