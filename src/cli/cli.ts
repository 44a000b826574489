/**
 * `npx theorem-spec <command>`: list the claims, run or export one configuration of a claim's
 * experiment, (re)build the report. `runCli` is the whole program minus the process (argv in,
 * lines out, exit code back), so the tests run it in-process; `main.ts` binds it to the process.
 *
 * Exit codes: 0 done; 1 a failure while running (or, for `report`, a statement whose verdict
 * differs from the catalogue's expectation, or a report that could not be built); 2 a wrong
 * command line (the message says what was expected).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { CATALOG, CLAIM_FAMILIES, claimById, isClaimId, primaryStatement, type ClaimId } from "../claims/catalog.ts";
import { STATEMENT_VERDICTS } from "../claims/verdicts.ts";
import { activeBackend, initBackend } from "../backend.ts";
import { DEFAULT_SEED, type ProfileName } from "../profile.ts";
import { buildReport, formatBytes, REPO_ROOT } from "../report/buildReport.ts";
import { formatKeys } from "../report/overview.ts";
import { formatSummaryTable, verdictPhrase, verifyExitCode } from "../report/summary.ts";
import { toJsonValue } from "../report/toJsonValue.ts";
import { formatNumber, formatTable, progressBar, wrap } from "./format.ts";
import type { CliIo } from "./io.ts";
import { diffCommand, diffHelp, DIFF_EXAMPLES, DIFF_SUMMARY } from "./diffCommand.ts";
import { COMMON_RUN_OPTIONS, EXPORT_OPTIONS, HELP_OPTION } from "./commonOptions.ts";
import { expectedValue, formatOptions, parseArgs, parseValue, stringOption, UsageError, type OptionSpec, type OptionValues } from "./options.ts";
import { profileByName } from "./profiles.ts";
import {
  FAMILY_RUNNERS,
  runnableClaims,
  runnerFor,
  type CliExample,
  type ClaimRun,
  type CommonSettings,
  type FamilyRunner,
  type RunDecision,
} from "./registry.ts";

/** Width of wrapped text (statements, descriptions). */
const TEXT_COLUMNS = 96;

type Env = Readonly<Record<string, string | undefined>>;

const COMMANDS = ["list", "run", "export", "report", "diff", "help"] as const;
type Command = (typeof COMMANDS)[number];

const SUMMARIES: Readonly<Record<Command, string>> = {
  list: "list the claims of CLAIMS.md with their statements",
  run: "train one configuration of a claim's experiment; print progress, the measured values and the decision",
  export: "as run, then write the raw weights, features and trajectories as JSON",
  report: "(re)build allure-report/index.html from allure-results/ and print the claims table",
  diff: DIFF_SUMMARY,
  help: "this text, or a command's (`help run`)",
};

const LIST_OPTIONS: readonly OptionSpec[] = [
  { name: "family", kind: "choice", choices: CLAIM_FAMILIES, placeholder: "<family>", description: "only this family (quote names with spaces)" },
  { name: "brief", kind: "flag", description: "one line per claim: id, family, title, expected verdicts" },
  { name: "json", kind: "flag", description: "the catalogue entries as JSON" },
];

const REPORT_OPTIONS: readonly OptionSpec[] = [
  { name: "results", kind: "string", repeatable: true, placeholder: "<dir>", description: "an Allure results directory; repeat to merge shards", defaultText: "./allure-results" },
  { name: "output", kind: "string", placeholder: "<dir>", description: "report directory (the report is <dir>/index.html)", defaultText: "./allure-report" },
];

/** The documented examples of each command (printed by its `--help`; executed by tests/cli/docs.test.ts). */
export function commandExamples(command: Command, runners: readonly FamilyRunner[] = FAMILY_RUNNERS): CliExample[] {
  switch (command) {
    case "list":
      return [
        { command: "npx theorem-spec list", description: "every claim with its statement, source and whether the CLI can run it", quick: true },
        { command: "npx theorem-spec list --brief", description: "one line per claim", quick: true },
        { command: 'npx theorem-spec list --family "Neural collapse"', description: "one family", quick: true },
      ];
    case "run":
      return runners.flatMap((r) => r.examples.filter((e) => e.command.startsWith("npx theorem-spec run ")));
    case "export":
      return runners.flatMap((r) => r.examples.filter((e) => e.command.startsWith("npx theorem-spec export ")));
    case "report":
      return [
        { command: "npx theorem-spec report", description: "rebuild allure-report/index.html from allure-results/ (after npm run verify or npm test)", quick: false },
        {
          command: "npx theorem-spec report --results shard-1/allure-results --results shard-2/allure-results",
          description: "merge the results of sharded runs into one report (README, Scaling out)",
          quick: false,
        },
      ];
    case "diff":
      return [...DIFF_EXAMPLES];
    case "help":
      return [{ command: "npx theorem-spec help run", description: "the options of run", quick: true }];
  }
}

function formatExamples(examples: readonly CliExample[]): string[] {
  if (examples.length === 0) return [];
  return ["", "Examples:", ...examples.flatMap((e) => [`  ${e.command}`, `      ${e.description}`])];
}

/** The top-level usage text. */
export function usage(): string {
  const w = Math.max(...COMMANDS.map((c) => commandSynopsis(c).length));
  return [
    "theorem-spec — executable specifications of the claims of Xu, Rangamani, Liao, Galanti, Poggio,",
    "“Dynamics in Deep Classifiers trained with the Square Loss”, Research 6:0024 (2023)",
    "",
    "Usage: npx theorem-spec <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${commandSynopsis(c).padEnd(w)}  ${SUMMARIES[c]}`),
    "",
    "Run `npx theorem-spec <command> --help` for a command's options and examples.",
    "The claims' verdicts come from the specs: `npm run verify` (see README).",
    ...formatExamples([...commandExamples("list").slice(0, 1), ...commandExamples("run").slice(0, 2), ...commandExamples("report").slice(0, 1)]),
  ].join("\n");
}

function commandSynopsis(c: Command): string {
  return c === "run" || c === "export" ? `${c} <claim>` : c === "help" ? "help [command]" : c === "diff" ? "diff --trainer <t>" : c;
}

/** The help text of `command` (for `run`/`export`, of one family when `runner` is given). */
export function commandHelp(command: Command, runner?: FamilyRunner): string {
  if (command === "diff") return diffHelp();
  const runners = runner === undefined ? FAMILY_RUNNERS : [runner];
  const lines = [`Usage: npx theorem-spec ${commandSynopsis(command)} [options]`, "", SUMMARIES[command]];
  switch (command) {
    case "list":
      lines.push("", "Options:", ...formatOptions([...LIST_OPTIONS, HELP_OPTION]), ...formatExamples(commandExamples("list")));
      break;
    case "run":
    case "export": {
      lines.push(
        "",
        `Claims with a runner: ${runnableClaims(runners).join(", ") || "none"}. The decision printed is the spec's rule on this one`,
        "configuration; a claim's verdict (over several generated configurations) comes from `npm run verify`.",
        "",
        "Options (every family):",
        ...formatOptions([...COMMON_RUN_OPTIONS, ...(command === "export" ? EXPORT_OPTIONS : []), HELP_OPTION]),
      );
      for (const r of runners) {
        lines.push("", `Options of ${r.family} (${r.claims.join(", ")}):`, ...wrap(r.description, TEXT_COLUMNS - 2, "  "), ...formatOptions(r.options));
      }
      lines.push(...formatExamples(commandExamples(command, runners)));
      break;
    }
    case "report":
      lines.push(
        "",
        "Reads the *-result.json files of the results directories (several: the shards of one run), builds the",
        "single-file Allure report with the claims landing page, and prints the verdict of each statement of every",
        "claim. Exit code 1 when a verdict differs from the catalogue's expectation or the report could not be built.",
        "",
        "Options:",
        ...formatOptions([...REPORT_OPTIONS, HELP_OPTION]),
      );
      lines.push(...formatExamples(commandExamples("report")));
      break;
    case "help":
      lines.push("", "Options:", ...formatOptions([HELP_OPTION]), ...formatExamples(commandExamples("help")));
      break;
  }
  return lines.join("\n");
}

/**
 * The catalogue id of `raw` (also in other letter case: `nc1` → `NC1`).
 * @throws UsageError listing the known ids (and the runnable ones).
 */
export function resolveClaim(command: string, raw: string | undefined): ClaimId {
  const known = CATALOG.map((c) => c.id);
  if (raw === undefined) {
    throw new UsageError(`${command}: which claim? e.g. \`npx theorem-spec ${command} NC1\`; claims with a runner: ${runnableClaims().join(", ")}`, command);
  }
  if (isClaimId(raw)) return raw;
  const folded = known.find((id) => id.toLowerCase() === raw.toLowerCase());
  if (folded !== undefined) return folded;
  throw new UsageError(`${command}: unknown claim ${JSON.stringify(raw)}; known claims: ${known.join(", ")} (with a runner: ${runnableClaims().join(", ")})`, command);
}

function listCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs("list", argv, LIST_OPTIONS);
  if (args.help) {
    io.out(commandHelp("list"));
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`list: unexpected argument ${JSON.stringify(args.positionals[0])}; list takes options only`, "list");
  const family = stringOption(args.options, "family");
  const claims = CATALOG.filter((c) => family === undefined || c.family === family);
  if (args.options.json === true) {
    io.out(JSON.stringify(claims.map((c) => ({ ...c, runnable: runnerFor(c.id) !== undefined })), null, 2));
    return 0;
  }
  const idWidth = Math.max(...CATALOG.map((c) => c.id.length));
  for (const f of CLAIM_FAMILIES) {
    const inFamily = claims.filter((c) => c.family === f);
    if (inFamily.length === 0) continue;
    if (args.options.brief !== true) io.out(`${f}`);
    for (const c of inFamily) {
      const runnable = runnerFor(c.id) !== undefined ? "run/export" : "spec only";
      if (args.options.brief === true) {
        io.out(`${c.id.padEnd(idWidth)}  ${c.family.padEnd(22)}  ${c.title}  — expected: ${expectedPhrase(c)}`);
        continue;
      }
      io.out(`  ${c.id.padEnd(idWidth)}  ${c.title}${c.derived ? "  (derived in CLAIMS.md)" : ""}  [CLI: ${runnable}]`);
      const indent = " ".repeat(idWidth + 4);
      const paragraph = (text: string) => io.out(wrap(text, TEXT_COLUMNS - indent.length, indent).join("\n"));
      paragraph(`The paper (${c.paper.section}): ${c.paper.quoted ? `“${c.paper.text}”` : `${c.paper.text} (paraphrased)`}`);
      for (const st of c.statements) {
        paragraph(`${st.key} — expected ${st.expected}: ${st.text}`);
        if (st.why !== undefined && st.expected !== "held") paragraph(`  why: ${st.why}`);
      }
      [`CLAIMS.md: ${c.statement}`, `Source: ${c.source}`, `Control: ${c.control}`].forEach(paragraph);
    }
    if (args.options.brief !== true) io.out("");
  }
  if (args.options.brief !== true) {
    io.out(
      `${claims.length} claims. Verdicts: ${STATEMENT_VERDICTS.join(", ")} — the expected one per statement is the catalogue's ` +
        "(src/claims/statements.ts); `npm run verify` observes them and fails on a difference.",
    );
    io.out(`\`npx theorem-spec run <claim> --help\` for the runnable ones (${runnableClaims().join(", ")}).`);
  }
  return 0;
}

/** `"held as refined · not reproduced as stated"`: a claim's expected verdicts, primary statement first. */
function expectedPhrase(c: (typeof CATALOG)[number]): string {
  return verdictPhrase(c.statements.map((st) => ({ key: st.key, verdict: st.expected })), primaryStatement(c).key);
}

/** Names of the options that take a value, in `specs`: to find the claim among the arguments. */
function valueOptionNames(specs: readonly OptionSpec[]): Set<string> {
  return new Set(specs.filter((s) => s.kind !== "flag").map((s) => `--${s.name}`));
}

/** The first positional argument, skipping the values of options that take one. */
function firstPositional(argv: readonly string[], specs: readonly OptionSpec[]): string | undefined {
  const takesValue = valueOptionNames(specs);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") return argv[i + 1];
    if (a.startsWith("-")) {
      if (takesValue.has(a)) i += 1;
      continue;
    }
    return a;
  }
  return undefined;
}

function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** One decision of `run`, in the verdict vocabulary of verify (on this one configuration). */
function describeRunDecision(d: RunDecision): string {
  const { decision } = d;
  if (decision.inconclusive !== undefined) return `?  ${d.label}: inconclusive — ${decision.inconclusive}`;
  if (d.expected) {
    return decision.holds
      ? `✓  ${d.label}: held on this configuration — ${decision.summary}`
      : `✗  ${d.label}: not reproduced on this configuration — ${decision.summary}`;
  }
  return decision.holds
    ? `✗  ${d.label}: inconclusive — the check passes on the control too (it cannot tell the claim from its control) — ${decision.summary}`
    : `✓  ${d.label}: fails on the control, as it must — ${decision.summary}`;
}

async function runOrExport(command: "run" | "export", argv: readonly string[], io: CliIo, env: Env): Promise<number> {
  const allSpecs = [...COMMON_RUN_OPTIONS, ...EXPORT_OPTIONS, ...FAMILY_RUNNERS.flatMap((r) => r.options)];
  const helpAsked = argv.includes("--help") || argv.includes("-h");
  const rawClaim = firstPositional(argv, allSpecs);
  if (helpAsked && rawClaim === undefined) {
    io.out(commandHelp(command));
    return 0;
  }
  const claim = resolveClaim(command, rawClaim);
  const runner = runnerFor(claim);
  if (runner === undefined) {
    const c = claimById(claim);
    throw new UsageError(
      `${command}: ${claim} (${c.family}) has no CLI runner yet — its family has not registered one in src/cli/registry.ts; ` +
        `claims with a runner: ${runnableClaims().join(", ")}. Its verdict comes from the specs: npm run verify`,
      command,
    );
  }
  const specs = [...COMMON_RUN_OPTIONS, ...(command === "export" ? EXPORT_OPTIONS : []), ...runner.options];
  const args = parseArgs(command, argv, specs);
  if (args.help) {
    io.out(commandHelp(command, runner));
    return 0;
  }
  if (args.positionals.length > 1) {
    throw new UsageError(`${command}: unexpected argument ${JSON.stringify(args.positionals[1])}; ${command} takes one claim id`, command);
  }
  const settings = commonSettings(command, args.options, env);
  const prepared = runner.prepare(claim, settings, args.options);
  // Every family's configuration, framed by the claim and by the seed and profile it was run with.
  const configuration = { claim, ...prepared.configuration, "config seed": settings.seed, profile: settings.profile.name };
  const c = claimById(claim);
  // The command that repeats this run: the arguments as given, with the seed and profile made
  // explicit when they came from the environment or the defaults.
  const explicit = [
    ...(args.options.seed === undefined ? ["--seed", String(settings.seed)] : []),
    ...(args.options.profile === undefined ? ["--profile", settings.profile.name] : []),
  ];
  const replay = `npx theorem-spec ${[command, ...argv, ...explicit].map(shellWord).join(" ")}`;
  const json = args.options.json === true;
  const dryRun = args.options["dry-run"] === true;
  const backend = dryRun ? "not started (dry run)" : (await initBackend(), activeBackend());
  if (!json) {
    io.out(`${c.id} — ${c.title} (${c.family})`);
    io.out(wrap(c.statement, TEXT_COLUMNS, "  ").join("\n"));
    io.out("");
    io.out("Configuration");
    const rows: Array<[string, string]> = [
      ...Object.entries(configuration).map(([k, v]): [string, string] => [k, typeof v === "number" ? formatNumber(v) : String(v)]),
      ["backend", backend],
    ];
    const w = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) io.out(`  ${k.padEnd(w)}  ${v}`);
    io.out("");
  }
  if (dryRun) {
    if (json) io.out(JSON.stringify({ claim, configuration: configuration, dryRun: true }, null, 2));
    else io.out("(dry run: nothing trained)");
    return 0;
  }
  const started = Date.now();
  const run = await prepared.run({ progress: progressReporter(io) });
  io.status(undefined);
  const seconds = (Date.now() - started) / 1000;
  io.err(`trained and measured in ${seconds.toFixed(1)} s`);
  if (json && command === "run") {
    io.out(JSON.stringify(toJsonValue({ claim, backend, replay, configuration: configuration, tables: run.tables, decisions: run.decisions, warnings: run.warnings }), null, 2));
    return 0;
  }
  if (!json) printRun(io, run, replay);
  if (command === "export") {
    const out = path.resolve(stringOption(args.options, "out", path.join("out", `${claim}-seed${settings.seed}.json`)));
    const snapshots = stringOption(args.options, "weights", "ends") as "ends" | "all";
    const document = {
      format: "theorem-spec export, version 1",
      claim,
      title: c.title,
      statement: c.statement,
      command: replay,
      createdAt: new Date().toISOString(),
      backend,
      profile: settings.profile.name,
      configuration,
      decisions: run.decisions,
      ...(run.exportData({ snapshots }) as object),
    };
    await fs.mkdir(path.dirname(out), { recursive: true });
    const text = JSON.stringify(toJsonValue(document));
    await fs.writeFile(out, text);
    const msg = `wrote ${path.relative(process.cwd(), out) || out} (${formatBytes(Buffer.byteLength(text))}): configuration, decisions, and the raw data of every run (its "conventions" say what is where)`;
    if (json) io.out(JSON.stringify({ claim, file: out, bytes: Buffer.byteLength(text) }));
    else io.out(msg);
  }
  return 0;
}

function printRun(io: CliIo, run: ClaimRun, replay: string): void {
  for (const t of run.tables) {
    io.out(formatTable(t).join("\n"));
    io.out("");
  }
  for (const w of run.warnings) io.out(`warning: ${w}`);
  if (run.warnings.length > 0) io.out("");
  io.out("Decision on this configuration (a claim's verdict, over several configurations, comes from npm run verify)");
  for (const d of run.decisions) {
    io.out(`  ${describeRunDecision(d)}`);
    io.out(wrap(`rule: ${d.decision.rule}`, TEXT_COLUMNS - 5, "     ").join("\n"));
  }
  if (run.decisions.length === 0) io.out("  (no decision: see the warnings)");
  io.out("");
  io.out(`Same run again: ${replay}`);
}

/** Progress lines: in place on a terminal, every quarter otherwise. */
function progressReporter(io: CliIo): (label: string, done: number, total: number) => void {
  let lastLabel = "";
  let lastQuarter = -1;
  return (label, done, total) => {
    const fraction = total > 0 ? done / total : 1;
    if (label !== lastLabel) {
      lastLabel = label;
      lastQuarter = -1;
    }
    const quarter = Math.floor(fraction * 4);
    if (io.liveStatus || quarter > lastQuarter) io.status(progressBar(fraction, label));
    lastQuarter = Math.max(lastQuarter, quarter);
  };
}

function commonSettings(command: string, options: OptionValues, env: Env): CommonSettings {
  const profileSpec = COMMON_RUN_OPTIONS[0]!;
  const seedSpec = COMMON_RUN_OPTIONS[1]!;
  const fromEnv = (spec: OptionSpec, variable: string) => {
    const raw = env[variable];
    if (raw === undefined || raw === "") return undefined;
    try {
      return parseValue(command, spec, raw);
    } catch {
      throw new UsageError(
        `${command}: ${variable}=${JSON.stringify(raw)} is not valid for --${spec.name}; expected ${expectedValue(spec)} (unset it or fix it)`,
        command,
      );
    }
  };
  const profileName = (options.profile ?? fromEnv(profileSpec, "THEOREM_SPEC_PROFILE") ?? "ci") as ProfileName;
  const seed = (options.seed ?? fromEnv(seedSpec, "THEOREM_SPEC_SEED") ?? DEFAULT_SEED) as number;
  return {
    profile: profileByName(profileName),
    seed,
    ...(typeof options.seeds === "number" ? { seeds: options.seeds } : {}),
    ...(typeof options.steps === "number" ? { steps: options.steps } : {}),
  };
}

async function reportCommand(argv: readonly string[], io: CliIo, env: Env): Promise<number> {
  const args = parseArgs("report", argv, REPORT_OPTIONS);
  if (args.help) {
    io.out(commandHelp("report"));
    return 0;
  }
  if (args.positionals.length > 0) {
    throw new UsageError(`report: unexpected argument ${JSON.stringify(args.positionals[0])}; give results directories with --results <dir>`, "report");
  }
  // Relative to the working directory, like vitest's `resultsDir: "allure-results"` from the repository root.
  const results = (args.options.results as readonly string[] | undefined) ?? ["allure-results"];
  const output = stringOption(args.options, "output", "allure-report");
  const started = Date.now();
  const built = await buildReport({ resultsDirs: results, output, stdio: "pipe", env: env as NodeJS.ProcessEnv });
  io.out(`Claims of Xu et al. 2023, verdicts at the paper's sentences (profile ${formatKeys(built.facts.profiles, "not recorded")})`);
  io.out("");
  io.out(formatSummaryTable(built.summary, { color: io.tty }));
  io.out("");
  if (built.allureExitCode !== 0 || built.reportBytes === 0) {
    io.err(`report: allure generate exited with code ${built.allureExitCode}:\n${built.allureOutput ?? ""}`);
    return 1;
  }
  io.out(`report: ${path.relative(process.cwd(), built.reportFile) || built.reportFile} (${formatBytes(built.reportBytes)}, built in ${((Date.now() - started) / 1000).toFixed(1)} s; one file, opens offline)`);
  return verifyExitCode(built.summary, 0);
}

/**
 * Runs the CLI on `argv` (without node and script). Never throws: usage errors print their
 * message and the command's help pointer (exit 2); other errors print their message (exit 1).
 * @example await runCli(["list", "--brief"], captureIo()) // 0
 */
export async function runCli(argv: readonly string[], io: CliIo, env: Env = process.env): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === "--help" || first === "-h") {
      io.out(usage());
      return first === undefined ? 2 : 0;
    }
    if (first === "--version") {
      const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
      io.out(pkg.version);
      return 0;
    }
    switch (first) {
      case "list":
        return listCommand(rest, io);
      case "run":
      case "export":
        return await runOrExport(first, rest, io, env);
      case "report":
        return await reportCommand(rest, io, env);
      case "diff":
        return await diffCommand(rest, io);
      case "help": {
        const topic = rest[0];
        if (topic === undefined) io.out(usage());
        else if ((COMMANDS as readonly string[]).includes(topic)) io.out(commandHelp(topic as Command));
        else throw new UsageError(`help: unknown command ${JSON.stringify(topic)}; commands: ${COMMANDS.join(", ")}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(first)}; commands: ${COMMANDS.join(", ")}`);
    }
  } catch (error) {
    io.status(undefined);
    if (error instanceof UsageError) {
      io.err(`theorem-spec ${error.message}`);
      io.err(`Run \`npx theorem-spec ${error.command === undefined ? "" : `${error.command} `}--help\` for usage.`);
      return 2;
    }
    io.err(`theorem-spec: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

