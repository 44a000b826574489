/**
 * The README's commands and the CLI's documented examples are executed (STYLE.md, lesson 12), so
 * the documentation cannot drift from the program.
 *
 * - Every line of the README's ```sh blocks is classified: `npx theorem-spec …` commands run as
 *   written (one through npm's `npx`, the others as `runCli` in this process, as main.ts runs it;
 *   each in a scratch directory), the others are skipped for a stated reason (they install, train
 *   every claim, or are this very suite). A command the test cannot classify fails it, so a new
 *   README command needs a decision here.
 * - Every example in the CLI's `--help` runs as written when it is marked quick; a slow one (a
 *   full-size training run) runs with `--dry-run` appended, which checks the claim and every
 *   option without training.
 * - `report` commands run in a scratch directory holding small synthetic results directories
 *   under the names the command gives, so the repository's own `allure-report/` is never touched.
 */
import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import { commandExamples, runCli } from "../../src/cli/cli.ts";
import { captureIo } from "../../src/cli/io.ts";
import type { CliExample } from "../../src/cli/runnerTypes.ts";
import { REPO_ROOT } from "../../src/report/buildReport.ts";
import { childEnv } from "../report/demoResults.ts";

/** README commands not run here, and why. */
const SKIPPED: ReadonlyArray<readonly [RegExp, string]> = [
  [/^npm (ci|install)\b/, "installs the dependencies this test already runs on"],
  [/^npm run verify\b/, "trains every claim spec at the full profile (≈ 3 min on 2 cores); its parts are tested in tests/report and by CI's npm test"],
  [/^npm (test|run test)\b/, "runs this very suite"],
  [/\bnpx vitest run\b/, "trains claim specs (minutes); tests/report/sharding.test.ts runs the same vitest flags on the demo specs"],
  [/^npm run baselines:update\b/, "rewrites the tracked files of fixtures/baselines/; specs/regression.spec.ts runs the same canonical runs and tests/baselines the comparison"],
  [/^npm run bench\b/, "times workloads for minutes; tests/bench runs every workload once at a tiny size"],
  [/^(sudo )?apt-get\b/, "installs system packages (the optional PyTorch reference of the benchmark)"],
  [/^(THEOREM_SPEC_\w+=\S+ )+npm run test:claims\b/, "trains every claim spec against another implementation (minutes); tests/reliability/implementation.test.ts loads a trainer module and a mutant the same way"],
  [/^npx theorem-spec diff\b/, "trains every canonical run twice (minutes) and needs torch; tests/diff/pytorchDiff.test.ts runs the same command on two families for 30 steps, as shipped and with a one-line defect"],
  [/^npm run reliability:(flake|mutants|benign)\b/, "runs the claim specs dozens of times (hours); tests/reliability/reliabilityFigures.test.ts runs the same runner on G1 with and without a mutant"],
  [/^npm run reliability:carry\b/, "re-runs claim specs on two worktrees (minutes); tests/reliability/carryForward.test.ts checks the comparison, the re-stamp, the refusals and the worktrees"],
  [/^npx tsx scripts\/reliability\.ts status\b/, "reads the tracked records; tests/reliability/familyFlakeRecords.test.ts checks the plan it prints (current, stale, short)"],
];

/** The commands of the README's ```sh blocks: comments dropped, `\` continuations joined. */
export function readmeShellCommands(readme: string): string[] {
  const commands: string[] = [];
  for (const block of readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)) {
    let pending = "";
    for (const raw of block[1]!.split("\n")) {
      const line = raw.replace(/\s+#.*$/, "").replace(/^#.*$/, "").trim();
      if (line.endsWith("\\")) {
        pending += `${line.slice(0, -1).trim()} `;
        continue;
      }
      const command = (pending + line).trim();
      pending = "";
      if (command !== "") commands.push(command);
    }
  }
  return commands;
}

/** `command` split into words as a POSIX shell would (quotes and backslashes; no expansions). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < command.length) word = (word ?? "") + command[++i];
      else word = (word ?? "") + ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= "";
    } else if (ch === "\\" && i + 1 < command.length) {
      word = (word ?? "") + command[++i];
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + ch;
    }
  }
  if (quote !== undefined) throw new Error(`shellWords: unterminated ${quote} in ${command}`);
  if (word !== undefined) words.push(word);
  return words;
}

const ALL_EXAMPLES: CliExample[] = (["list", "run", "export", "report", "help"] as const).flatMap((c) => commandExamples(c));

interface Planned {
  readonly command: string;
  /** Where it is documented. */
  readonly from: string;
  /** The arguments after `npx theorem-spec`, as run (a slow example gets `--dry-run`). */
  readonly args: readonly string[];
  readonly note?: string;
}

function plan(command: string, from: string): Planned | { readonly skip: string } {
  const skip = SKIPPED.find(([re]) => re.test(command));
  if (skip !== undefined) return { skip: skip[1] };
  const words = shellWords(command);
  if (words[0] !== "npx" || words[1] !== "theorem-spec") throw new Error(`${from}: the docs test does not know how to run ${JSON.stringify(command)}; classify it in tests/cli/docs.test.ts`);
  const args = words.slice(2);
  const example = ALL_EXAMPLES.find((e) => e.command === command);
  const trains = (args[0] === "run" || args[0] === "export") && !args.includes("--help") && !args.includes("--dry-run");
  if (trains && example === undefined) {
    throw new Error(`${from}: ${command} trains but is not an example of the CLI's --help; add it to its family's examples (quick or not)`);
  }
  if (trains && example?.quick === false) {
    return { command, from, args: [...args, "--dry-run"], note: "slow (a full-size training run): checked with --dry-run, which validates the claim and every option" };
  }
  return { command, from, args };
}

/** What `npx theorem-spec` runs: the package's `bin` entry (checked against package.json below). */
const BIN = path.join(REPO_ROOT, "bin", "theorem-spec.mjs");
/** The one command run through npm's `npx` itself, which resolves `theorem-spec` to {@link BIN}. */
const THROUGH_NPX = "npx theorem-spec list";

/**
 * Runs `npx theorem-spec <args>` in `cwd`. {@link THROUGH_NPX} runs through `npx` itself, which
 * resolves `theorem-spec` to {@link BIN}, which starts src/cli/main.ts under tsx — the whole chain a
 * reader's command takes. Every other command runs what main.ts runs, `runCli(args, stdout/stderr,
 * env)`, in this process with `cwd` as the working directory: the same arguments, directory and
 * environment, without paying Node's, tsx's and TF.js's start-up (≈ 1.6 s of CPU a command on
 * 2 cores) 33 times. (This test file runs alone in its vitest worker process, so changing the
 * working directory for the duration of a command affects nothing else.)
 */
async function npxTheoremSpec(args: readonly string[], cwd: string, viaNpx: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!viaNpx) {
    const io = captureIo();
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const code = await runCli(args, io, childEnv({}));
      return { code, stdout: io.lines.out.join("\n"), stderr: io.lines.err.join("\n") };
    } finally {
      process.chdir(before);
    }
  }
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--prefix", REPO_ROOT, "theorem-spec", ...args], { cwd, env: childEnv({}), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A results directory holding one passing NC1 result, as allure-vitest writes it. */
async function syntheticResults(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const result = {
    uuid: `docs-${path.basename(path.dirname(dir))}`,
    historyId: `docs-${dir}`,
    name: "NC1 — synthetic result for the docs test",
    fullName: `theorem-spec:docs#${dir}`,
    status: "passed",
    stage: "finished",
    labels: [
      { name: "feature", value: "Neural collapse" },
      { name: "story", value: "NC1: within-class variability collapses" },
      { name: "claim", value: "NC1" },
    ],
    parameters: [{ name: "key measurement", value: "synthetic" }],
    steps: [],
    attachments: [],
    start: 1,
    stop: 2,
  };
  await fs.writeFile(path.join(dir, `${result.uuid}-result.json`), JSON.stringify(result));
}

const readme = await fs.readFile(path.join(REPO_ROOT, "README.md"), "utf8");
const README_COMMANDS = readmeShellCommands(readme);
const planned = new Map<string, Planned>();
const skipped: Array<[string, string]> = [];
for (const command of README_COMMANDS) {
  const p = plan(command, "README.md");
  if ("skip" in p) skipped.push([command, p.skip]);
  else planned.set(command, p);
}
for (const e of ALL_EXAMPLES) {
  const p = plan(e.command, "the CLI's --help");
  if (!("skip" in p) && !planned.has(e.command)) planned.set(e.command, p);
}

describe("the README's shell commands", () => {
  it("are found, and the ones not run here are skipped for a stated reason", () => {
    expect(README_COMMANDS).toContain("npx theorem-spec list");
    expect(README_COMMANDS).toContain("npm run verify");
    for (const [command, reason] of skipped) console.log(`docs test: not run: ${command}\n           because it ${reason}`);
    expect(skipped.map(([c]) => c)).toEqual(expect.arrayContaining(["npm install", "npm run verify", "npm test"]));
  });
});

describe("shellWords and readmeShellCommands", () => {
  it("split like a shell and join continued lines", () => {
    expect(shellWords(`npx theorem-spec list --family "Neural collapse" --x='a b' c\\ d`)).toEqual(["npx", "theorem-spec", "list", "--family", "Neural collapse", "--x=a b", "c d"]);
    expect(readmeShellCommands("```sh\nA=1 \\\n  npx vitest run x   # note\n# comment\nls\n```\n")).toEqual(["A=1 npx vitest run x", "ls"]);
    expect(() => shellWords('echo "open')).toThrowError(/unterminated/);
  });
});

describe("documented `npx theorem-spec` commands run as written", () => {
  it(`npx theorem-spec is bin/theorem-spec.mjs (package.json "bin"), so running that file runs the command as npx would; ${THROUGH_NPX} runs through npx itself`, async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(path.resolve(REPO_ROOT, pkg.bin["theorem-spec"]!)).toBe(BIN);
    expect(planned.has(THROUGH_NPX)).toBe(true);
  });

  let scratch: string;
  beforeAll(async () => {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-docs-"));
  });
  afterAll(async () => {
    await fs.rm(scratch, { recursive: true, force: true });
  });

  it.each([...planned.values()].map((p) => [p.command, p] as const))("%s", async (_command, p) => {
    const cwd = await fs.mkdtemp(path.join(scratch, "cmd-"));
    const [verb] = p.args;
    if (verb === "report" && !p.args.includes("--help")) {
      const dirs = p.args.flatMap((a, i) => (a === "--results" ? [p.args[i + 1]!] : []));
      for (const d of dirs.length > 0 ? dirs : ["allure-results"]) await syntheticResults(path.join(cwd, d));
    }
    const r = await npxTheoremSpec(p.args, cwd, p.command === THROUGH_NPX);
    if (p.note !== undefined) console.log(`docs test: ${p.command}: ${p.note}`);
    expect(r.code, `${p.from}: ${p.command}\n${r.stdout}\n${r.stderr}`).toBe(0);
    if (p.args.includes("--help") || verb === "help") expect(r.stdout).toContain("Usage: npx theorem-spec");
    else if (verb === "list" && !p.args.includes("--family")) for (const c of CATALOG) expect(r.stdout).toContain(c.id);
    else if (p.args.includes("--dry-run")) expect(r.stdout).toContain("(dry run: nothing trained)");
    else if (verb === "run") expect(r.stdout).toContain("Decision on this configuration");
    else if (verb === "export") {
      const out = p.args[p.args.indexOf("--out") + 1]!;
      const doc = JSON.parse(await fs.readFile(path.join(cwd, out), "utf8")) as { format: string };
      expect(doc.format).toBe("theorem-spec export, version 1");
    } else if (verb === "report") {
      expect(existsSync(path.join(cwd, "allure-report", "index.html"))).toBe(true);
      expect(r.stdout).toMatch(/NC1 +as stated +held +synthetic/);
    }
  });
});
