/**
 * Allure parameters of the current test: the configuration it ran, and how to run it again.
 */
import * as path from "node:path";
import { parameter } from "allure-js-commons";
import { activeBackend, initBackend } from "../backend.ts";
import { implementationDescription, REFERENCE_IMPLEMENTATION } from "../implementation/activeImplementation.ts";
import { activeProfile, baseSeed, fastCheckSeed } from "../profile.ts";
import { allureActive } from "./allureActive.ts";
import { KEY_MEASUREMENT_PARAMETER } from "./conventions.ts";
import { replayCommand } from "./replayCommand.ts";

export type ParameterValue = string | number | boolean;

export interface TestLocation {
  /** Test file (absolute or relative to the working directory). Default: the running test's file. */
  readonly file?: string;
  /** Describe names then the test title. Default: the running test's. */
  readonly testNames?: readonly string[];
}

interface TaskLike {
  readonly name: string;
  readonly suite?: TaskLike;
  readonly file?: { readonly filepath?: string };
}

/** Where vitest says the current test is; empty outside a vitest worker or test. */
async function currentTestLocation(): Promise<TestLocation> {
  if (process.env.VITEST === undefined) return {};
  const { TestRunner } = await import("vitest");
  const test = TestRunner.getCurrentTest() as TaskLike | undefined;
  if (test === undefined) return {};
  const names: string[] = [];
  for (let t: TaskLike | undefined = test; t !== undefined && t !== test.file; t = t.suite) {
    if (t.name !== "") names.unshift(t.name);
  }
  return { ...(test.file?.filepath === undefined ? {} : { file: test.file.filepath }), testNames: names };
}

/**
 * Records `params` as Allure parameters, then the run's environment: `backend` (after
 * `initBackend()`), `profile`, `base seed`, `fast-check seed` and `replay`, the command that runs
 * this test again with the same profile and seeds. The environment parameters are excluded from
 * Allure's history id, so a test keeps its history across seeds and backends.
 *
 * Returns the replay command (also when called outside a test, where nothing is recorded).
 *
 * @example const replay = await reportParameters({ "λ": 5e-4, "batch B": 32, width: 64 });
 */
export async function reportParameters(
  params: Readonly<Record<string, ParameterValue>>,
  where: TestLocation = {},
): Promise<string> {
  const here = await currentTestLocation();
  const file = where.file ?? here.file ?? "<test file>";
  const testNames = where.testNames ?? here.testNames ?? ["<test name>"];
  const backend = (await initBackend(), activeBackend());
  const profile = activeProfile().name;
  const seed = baseSeed();
  const fcSeed = fastCheckSeed();
  const relFile = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  const replay = replayCommand({ profile, seed, fcSeed, file: relFile, testNames });
  if (!allureActive()) return replay;
  for (const [name, value] of Object.entries(params)) {
    await parameter(name, String(value));
  }
  const env: Array<[string, string]> = [
    ["backend", backend],
    ["profile", profile],
    ["base seed", String(seed)],
    ["fast-check seed", String(fcSeed)],
    ["replay", replay],
  ];
  for (const [name, value] of env) await parameter(name, value, { excluded: true });
  // Which trainer and metrics ran: the reference, a user's THEOREM_SPEC_TRAINER, or a mutant. Part of
  // the history id unless it is the reference, so the same claim trained by two implementations in
  // one run (npm test: the D family by the reference and by PyTorch) is two results, not a retry.
  const implementation = await implementationDescription();
  await parameter("implementation", implementation, { excluded: implementation === REFERENCE_IMPLEMENTATION });
  return replay;
}

/**
 * Records the result's key measurement (parameter `key measurement`), printed by `npm run verify`
 * next to the claim's verdict. One short value with its threshold; call it once per test (when
 * called again, the summary uses the last value).
 * @example await reportKeyMeasurement(`NC1 = ${nc1.toPrecision(3)} (< ${NC1_MAX})`);
 */
export async function reportKeyMeasurement(value: string): Promise<void> {
  if (!allureActive()) return;
  await parameter(KEY_MEASUREMENT_PARAMETER, value, { excluded: true });
}
