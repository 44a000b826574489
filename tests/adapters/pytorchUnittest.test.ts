/**
 * The PyTorch adapter's own tests (adapters/pytorch/tests, python unittest: gradients against
 * finite differences, the WN and 2λ step formulas, the conv layout against the patch formula,
 * aligned/free modes, the benign-variant flags, the protocol round trip), run by `npm test` so CI
 * exercises them. Needs /usr/bin/python3 with torch; skipped with a reason when it is missing,
 * unless `THEOREM_SPEC_REQUIRE_TORCH=1` (set by `.ci/run`) makes that a failure.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const PYTHON = "/usr/bin/python3";
const TORCH = spawnSync(PYTHON, ["-c", "import torch, numpy"], { stdio: "ignore" }).status === 0;
const REQUIRED = process.env.THEOREM_SPEC_REQUIRE_TORCH === "1";

describe.skipIf(!TORCH && !REQUIRED)("adapters/pytorch: its unittest suite", () => {
  it("passes (python3 -m unittest discover -s tests)", () => {
    expect(TORCH, `${PYTHON} cannot import torch: apt-get install python3-torch python3-numpy`).toBe(true);
    const run = spawnSync(PYTHON, ["-m", "unittest", "discover", "-s", "tests"], {
      cwd: path.resolve("adapters/pytorch"),
      encoding: "utf8",
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" },
      timeout: 600_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status, output.slice(-4000)).toBe(0);
    // unittest's closing lines: "Ran N tests in …" then "OK" — a suite that found nothing is not a pass.
    const ran = /Ran (\d+) tests?/.exec(output);
    expect(Number(ran?.[1] ?? 0), output.slice(-2000)).toBeGreaterThan(20);
  });
});
