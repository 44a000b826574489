/**
 * The vitest configuration of a batched stream (`npm run reliability:flake -- --batched K`): the
 * repository's `vitest.config.ts` with one more set-up file for the claim specs,
 * `batchedStreamSetup.ts` (their reference trainer trained by the coalescing server). Run with
 * `--config src/reliability/batchedVitestConfig.ts --root <repository>`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

const SETUP = fileURLToPath(new URL("./batchedStreamSetup.ts", import.meta.url));

type Project = { test?: { name?: string; setupFiles?: string[] } };

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: (base.test?.projects as Project[] | undefined)?.map((p) =>
      p.test?.name === "claims" ? { ...p, test: { ...p.test, setupFiles: [...(p.test.setupFiles ?? []), SETUP] } } : p,
    ) as typeof base.test extends { projects?: infer P } ? P : never,
  },
});
