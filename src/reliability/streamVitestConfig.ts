/**
 * The vitest configuration of a seed stream run by `scripts/reliability.ts` in batched mode
 * (`flake --batched K`, `batch-check`): the repository's `vitest.config.ts`, with
 * - when `THEOREM_SPEC_COALESCE_SOCKET` is set, one more set-up file for the claim specs,
 *   `batchedStreamSetup.ts` (their reference trainer trained by the coalescing server);
 * - when `THEOREM_SPEC_ALLURE_RESULTS` is set, the Allure results written there instead of
 *   `allure-results/` (so two runs in one checkout can be compared).
 * Without either it is `vitest.config.ts` itself. Run with `--config src/reliability/streamVitestConfig.ts`
 * from the repository's root.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";
import { COALESCE_SOCKET_ENV } from "./coalesceWire.ts";

export const ALLURE_RESULTS_ENV = "THEOREM_SPEC_ALLURE_RESULTS";

const SETUP = fileURLToPath(new URL("./batchedStreamSetup.ts", import.meta.url));
const batched = (process.env[COALESCE_SOCKET_ENV] ?? "") !== "";
const allureDir = process.env[ALLURE_RESULTS_ENV];

type Project = { test?: { name?: string; setupFiles?: string[] } };
type Reporter = string | [string, Record<string, unknown>];

const test = base.test!;
export default defineConfig({
  ...base,
  test: {
    ...test,
    ...(allureDir === undefined || allureDir === ""
      ? {}
      : { reporters: (test.reporters as Reporter[]).map((r) => (Array.isArray(r) && r[0] === "allure-vitest/reporter" ? [r[0], { ...r[1], resultsDir: allureDir }] : r)) as typeof test.reporters }),
    projects: (test.projects as Project[]).map((p) => (batched && p.test?.name === "claims" ? { ...p, test: { ...p.test, setupFiles: [...(p.test.setupFiles ?? []), SETUP] } } : p)) as typeof test.projects,
  },
});
