import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { runEnvironment } from "./src/report/runEnvironment.ts";

/**
 * Two projects, split by cost (STYLE.md, lesson 10):
 * - `unit`   (`tests/**`): the library's own tests — metrics, linear algebra, data, trainer,
 *   statistics, reporting. Fast; run on every change.
 * - `claims` (`specs/**`): the paper's claims, each training small networks. The profile
 *   (`THEOREM_SPEC_PROFILE=ci|full`, see `src/profile.ts`) sets their size.
 *
 * - `claims-pytorch`: one claim family (`PYTORCH_FAMILY_SPECS`) trained through the PyTorch
 *   reference adapter (`adapters/pytorch/`, trainer protocol: docs/trainer-protocol.md), so every
 *   `npm test` checks the suite against an implementation it did not write. Present when
 *   `/usr/bin/python3` imports torch, or when `THEOREM_SPEC_REQUIRE_TORCH=1` (CI) makes its absence a
 *   failure; skipped with a note otherwise.
 *
 * All write Allure results to `allure-results/` (see README, "The report").
 */
const setupFiles = ["allure-vitest/setup", "./tests/setup/seeds.ts"];

/** The claim family `npm test` also runs through the PyTorch adapter: D (exact null-space decay, stationary duality) — cheap, and exact where an independent float32 implementation is most likely to differ. */
const PYTORCH_FAMILY_SPECS = ["specs/duality.spec.ts"];

/**
 * Whether /usr/bin/python3 imports torch (≈ 0.9 s of CPU): probed once, and handed to the child
 * vitest processes some tests start (the reliability runner, the report's sharding) through
 * `THEOREM_SPEC_TORCH_IMPORTABLE`, which they inherit, instead of each probing again.
 */
const torchAvailable =
  process.env.THEOREM_SPEC_TORCH_IMPORTABLE === "1" || (process.env.THEOREM_SPEC_TORCH_IMPORTABLE !== "0" && spawnSync("/usr/bin/python3", ["-c", "import torch, numpy"], { stdio: "ignore" }).status === 0);
process.env.THEOREM_SPEC_TORCH_IMPORTABLE = torchAvailable ? "1" : "0";
const runPytorchFamily = torchAvailable || process.env.THEOREM_SPEC_REQUIRE_TORCH === "1";
if (!runPytorchFamily && process.env.VITEST_WORKER_ID === undefined) {
  console.warn("vitest: project claims-pytorch skipped — /usr/bin/python3 cannot import torch (apt-get install python3-torch python3-numpy)");
}

export default defineConfig({
  test: {
    // One worker per core, stated: with the default, vitest 4.1 ran the files one at a time on these
    // 2-core machines (measured: 31 s → 18 s wall for two claim specs with 2 workers).
    maxWorkers: availableParallelism(),
    reporters: [
      "default",
      [
        "allure-vitest/reporter",
        {
          resultsDir: "allure-results",
          reportMatchers: false,
          // node, os, cpus, profile, base seed, expected backend, commit — cheap: no tfjs import.
          environmentInfo: runEnvironment(),
        },
      ],
    ],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      // Set at what the suite reaches (2026-11-27: lines 96.7 %, statements 95.5 %, functions 98.8 %,
      // branches 87.7 %), so code that loses its tests shows.
      thresholds: { lines: 95, statements: 94, functions: 96, branches: 85 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          setupFiles,
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "claims",
          include: ["specs/**/*.spec.ts"],
          setupFiles,
          testTimeout: 1_800_000,
          hookTimeout: 600_000,
        },
      },
      ...(runPytorchFamily
        ? [
            {
              extends: true as const,
              test: {
                name: "claims-pytorch",
                include: PYTORCH_FAMILY_SPECS,
                setupFiles,
                env: { THEOREM_SPEC_TRAINER: "pytorch", THEOREM_SPEC_TRAINER_MODE: "free" },
                testTimeout: 1_800_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
    ],
  },
});
