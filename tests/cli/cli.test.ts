/**
 * The CLI in-process (`runCli` with captured output): commands, help, argument errors, and short
 * runs of the neural-collapse family (the other families: tests/cli/<family>.test.ts).
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import { commandExamples, commandHelp, resolveClaim, runCli, usage } from "../../src/cli/cli.ts";
import { captureIo } from "../../src/cli/io.ts";
import { profileByName } from "../../src/cli/profiles.ts";

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = captureIo();
  const code = await runCli(argv, io, env);
  return { code, out: io.lines.out.join("\n"), err: io.lines.err.join("\n") };
}

/** Tiny NC settings: a few seconds on 2 cores. */
const TINY = ["--steps", "300", "--seeds", "2", "--width", "16", "--per-class", "10", "--snapshots", "4"];

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-cli-"));
});
afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe("theorem-spec (no command, help, version)", () => {
  it("prints the usage: to stdout with exit 0 for --help, exit 2 without a command", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toBe(usage());
    for (const c of ["list", "run <claim>", "export <claim>", "report", "help [command]"]) expect(help.out).toContain(`  ${c}`);
    expect((await cli([])).code).toBe(2);
  });

  it("prints each command's help with `help <command>` and `<command> --help`", async () => {
    for (const c of ["list", "run", "export", "report", "help"] as const) {
      const viaHelp = await cli(["help", c]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toBe(commandHelp(c));
      expect(viaHelp.out).toContain("--help");
      if (c !== "help") expect((await cli([c, "--help"])).out).toBe(commandHelp(c));
    }
  });

  it("lists each command's documented examples in its help", () => {
    for (const c of ["list", "run", "export", "report", "help"] as const) {
      for (const e of commandExamples(c)) expect(commandHelp(c)).toContain(e.command);
    }
  });

  it("prints the package version", async () => {
    expect((await cli(["--version"])).out).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("rejects an unknown command or help topic with the list of commands", async () => {
    const r = await cli(["lsit"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "lsit"; commands: list, run, export, report, diff, help');
    expect((await cli(["help", "nope"])).err).toContain('help: unknown command "nope"');
  });
});

describe("theorem-spec list", () => {
  it("prints every claim of the catalogue with its statement", async () => {
    const r = await cli(["list"]);
    expect(r.code).toBe(0);
    for (const c of CATALOG) expect(r.out).toMatch(new RegExp(`^  ${c.id.replace(/[-]/g, "\\-")} +${c.title.replace(/[()*+?.[\]\\^$|]/g, "\\$&")}`, "m"));
    const flat = r.out.replace(/\s+/g, " ");
    expect(flat).toContain("is minimised at ρ* = (1/N)");
    expect(flat).toContain("as stated — expected not reproduced: The numerical rank decreases with larger λ, smaller B");
    expect(flat).toContain("as refined — expected held:");
    expect(flat).toContain("The paper (");
    expect(flat).toContain("Verdicts: held, not reproduced, inconclusive, not specified");
    expect(r.out).toContain("[CLI: run/export]");
    expect(r.out).not.toContain("[CLI: spec only]");
    expect(r.out).toContain(`${CATALOG.length} claims.`);
  });

  it("filters by family, prints one line per claim, or JSON", async () => {
    const brief = await cli(["list", "--brief", "--family", "Neural collapse"]);
    expect(brief.out.split("\n")).toHaveLength(6);
    expect(brief.out.split("\n").find((l) => l.startsWith("NC-WD"))).toMatch(/— expected: held as refined · not reproduced as stated$/);
    expect(brief.out.split("\n")[0]).toMatch(/^NC1 +Neural collapse +NC1: within-class variability collapses  — expected: held as stated$/);

    const json = JSON.parse((await cli(["list", "--json"])).out) as Array<{ id: string; runnable: boolean }>;
    expect(json.map((c) => c.id)).toEqual(CATALOG.map((c) => c.id));
    expect(json.every((c) => c.runnable)).toBe(true);
  });

  it("rejects an unknown family and stray arguments", async () => {
    const r = await cli(["list", "--family", "Collapse"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('list: --family "Collapse" is not valid; expected one of Normalisation and ρ, Neural collapse');
    expect(r.err).toContain("Run `npx theorem-spec list --help` for usage.");
    expect((await cli(["list", "NC1"])).err).toContain('unexpected argument "NC1"');
  });
});

describe("claim ids", () => {
  it("accept other letter case, and reject unknown ids with the known ones", () => {
    expect(resolveClaim("run", "nc-depth")).toBe("NC-depth");
    expect(() => resolveClaim("run", "NC9")).toThrowError(/run: unknown claim "NC9"; known claims: N1, N2, NC1, .*G4 \(with a runner: N1, N2, NC1, NC2/);
    expect(() => resolveClaim("export", undefined)).toThrowError(/export: which claim\?/);
  });

  it("each have a runner: run <claim> --dry-run prints every claim's configuration", async () => {
    for (const c of CATALOG) {
      const r = await cli(["run", c.id, "--dry-run"]);
      expect(r.code, `${c.id}: ${r.err}`).toBe(0);
      expect(r.out).toContain(`${c.id} — ${c.title} (${c.family})`);
      expect(r.out).toMatch(new RegExp(`^  claim +${c.id.replace("-", "\\-")}$`, "m"));
    }
  });
});

describe("theorem-spec run — arguments", () => {
  it("rejects bad numbers with the value and what was expected", async () => {
    const r = await cli(["run", "NC1", "--steps", "ten"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('run: --steps "ten" is not valid; expected an integer in [1, 10000000]');
    expect((await cli(["run", "NC1", "--wd", "-1"])).err).toContain('--wd "-1" is not valid; expected a number in [0, 10]');
    expect((await cli(["run", "NC1", "--batch", "500"])).err).toContain("--batch 500 is larger than the training set N = C · per-class = 3 · 25 = 75");
    expect((await cli(["run", "NC1", "--arms", "frozen"])).err).toContain("must include wd");
    expect((await cli(["run", "NC1", "NC2"])).err).toContain('unexpected argument "NC2"');
    expect((await cli(["run", "NC1", "--classes"])).err).toContain("--classes needs a value");
    expect((await cli(["run", "NC1", "--out", "x.json"])).err).toContain('unknown option "--out"');
  });

  it("rejects a bad THEOREM_SPEC_SEED or THEOREM_SPEC_PROFILE, naming the variable", async () => {
    expect((await cli(["run", "NC1", "--dry-run"], { THEOREM_SPEC_SEED: "x" })).err).toContain('THEOREM_SPEC_SEED="x" is not valid for --seed');
    expect((await cli(["run", "NC1", "--dry-run"], { THEOREM_SPEC_PROFILE: "nightly" })).err).toContain("THEOREM_SPEC_PROFILE");
  });

  it("prints the configuration without training on --dry-run, with profile defaults and overrides", async () => {
    const r = await cli(["run", "--seed", "7", "NC-depth", "--depth", "4", "--dry-run"], { THEOREM_SPEC_PROFILE: "full" });
    expect(r.code).toBe(0);
    expect(r.out).toContain("NC-depth — Intermediate collapse across depth (Neural collapse)");
    expect(r.out).toMatch(/depth L +4/);
    expect(r.out).toMatch(/learning rate η +0\.014/);
    expect(r.out).toMatch(/weight decay λ +0\.012/);
    expect(r.out).toMatch(/steps +12000/);
    expect(r.out).toMatch(/warm-up steps +1000/);
    expect(r.out).toMatch(/seeds per arm +8/);
    expect(r.out).toMatch(/config seed +7/);
    expect(r.out).toMatch(/profile +full/);
    expect(r.out).toContain("(dry run: nothing trained)");
    const json = JSON.parse((await cli(["run", "NC3", "--dry-run", "--json", "--profile", "ci"])).out) as { configuration: Record<string, unknown> };
    expect(json.configuration).toMatchObject({ claim: "NC3", arms: "wd, noWd", steps: 8000, "seeds per arm": 5, "config seed": 20230024 });
  });

  it("prints the family's options with `run NC1 --help`", async () => {
    const r = await cli(["run", "NC1", "--help"]);
    expect(r.out).toContain("Options of Neural collapse (NC1, NC2, NC3, NC4, NC-WD, NC-depth):");
    expect(r.out).toContain("--width <p>");
  });
});

describe("theorem-spec run and export — a tiny configuration", () => {
  it("trains, prints the measured values and the decisions with their control", async () => {
    const r = await cli(["run", "NC1", ...TINY]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Runs (training set)");
    expect(r.out).toContain("nc1 per run");
    expect(r.out).toContain("nc1 over training (mean over seeds)");
    expect(r.out).toMatch(/NC1 on λ > 0: (held on this configuration|not reproduced on this configuration|inconclusive)/);
    expect(r.out).toMatch(/NC1 on the control \(frozen features\)/);
    expect(r.out).toMatch(/backend +(wasm|cpu|tensorflow)/);
    expect(r.out).toContain(`Same run again: npx theorem-spec run NC1 ${TINY.join(" ")} --seed 20230024 --profile ci`);
    expect(r.err).toMatch(/\[#+\] 100 %  training λ = 0\.01 \(2 runs × 300 steps, width 16\)/);
    expect(r.err).toMatch(/trained and measured in \d+\.\d s/);
  });

  it("prints the measured values as JSON with --json", async () => {
    const r = await cli(["run", "NC-WD", ...TINY, "--json"]);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { claim: string; replay: string; tables: Array<{ title: string }>; warnings: string[] };
    expect(json.claim).toBe("NC-WD");
    expect(json.replay).toBe(`npx theorem-spec run NC-WD ${TINY.join(" ")} --json --seed 20230024 --profile ci`);
    expect(json.tables.map((t) => t.title)).toContain("NC3 (uncentred) at the end, paired by seed");
    expect(json.warnings.join(" ")).toContain("not run by the CLI");
  });

  it("prints the depth table for NC-depth", async () => {
    const r = await cli(["run", "NC-depth", ...TINY]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("NC1 of each layer's activations at the end");
    expect(r.out).toMatch(/NC-depth on the control \(frozen features\)/);
  });

  it("exports weights, features and trajectories with their shapes", async () => {
    const file = path.join(tmp, "nc2.json");
    const r = await cli(["export", "NC2", ...TINY, "--classes", "4", "--out", file, "--weights", "all"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/wrote .*nc2\.json \(\d+(\.\d)? kB\)/);
    const doc = JSON.parse(await fs.readFile(file, "utf8")) as {
      format: string;
      claim: string;
      command: string;
      configuration: Record<string, unknown>;
      arms: Record<string, Array<{ seed: number; data: { inputs: { shape: number[]; values: number[] }; labels: number[] }; snapshots: Array<{ step: number; weights: Array<{ shape: number[]; values: number[] }> }>; features: { shape: number[]; values: number[] }; outputs: { shape: number[] }; trajectory: Array<{ step: number; etfDistance: number }> }>>;
    };
    expect(doc.format).toBe("theorem-spec export, version 1");
    expect(doc.claim).toBe("NC2");
    expect(doc.command).toContain("npx theorem-spec export NC2");
    expect(Object.keys(doc.arms)).toEqual(["wd", "frozen"]);
    const run = doc.arms.wd![0]!;
    expect(run.data.inputs.shape).toEqual([40, 32]);
    expect(run.data.labels).toHaveLength(40);
    expect(run.snapshots.map((s) => s.step)).toEqual([0, 100, 200, 300]);
    expect(run.snapshots[0]!.weights.map((w) => w.shape)).toEqual([[16, 32], [16, 16], [4, 16]]);
    expect(run.snapshots[0]!.weights[0]!.values).toHaveLength(16 * 32);
    expect(run.features.shape).toEqual([40, 16]);
    expect(run.features.values).toHaveLength(40 * 16);
    expect(run.outputs.shape).toEqual([40, 4]);
    expect(run.trajectory).toHaveLength(4);
    // The frozen arm trains only the last layer: its first layer is the same at both ends.
    const frozen = doc.arms.frozen![0]!;
    expect(frozen.snapshots.at(-1)!.weights[0]!.values).toEqual(frozen.snapshots[0]!.weights[0]!.values);
  });

  it("writes only the first and last snapshot by default", async () => {
    const file = path.join(tmp, "nc4.json");
    const r = await cli(["export", "NC4", ...TINY, "--out", file, "--json"]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ claim: "NC4", file });
    const doc = JSON.parse(await fs.readFile(file, "utf8")) as { arms: { wd: Array<{ snapshots: Array<{ step: number }> }> } };
    expect(doc.arms.wd[0]!.snapshots.map((s) => s.step)).toEqual([0, 300]);
  });
});

describe("theorem-spec run — runs outside the regime", () => {
  it("prints the warnings and an inconclusive decision when training diverges", async () => {
    const r = await cli(["run", "NC1", ...TINY, "--lr", "10"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/warning: \d of 2 runs with λ > 0 did not reach quasi-interpolation/);
    expect(r.out).toMatch(/\?  NC1 on λ > 0: inconclusive — /);
  });

  it("gives no NC-WD decision when too few λ = 0 runs interpolate, and says why", async () => {
    const r = await cli(["run", "NC-WD", ...TINY, "--lr", "10"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("warning: NC-WD needs ≥ 3 pairs whose λ = 0 run interpolated; got 0");
    expect(r.out).toContain("(no decision: see the warnings)");
  });

  it("takes the claim after `--`", async () => {
    const r = await cli(["run", "--dry-run", "--", "nc4"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("NC4 — NC4: nearest-class-centre decision");
  });
});

describe("theorem-spec report", () => {
  async function resultsDir(name: string, status: string): Promise<string> {
    const dir = path.join(tmp, name);
    await fs.mkdir(dir, { recursive: true });
    const result = {
      uuid: name,
      historyId: name,
      name: `NC2 ${status}`,
      fullName: `theorem-spec:x#${name}`,
      status,
      stage: "finished",
      labels: [{ name: "claim", value: "NC2" }],
      parameters: [{ name: "profile", value: "full" }, { name: "key measurement", value: `ETF distance (${status})` }],
      start: 1,
      stop: 2,
    };
    await fs.writeFile(path.join(dir, `${name}-result.json`), JSON.stringify(result));
    return dir;
  }

  it("builds the report from the results given, prints the verdict of each statement, and exits 1 when one differs from the catalogue", async () => {
    const held = await cli(["report", "--results", await resultsDir("held", "passed"), "--output", path.join(tmp, "report-held")]);
    expect(held.code, held.err).toBe(0);
    expect(held.out).toContain("Claims of Xu et al. 2023, verdicts at the paper's sentences (profile full)");
    expect(held.out).toMatch(/NC2 +as stated +not specified +The centred ETF distance/);
    expect(held.out).toMatch(/^ +as refined +held +ETF distance \(passed\)$/m);
    expect(held.out).toMatch(/report: .*report-held\/index\.html \(\d+(\.\d)? MB, built in/);
    const failed = await cli(["report", "--results", await resultsDir("failed", "failed"), "--output", path.join(tmp, "report-failed")]);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/as refined +not reproduced \(expected held\)/);
  });

  it("reports a missing results directory (exit 1) and stray arguments (exit 2)", async () => {
    const missing = await cli(["report", "--results", path.join(tmp, "nowhere"), "--output", path.join(tmp, "r")]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/theorem-spec: buildReport: results directory .*nowhere does not exist/);
    expect((await cli(["report", "allure-results"])).code).toBe(2);
  });

  it("prints the usage for `help` without a topic", async () => {
    expect((await cli(["help"])).out).toBe(usage());
  });
});

describe("profileByName", () => {
  it("returns the named profile and leaves THEOREM_SPEC_PROFILE as it was", () => {
    const before = process.env.THEOREM_SPEC_PROFILE;
    expect(profileByName("full").seedsPerConfig).toBe(8);
    expect(profileByName("ci").configRuns).toBe(2);
    expect(process.env.THEOREM_SPEC_PROFILE).toBe(before);
  });
});
