/**
 * `theorem-spec diff` against the shipped PyTorch adapter (adapters/pytorch/): it agrees with the
 * reference in the first steps as shipped, and the differential mode catches a one-line defect of
 * it — the weight-decay factor λ instead of 2λ. Needs /usr/bin/python3 with torch; skipped with a
 * reason when it is missing, unless `THEOREM_SPEC_REQUIRE_TORCH=1` (set by `.ci/run`) makes that a
 * failure.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/cli.ts";
import { captureIo } from "../../src/cli/io.ts";

const PYTHON = "/usr/bin/python3";
const TORCH = spawnSync(PYTHON, ["-c", "import torch, numpy"], { stdio: "ignore" }).status === 0;
const REQUIRED = process.env.THEOREM_SPEC_REQUIRE_TORCH === "1";
const ADAPTER = path.resolve("adapters/pytorch");
/** The line of the adapter that applies the CLAIMS convention (a step adds 2λW), and its defect. */
const CONVENTION_LINE = "2.0 * r.weight_decay";
const DEFECT_LINE = "r.weight_decay";
/** Enough for the first steps (the verdict) and a little of the growth after. */
const ARGS = ["--family", "normalization,duality", "--steps", "30"];

describe.skipIf(!TORCH && !REQUIRED)("theorem-spec diff --trainer pytorch", () => {
  const tmp = mkdtempSync(path.join(tmpdir(), "theorem-spec-defect-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("torch is importable (THEOREM_SPEC_REQUIRE_TORCH=1: its absence is a failure)", () => {
    expect(TORCH, `${PYTHON} cannot import torch: apt-get install python3-torch python3-numpy`).toBe(true);
  });

  it("the adapter as shipped agrees with the reference in the first steps (exit 0)", async () => {
    const io = captureIo();
    const code = await runCli(["diff", "--trainer", "pytorch", ...ARGS], io);
    expect(code, [...io.lines.out, ...io.lines.err].join("\n")).toBe(0);
    expect(io.lines.out.join("\n")).toMatch(/normalization.*agree/);
    expect(io.lines.out.join("\n")).not.toMatch(/DISAGREE/);
  });

  it("one line changed — λ instead of 2λ in the step — is caught: the first steps disagree (exit 1)", async () => {
    cpSync(ADAPTER, tmp, { recursive: true, filter: (src) => !src.includes("__pycache__") });
    const file = path.join(tmp, "theorem_spec_torch", "train.py");
    const source = readFileSync(file, "utf8");
    expect(source.split(CONVENTION_LINE).length - 1, `${file} must contain the convention line once`).toBe(1);
    writeFileSync(file, source.replace(CONVENTION_LINE, DEFECT_LINE));
    const io = captureIo();
    const code = await runCli(["diff", "--trainer", `cmd:${PYTHON} ${path.join(tmp, "trainer.py")}`, ...ARGS], io);
    expect(code, [...io.lines.out, ...io.lines.err].join("\n")).toBe(1);
    expect(io.lines.out.join("\n")).toMatch(/normalization.*DISAGREE/);
  });
});
