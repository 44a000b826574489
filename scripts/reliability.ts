/**
 * `npm run reliability:flake` / `npm run reliability:mutants` — the reliability figures of
 * docs/reliability.md (issue #8):
 *
 *   flake   [--streams N] [--jobs J] [--fresh]   the CI profile of every claim spec over N
 *           independent seed streams (default 50); per claim, how often a test failed, with a
 *           95 % interval. Resumes from fixtures/reliability/flake.json unless --fresh.
 *   mutants [--only id,id] [--jobs J]            every claim spec against each mutant
 *           (src/implementation/mutants.ts); prints the kill matrix; fixtures/reliability/kill-matrix.json.
 *   benign  [--only id,id] [--jobs J]            every claim spec through each benign variant
 *           (src/reliability/benignVariants.ts: correct implementations that must pass); prints the
 *           variant × claim matrix; fixtures/reliability/benign-matrix.json. Exit 1 on a false kill.
 *   doc                                          rewrites docs/reliability.md's tables from the JSON.
 *
 * J concurrent vitest processes of one worker each (default: the number of cores). Runs write
 * nothing to allure-results/ (vitest's JSON reporter only).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { MUTANTS, mutantById } from "../src/implementation/mutants.ts";
import { DEFAULT_SEED } from "../src/profile.ts";
import { flakeRates } from "../src/reliability/flakeRates.ts";
import { allBenignPassed, benignMatrix, benignMatrixMarkdown } from "../src/reliability/benignMatrix.ts";
import { BENIGN_VARIANTS, benignTrainerValue, benignVariantById } from "../src/reliability/benignVariants.ts";
import { killMatrix, survivors } from "../src/reliability/killMatrix.ts";
import type { BenignMatrixRecord, BenignRecord, FlakeRecord, KillMatrixRecord, MutantRecord, RunProvenance, StreamRecord } from "../src/reliability/records.ts";
import { flakeMarkdown, killMatrixMarkdown, replaceSection } from "../src/reliability/reliabilityTables.ts";
import { runClaimSpecs, stopSpecRuns } from "../src/reliability/runClaimSpecs.ts";
import { rulesFingerprint } from "../src/reliability/rulesFingerprint.ts";
import { streamSeed } from "../src/reliability/streamSeed.ts";
import { claimVerdicts } from "../src/reliability/testOutcomes.ts";
import { expectedBackend, gitCommit } from "../src/report/runEnvironment.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const FLAKE_FILE = path.join(ROOT, "fixtures/reliability/flake.json");
const MATRIX_FILE = path.join(ROOT, "fixtures/reliability/kill-matrix.json");
const BENIGN_FILE = path.join(ROOT, "fixtures/reliability/benign-matrix.json");
const DOC_FILE = path.join(ROOT, "docs/reliability.md");
const USAGE = `usage: npm run reliability:flake [-- --streams 50 --jobs 2 --fresh]
       npm run reliability:mutants [-- --only wd-dropped,rank-sigma-max --jobs 2]
       npm run reliability:benign [-- --only pytorch-wn-reparametrised --jobs 1]
       npx tsx scripts/reliability.ts doc`;

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value\n${USAGE}`);
  return value;
}

function positiveInt(args: readonly string[], name: string, fallback: number): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} ${raw} is not valid; expected an integer ≥ 1\n${USAGE}`);
  return n;
}

/** What the measurements write; changes to these do not make the measured tree "dirty". */
const OUTPUTS = ["fixtures/reliability", "docs/reliability.md"];

function provenance(): RunProvenance {
  return { generated: new Date().toISOString(), backend: expectedBackend(), profile: "ci", commit: gitCommit(ROOT, OUTPUTS) ?? "unknown", node: process.versions.node, rules: rulesFingerprint(ROOT) };
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

function minutes(seconds: number): string {
  return seconds < 90 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`;
}

/** Runs `jobs` tasks at a time, in order of `items`. */
async function pool<T>(items: readonly T[], jobs: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

const BASE_ENV = { THEOREM_SPEC_PROFILE: "ci", THEOREM_SPEC_FC_PATH: undefined, THEOREM_SPEC_MUTANT: undefined };

function updateDoc(): void {
  if (!existsSync(DOC_FILE)) return;
  let doc = readFileSync(DOC_FILE, "utf8");
  const flake = readJson<FlakeRecord>(FLAKE_FILE);
  const matrix = readJson<KillMatrixRecord>(MATRIX_FILE);
  if (flake !== undefined) doc = replaceSection(doc, "flake", flakeMarkdown(flake));
  const archived = readdirSync(path.dirname(FLAKE_FILE))
    .filter((f) => /^flake-.+\.json$/.test(f))
    .sort()
    .map((f) => ({ file: f, record: readJson<FlakeRecord>(path.join(path.dirname(FLAKE_FILE), f))! }));
  if (archived.length > 0 && doc.includes("<!-- begin:flake-archive -->")) {
    doc = replaceSection(doc, "flake-archive", archived.map(({ file, record }) => `#### \`fixtures/reliability/${file}\` (commit ${record.commit})\n\n${flakeMarkdown(record)}`).join("\n\n"));
  }
  if (matrix !== undefined) doc = replaceSection(doc, "kill-matrix", killMatrixMarkdown(matrix));
  const benign = readJson<BenignMatrixRecord>(BENIGN_FILE);
  if (benign !== undefined && doc.includes("<!-- begin:benign-matrix -->")) doc = replaceSection(doc, "benign-matrix", benignMatrixMarkdown(benign));
  writeFileSync(DOC_FILE, doc);
  console.log(`reliability: ${path.relative(process.cwd(), DOC_FILE)} updated`);
}

async function flake(args: readonly string[]): Promise<void> {
  const count = positiveInt(args, "streams", 50);
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const recorded = args.includes("--fresh") ? undefined : readJson<FlakeRecord>(FLAKE_FILE);
  const previous = recorded !== undefined && recorded.rules !== rulesFingerprint(ROOT) ? undefined : recorded;
  if (recorded !== undefined && previous === undefined) {
    const archive = FLAKE_FILE.replace(/\.json$/, `-${recorded.commit.replace(/\W/g, "")}.json`);
    renameSync(FLAKE_FILE, archive);
    console.log(`reliability:flake: the recorded streams ran other rules (commit ${recorded.commit}); kept as ${path.relative(ROOT, archive)}, starting over`);
  }
  const streams: StreamRecord[] = [...(previous?.streams ?? [])];
  const todo = Array.from({ length: count }, (_, k) => k).filter((k) => !streams.some((s) => s.stream === k));
  console.log(`reliability:flake: ${todo.length} of ${count} streams to run (${streams.length} recorded), ${jobs} at a time, CI profile`);
  const started = Date.now();
  let done = 0;
  await pool(todo, jobs, async (k) => {
    const seed = streamSeed(k);
    const run = await runClaimSpecs({ root: ROOT, env: { ...BASE_ENV, THEOREM_SPEC_SEED: String(seed), THEOREM_SPEC_FC_SEED: String(seed) } });
    const failures = run.outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive");
    streams.push({ stream: k, seed, seconds: Math.round(run.seconds), tests: run.outcomes.length, verdicts: claimVerdicts(run.outcomes), failures });
    streams.sort((a, b) => a.stream - b.stream);
    writeJson(FLAKE_FILE, { ...provenance(), streams } satisfies FlakeRecord);
    done++;
    const eta = ((Date.now() - started) / 1000 / done) * (todo.length - done);
    const what = failures.length === 0 ? "all passed" : failures.map((f) => `${f.claim}${f.control ? " (control)" : ""} ${f.outcome}`).join(", ");
    console.log(`stream ${k} (seed ${seed}): ${run.outcomes.length} tests, ${what} — ${minutes(run.seconds)}; ${done}/${todo.length} done, about ${minutes(eta)} left`);
  });
  const record = readJson<FlakeRecord>(FLAKE_FILE)!;
  console.log("");
  for (const r of flakeRates(record.streams)) {
    console.log(`${r.claim.padEnd(9)} ${r.claimFailures}/${r.streams} claim-test failures (95 % CI ${(100 * r.interval[0]).toFixed(1)}–${(100 * r.interval[1]).toFixed(1)} %), ${r.controlFailures} control-test failures`);
  }
  updateDoc();
}

async function mutants(args: readonly string[]): Promise<void> {
  const only = option(args, "only");
  const selected = only === undefined ? MUTANTS : only.split(",").map((id) => mutantById(id.trim()));
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const previous = readJson<KillMatrixRecord>(MATRIX_FILE);
  const records: MutantRecord[] = (previous?.mutants ?? []).filter((r) => !selected.some((m) => m.id === r.mutant));
  console.log(`reliability:mutants: ${selected.length} mutants, ${jobs} at a time, CI profile, seed ${DEFAULT_SEED}`);
  await pool(selected, jobs, async (m) => {
    const run = await runClaimSpecs({ root: ROOT, env: { ...BASE_ENV, THEOREM_SPEC_SEED: String(DEFAULT_SEED), THEOREM_SPEC_FC_SEED: String(DEFAULT_SEED), THEOREM_SPEC_MUTANT: m.id } });
    const verdicts = claimVerdicts(run.outcomes);
    records.push({ mutant: m.id, seconds: Math.round(run.seconds), tests: run.outcomes.length, verdicts, failures: run.outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive") });
    records.sort((a, b) => MUTANTS.findIndex((x) => x.id === a.mutant) - MUTANTS.findIndex((x) => x.id === b.mutant));
    writeJson(MATRIX_FILE, { ...provenance(), seed: DEFAULT_SEED, mutants: records } satisfies KillMatrixRecord);
    const killers = verdicts.filter((v) => !v.claimPassed).map((v) => v.claim);
    console.log(`${m.id}: ${killers.length === 0 ? "SURVIVED" : `killed by ${killers.join(", ")}`} — ${minutes(run.seconds)}`);
  });
  const record = readJson<KillMatrixRecord>(MATRIX_FILE)!;
  console.log(`\n${killMatrixMarkdown(record)}\n`);
  updateDoc();
  const left = survivors(killMatrix(record.mutants));
  if (left.length > 0) process.exitCode = 1;
}

async function benign(args: readonly string[]): Promise<void> {
  const only = option(args, "only");
  const selected = only === undefined ? BENIGN_VARIANTS : only.split(",").map((id) => benignVariantById(id.trim()));
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const previous = readJson<BenignMatrixRecord>(BENIGN_FILE);
  const records: BenignRecord[] = (previous?.variants ?? []).filter((r) => !selected.some((v) => v.id === r.variant));
  const variantList = BENIGN_VARIANTS.map(({ id, description, flags, whyCorrect }) => ({ id, description, flags, whyCorrect }));
  const save = () => writeJson(BENIGN_FILE, { ...provenance(), seed: DEFAULT_SEED, variantList, variants: records } satisfies BenignMatrixRecord);
  console.log(`reliability:benign: ${selected.length} variants, ${jobs} at a time, CI profile, seed ${DEFAULT_SEED}`);
  await pool(selected, jobs, async (v) => {
    const trainer = benignTrainerValue(v);
    const env = { ...BASE_ENV, THEOREM_SPEC_SEED: String(DEFAULT_SEED), THEOREM_SPEC_FC_SEED: String(DEFAULT_SEED), THEOREM_SPEC_TRAINER: trainer, THEOREM_SPEC_TRAINER_MODE: "free" };
    const started = Date.now();
    let record: BenignRecord;
    try {
      const run = await runClaimSpecs({ root: ROOT, env });
      record = { variant: v.id, trainer, commit: provenance().commit, seconds: Math.round(run.seconds), tests: run.outcomes.length, verdicts: claimVerdicts(run.outcomes), failures: run.outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive") };
    } catch (error) {
      record = { variant: v.id, trainer, commit: provenance().commit, seconds: Math.round((Date.now() - started) / 1000), tests: 0, verdicts: [], failures: [], error: (error as Error).message.slice(0, 2000) };
    }
    records.push(record);
    records.sort((a, b) => BENIGN_VARIANTS.findIndex((x) => x.id === a.variant) - BENIGN_VARIANTS.findIndex((x) => x.id === b.variant));
    save();
    const [row] = benignMatrix([record]);
    const what = row!.error !== undefined ? `ERROR ${row!.error.split("\n")[0]}` : row!.falseKills.length === 0 ? "every claim passed" : `FALSE KILLS: ${row!.falseKills.join(", ")}`;
    console.log(`${v.id}: ${what}${row!.controlsBroken.length > 0 ? `; controls broken: ${row!.controlsBroken.join(", ")}` : ""} — ${minutes(record.seconds)}`);
  });
  const record = readJson<BenignMatrixRecord>(BENIGN_FILE)!;
  console.log(`\n${benignMatrixMarkdown(record)}\n`);
  updateDoc();
  if (!allBenignPassed(benignMatrix(record.variants))) process.exitCode = 1;
}

// An interrupted measurement stops its child vitest runs (and their workers) with it.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    stopSpecRuns();
    process.exit(code);
  });
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "flake") await flake(rest);
  else if (command === "mutants") await mutants(rest);
  else if (command === "benign") await benign(rest);
  else if (command === "doc") updateDoc();
  else {
    console.error(`reliability: unknown command ${JSON.stringify(command ?? "")}; expected flake, mutants, benign or doc\n${USAGE}`);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`reliability: ${(error as Error).message}`);
  process.exitCode = 1;
}
