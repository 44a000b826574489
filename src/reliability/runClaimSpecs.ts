/**
 * Runs the claim specs once in a child vitest process with a given environment (seed stream,
 * mutant) and returns what each claim test decided. Only vitest's JSON reporter is used, so the
 * run writes nothing to `allure-results/`.
 */
import { spawn } from "node:child_process";
import { promises as fs, readdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { testOutcomesByFile, type TestOutcome, type VitestJsonReport } from "./testOutcomes.ts";

/** Spec files that are not claims of the paper: baselines and the reliability figures themselves. */
export const NON_CLAIM_SPECS: readonly string[] = ["regression.spec.ts", "reliability.spec.ts"];

/** The claim spec files under `specs/` of `root`, sorted. */
export function claimSpecFiles(root: string): string[] {
  return readdirSync(path.join(root, "specs"))
    .filter((f) => f.endsWith(".spec.ts") && !NON_CLAIM_SPECS.includes(f))
    .sort()
    .map((f) => `specs/${f}`);
}

export interface SpecRunOptions {
  /** Repository root. */
  readonly root: string;
  /** Environment of the child (seed, profile, mutant…); merged over `process.env`, `undefined` deletes. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** vitest workers of this run (default 1: runs are parallelised by running several at once). */
  readonly workers?: number;
  /** Spec files (default: every claim spec). */
  readonly files?: readonly string[];
  /** Only tests whose full name (describe blocks and title) matches this regular expression (vitest `-t`). */
  readonly testNamePattern?: string;
  /** A vitest configuration file other than the root's `vitest.config.ts` (batched streams: `streamVitestConfig.ts`). */
  readonly config?: string;
}

/**
 * The child vitest processes running now. Each is the leader of its own process group (its workers
 * are in it), so `stopSpecRuns` can stop a whole run — the caller (scripts/reliability.ts) does so
 * on Ctrl-C / SIGTERM instead of leaving orphaned workers training on.
 */
const running = new Set<number>();

/** Sends SIGTERM to the process group of every child vitest run still running. */
export function stopSpecRuns(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

export interface SpecRun {
  readonly seconds: number;
  readonly outcomes: TestOutcome[];
  /** The same outcomes per spec file (relative to the root, `specs/x.spec.ts`), with the file's own time when vitest reported it. */
  readonly byFile: ReadonlyArray<{ readonly file: string; readonly seconds?: number; readonly outcomes: TestOutcome[] }>;
}

/**
 * `npx <args>` in `cwd` with `env`, as the leader of its own process group (registered for
 * `stopSpecRuns`); resolves with its exit code and the last 4 000 characters of its output.
 */
export function spawnVitest(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; tail: string }> {
  let tail = "";
  return new Promise((resolve, reject) => {
    const child = spawn(process.platform === "win32" ? "npx.cmd" : "npx", args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
    });
    if (child.pid !== undefined) running.add(child.pid);
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("exit", (c) => {
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ code: c ?? 1, tail });
    });
  });
}

/** `overrides` merged over `process.env` (`undefined` deletes a variable). */
export function childEnv(overrides: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/**
 * One vitest run of the claim specs.
 * @throws when vitest wrote no report (it crashed), naming the exit code and the end of its output.
 */
export async function runClaimSpecs(options: SpecRunOptions): Promise<SpecRun> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-reliability-"));
  const outputFile = path.join(dir, "report.json");
  const env = childEnv(options.env);
  const files = options.files ?? claimSpecFiles(options.root);
  const args = ["vitest", "run", ...(options.config === undefined ? [] : ["--config", options.config]), "--project", "claims", ...files, "--reporter=json", `--outputFile=${outputFile}`, `--maxWorkers=${options.workers ?? 1}`, ...(options.testNamePattern === undefined ? [] : ["-t", options.testNamePattern])];
  const started = Date.now();
  const { code, tail } = await spawnVitest(options.root, args, env);
  const seconds = (Date.now() - started) / 1000;
  try {
    const report = JSON.parse(await fs.readFile(outputFile, "utf8")) as VitestJsonReport;
    if (report.testResults.length === 0) throw new Error(`no spec file ran (files: ${files.join(", ")})`);
    const byFile = testOutcomesByFile(report).map((f) => ({ ...f, file: path.relative(options.root, path.resolve(options.root, f.file)).split(path.sep).join("/") }));
    return { seconds, outcomes: byFile.flatMap((f) => f.outcomes), byFile };
  } catch (error) {
    throw new Error(`vitest exited with code ${code} and wrote no readable report (${(error as Error).message}); its output ended:\n${tail}`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
