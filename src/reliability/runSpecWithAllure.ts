/**
 * One claim spec file run in a checkout (a worktree of some commit) with the configuration of that
 * checkout — its `vitest.config.ts`, whose reporters write Allure results to `allure-results/` in
 * the checkout — at the CI profile with a stream's seeds. Used by `carry` to record what each code
 * does on the same seeds; the checkout must be fresh (no earlier `allure-results/`), so the folder
 * holds this run only.
 *
 * @example const { resultsDir } = await runSpecWithAllure({ checkout: tree, specFile: "specs/duality.spec.ts", seed: 20230024 });
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { childEnv, spawnVitest } from "./runClaimSpecs.ts";

export interface AllureSpecRunOptions {
  /** The checkout's root; `allure-results/` must not exist in it yet. */
  readonly checkout: string;
  /** Relative to the checkout (`specs/duality.spec.ts`). */
  readonly specFile: string;
  /** `THEOREM_SPEC_SEED` = `THEOREM_SPEC_FC_SEED`. */
  readonly seed: number;
}

export interface AllureSpecRun {
  /** `<checkout>/allure-results`. */
  readonly resultsDir: string;
  /** vitest's exit code (1 when a test failed: the results say which). */
  readonly code: number;
  readonly seconds: number;
}

/** The environment of a carry run: CI profile, the seed, and nothing that selects another trainer, a mutant or a replay path. */
export function carryRunEnv(seed: number): Record<string, string | undefined> {
  return {
    THEOREM_SPEC_PROFILE: "ci",
    THEOREM_SPEC_SEED: String(seed),
    THEOREM_SPEC_FC_SEED: String(seed),
    THEOREM_SPEC_FC_PATH: undefined,
    THEOREM_SPEC_MUTANT: undefined,
    THEOREM_SPEC_TRAINER: undefined,
    THEOREM_SPEC_TRAINER_MODE: undefined,
  };
}

/**
 * Runs the spec file (one vitest worker, project `claims`).
 * @throws when `allure-results/` exists before the run, or the run wrote no results, with the end of vitest's output.
 */
export async function runSpecWithAllure(options: AllureSpecRunOptions): Promise<AllureSpecRun> {
  const resultsDir = path.join(options.checkout, "allure-results");
  if (existsSync(resultsDir)) throw new Error(`runSpecWithAllure: ${resultsDir} exists already; expected a fresh checkout`);
  if (!existsSync(path.join(options.checkout, options.specFile))) throw new Error(`runSpecWithAllure: ${options.checkout} has no ${options.specFile}`);
  const started = Date.now();
  const { code, tail } = await spawnVitest(options.checkout, ["vitest", "run", "--project", "claims", options.specFile, "--maxWorkers=1"], childEnv(carryRunEnv(options.seed)));
  const seconds = (Date.now() - started) / 1000;
  if (!existsSync(resultsDir)) throw new Error(`runSpecWithAllure: vitest exited with code ${code} and wrote no Allure results in ${resultsDir}; its output ended:\n${tail}`);
  return { resultsDir, code, seconds };
}
