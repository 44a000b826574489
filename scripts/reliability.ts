/**
 * `npm run reliability:flake` / `npm run reliability:mutants` — the reliability figures of
 * docs/reliability.md (issues #8, #18):
 *
 *   flake   [--streams N] [--jobs J] [--only family,family] [--fresh]
 *           the CI profile of each claim family (one spec file) over N independent seed streams
 *           (default 50); per claim, how often a test failed, with a 95 % interval. One record per
 *           family, fixtures/reliability/flake/<family>.json, with the family's fingerprint
 *           (src/reliability/familyFingerprint.ts): only families whose record is stale (another
 *           fingerprint: archived to flake/archive/<family>-<commit>.json) or has fewer than N
 *           streams run, and each stream's child vitest gets only their spec files. Written after
 *           every stream, so an interrupted run resumes. --fresh archives the selected families'
 *           records and starts them over.
 *   status                                       each family's fingerprint and the state of its record.
 *   migrate --at <commit> [--record <file>]      splits a record of every family (default
 *           fixtures/reliability/flake.json) into per-family records, with the families'
 *           fingerprints computed on a temporary worktree of <commit> (the commit it ran at).
 *   mutants [--only id,id] [--jobs J]            every claim spec against each mutant
 *           (src/implementation/mutants.ts); prints the kill matrix; fixtures/reliability/kill-matrix.json.
 *           Exit 1 when a mutant survives; a mutant killed only inconclusively (every failing
 *           claim test left the regime) is listed as a warning, without failing.
 *   benign  [--only id,id] [--jobs J]            every claim spec through each benign variant
 *           (src/reliability/benignVariants.ts: correct implementations that must pass); prints the
 *           variant × claim matrix; fixtures/reliability/benign-matrix.json. Exit 1 on a false kill.
 *   doc                                          rewrites docs/reliability.md's tables from the JSON.
 *
 * J concurrent vitest processes of one worker each (default: the number of cores). Runs write
 * nothing to allure-results/ (vitest's JSON reporter only).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { MUTANTS, mutantById } from "../src/implementation/mutants.ts";
import { DEFAULT_SEED } from "../src/profile.ts";
import { flakeRates } from "../src/reliability/flakeRates.ts";
import { allBenignPassed, benignMatrix, benignMatrixMarkdown } from "../src/reliability/benignMatrix.ts";
import { BENIGN_VARIANTS, benignTrainerValue, benignVariantById } from "../src/reliability/benignVariants.ts";
import { claimFamilies } from "../src/reliability/claimFamilies.ts";
import { familyCommit } from "../src/reliability/familyCommit.ts";
import { archiveFamilyFlakeRecord, readArchivedFamilyFlakeRecords, readFamilyFlakeRecords, writeFamilyFlakeRecord, FAMILY_FLAKE_DIR } from "../src/reliability/familyFlakeFiles.ts";
import type { FamilyFingerprint } from "../src/reliability/familyFingerprint.ts";
import { familyFlakeRates } from "../src/reliability/familyFlakeRates.ts";
import { flakePlan, streamRuns } from "../src/reliability/flakePlan.ts";
import { inconclusiveOnlyKills, killMatrix, notRobustlyKilled, survivors } from "../src/reliability/killMatrix.ts";
import type { BenignMatrixRecord, BenignRecord, FamilyFlakeRecord, FlakeRecord, KillMatrixRecord, MutantRecord, RunProvenance, StreamRecord } from "../src/reliability/records.ts";
import { familyFlakeMarkdown, flakeMarkdown, killMatrixMarkdown, replaceSection } from "../src/reliability/reliabilityTables.ts";
import { splitFlakeRecord, type FamilyToSplit } from "../src/reliability/splitFlakeRecord.ts";
import { runClaimSpecs, stopSpecRuns } from "../src/reliability/runClaimSpecs.ts";
import { rulesFingerprint } from "../src/reliability/rulesFingerprint.ts";
import { streamSeed } from "../src/reliability/streamSeed.ts";
import { claimOfTitle, claimVerdicts } from "../src/reliability/testOutcomes.ts";
import type { ClaimId } from "../src/claims/catalog.ts";
import { expectedBackend, gitCommit } from "../src/report/runEnvironment.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
/** The record of every family at once, before per-family records (`migrate` splits it). */
const LEGACY_FLAKE_FILE = path.join(ROOT, "fixtures/reliability/flake.json");
const MATRIX_FILE = path.join(ROOT, "fixtures/reliability/kill-matrix.json");
const BENIGN_FILE = path.join(ROOT, "fixtures/reliability/benign-matrix.json");
const DOC_FILE = path.join(ROOT, "docs/reliability.md");
const USAGE = `usage: npm run reliability:flake [-- --streams 50 --jobs 2 --only neural-collapse,low-rank --fresh]
       npx tsx scripts/reliability.ts status
       npx tsx scripts/reliability.ts migrate --at 5ef5902 [--record fixtures/reliability/flake.json]
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
  doc = replaceSection(doc, "flake", familyFlakeMarkdown(familyFlakeRates(readFamilyFlakeRecords(ROOT), claimFamilies(ROOT))));
  const dir = path.dirname(LEGACY_FLAKE_FILE);
  const archived = readdirSync(dir)
    .filter((f) => /^flake-.+\.json$/.test(f))
    .sort()
    .map((f) => ({ file: `fixtures/reliability/${f}`, text: flakeMarkdown(readJson<FlakeRecord>(path.join(dir, f))!), commit: readJson<FlakeRecord>(path.join(dir, f))!.commit }));
  const familyArchived = readArchivedFamilyFlakeRecords(ROOT).map(({ file, record }) => ({
    file,
    commit: record.commit,
    text: familyFlakeMarkdown(familyFlakeRates([record], claimFamilies(ROOT).filter((f) => f.family === record.family))),
  }));
  const all = [...familyArchived, ...archived];
  if (all.length > 0 && doc.includes("<!-- begin:flake-archive -->")) {
    doc = replaceSection(doc, "flake-archive", all.map(({ file, commit, text }) => `#### \`${file}\` (commit ${commit})\n\n${text}`).join("\n\n"));
  }
  const matrix = readJson<KillMatrixRecord>(MATRIX_FILE);
  if (matrix !== undefined) doc = replaceSection(doc, "kill-matrix", killMatrixMarkdown(matrix));
  const benign = readJson<BenignMatrixRecord>(BENIGN_FILE);
  if (benign !== undefined && doc.includes("<!-- begin:benign-matrix -->")) doc = replaceSection(doc, "benign-matrix", benignMatrixMarkdown(benign));
  writeFileSync(DOC_FILE, doc);
  console.log(`reliability: ${path.relative(process.cwd(), DOC_FILE)} updated`);
}

/** The families named by `--only` (all without it). @throws naming the known families. */
function selectFamilies(args: readonly string[]): FamilyFingerprint[] {
  const families = claimFamilies(ROOT);
  const only = option(args, "only");
  if (only === undefined) return families;
  return only.split(",").map((name) => {
    const f = families.find((x) => x.family === name.trim());
    if (f === undefined) throw new Error(`--only: no claim family ${JSON.stringify(name.trim())}; expected one of ${families.map((x) => x.family).join(", ")}`);
    return f;
  });
}

function status(): void {
  const records = readFamilyFlakeRecords(ROOT);
  for (const s of familyFlakeRates(records, claimFamilies(ROOT))) {
    const r = s.record;
    const what = r === undefined ? "no record" : `${r.streams.length} streams at ${r.commit} (${r.generated.slice(0, 10)})${s.state === "stale" ? `, recorded fingerprint ${r.fingerprint}` : ""}`;
    console.log(`${s.family.padEnd(22)} ${s.currentFingerprint ?? "(not in the tree)"}  ${s.state.padEnd(7)} ${what}`);
  }
}

async function flake(args: readonly string[]): Promise<void> {
  const count = positiveInt(args, "streams", 50);
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const families = selectFamilies(args);
  if (existsSync(LEGACY_FLAKE_FILE)) throw new Error(`${path.relative(ROOT, LEGACY_FLAKE_FILE)} is a record of every family at once; split it first with \`npx tsx scripts/reliability.ts migrate --at <its commit>\``);
  if (args.includes("--fresh")) {
    for (const f of families) {
      const archive = archiveFamilyFlakeRecord(ROOT, f.family);
      if (archive !== undefined) console.log(`reliability:flake: --fresh: ${f.family}'s record kept as ${archive}`);
    }
  }
  const plan = flakePlan(families, readFamilyFlakeRecords(ROOT), count);
  const records = new Map<string, FamilyFlakeRecord>();
  for (const p of plan) {
    const recorded = readFamilyFlakeRecords(ROOT).find((r) => r.family === p.family);
    if (p.state === "stale") {
      const archive = archiveFamilyFlakeRecord(ROOT, p.family);
      console.log(`reliability:flake: ${p.family}: the recorded streams ran other code (fingerprint ${recorded!.fingerprint}, now ${p.fingerprint}; commit ${recorded!.commit}); kept as ${archive}, starting over`);
    } else if (p.state === "current") records.set(p.family, recorded!);
    console.log(`reliability:flake: ${p.family}: ${p.todo.length === 0 ? `current, ${p.recorded} streams — nothing to run` : `${p.todo.length} of ${count} streams to run (${p.recorded} recorded, ${p.state})`}`);
  }
  const runs = streamRuns(plan);
  console.log(`reliability:flake: ${runs.length} child runs, ${jobs} at a time, CI profile`);
  const started = Date.now();
  let done = 0;
  await pool(runs, jobs, async ({ stream: k, specFiles }) => {
    const seed = streamSeed(k);
    const run = await runClaimSpecs({ root: ROOT, files: specFiles, env: { ...BASE_ENV, THEOREM_SPEC_SEED: String(seed), THEOREM_SPEC_FC_SEED: String(seed) } });
    const said: string[] = [];
    for (const specFile of specFiles) {
      const family = families.find((f) => f.specFile === specFile)!;
      const result = run.byFile.find((f) => f.file === specFile);
      if (result === undefined) throw new Error(`stream ${k}: vitest reported no result for ${specFile} (files reported: ${run.byFile.map((f) => f.file).join(", ") || "none"})`);
      const failures = result.outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive");
      const entry: StreamRecord = { stream: k, seed, seconds: Math.round(result.seconds ?? run.seconds), tests: result.outcomes.length, verdicts: claimVerdicts(result.outcomes), failures };
      const before = records.get(family.family);
      const streams = [...(before?.streams ?? []).filter((s) => s.stream !== k), entry].sort((a, b) => a.stream - b.stream);
      const record: FamilyFlakeRecord = {
        family: family.family,
        specFile,
        fingerprint: family.fingerprint,
        commit: familyCommit(ROOT, family.files),
        generated: new Date().toISOString(),
        backend: expectedBackend(),
        profile: "ci",
        node: process.versions.node,
        streams,
        // A resumed migrated record keeps saying where its first streams came from.
        ...(before?.migratedFrom === undefined ? {} : { migratedFrom: before.migratedFrom }),
      };
      records.set(family.family, record);
      writeFamilyFlakeRecord(ROOT, record);
      said.push(`${family.family} ${failures.length === 0 ? "passed" : failures.map((f) => `${f.claim}${f.control ? " (control)" : ""} ${f.outcome}`).join(", ")}`);
    }
    done++;
    const eta = ((Date.now() - started) / 1000 / done) * (runs.length - done);
    console.log(`stream ${k} (seed ${seed}): ${said.join("; ")} — ${minutes(run.seconds)}; ${done}/${runs.length} done, about ${minutes(eta)} left`);
  });
  console.log("");
  for (const s of familyFlakeRates(readFamilyFlakeRecords(ROOT), claimFamilies(ROOT))) {
    for (const r of s.rates) {
      console.log(`${r.claim.padEnd(9)} ${s.family.padEnd(22)} ${r.claimFailures}/${r.streams} claim-test failures (95 % CI ${(100 * r.interval[0]).toFixed(1)}–${(100 * r.interval[1]).toFixed(1)} %), ${r.controlFailures} control-test failures${s.state === "current" ? "" : ` [${s.state}]`}`);
    }
  }
  updateDoc();
}

/** The claim tests of each claim spec file of `root`, as `vitest list` collects them (no test runs). */
function listClaimTests(root: string, files: readonly string[]): Map<string, ClaimId[]> {
  const out = path.join(tmpdir(), `theorem-spec-list-${process.pid}.json`);
  const r = spawnSync("npx", ["vitest", "list", "--project", "claims", `--json=${out}`, ...files], { cwd: root, encoding: "utf8", env: { ...process.env, THEOREM_SPEC_PROFILE: "ci" } });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vitest list failed in ${root} (exit ${r.status}): ${(r.stderr ?? "").slice(-2000)}`);
  const listed = JSON.parse(readFileSync(out, "utf8")) as Array<{ name: string; file: string }>;
  rmSync(out, { force: true });
  const byFile = new Map<string, ClaimId[]>(files.map((f) => [f, []]));
  for (const t of listed) {
    const claim = t.name.split(" > ").map((part) => claimOfTitle(part)).find((c) => c !== undefined);
    if (claim === undefined) continue;
    byFile.get(path.relative(root, t.file).split(path.sep).join("/"))?.push(claim);
  }
  return byFile;
}

function migrate(args: readonly string[]): void {
  const at = option(args, "at");
  if (at === undefined) throw new Error(`migrate needs --at <the commit the record ran at>\n${USAGE}`);
  const file = path.resolve(ROOT, option(args, "record") ?? path.relative(ROOT, LEGACY_FLAKE_FILE));
  const legacy = readJson<FlakeRecord>(file);
  if (legacy === undefined) throw new Error(`migrate: ${file} does not exist`);
  if (!legacy.commit.startsWith(at) && !at.startsWith(legacy.commit.replace(/\+dirty$/, ""))) throw new Error(`migrate: ${path.relative(ROOT, file)} ran at ${legacy.commit}, not ${at}`);
  const tree = path.join(tmpdir(), `theorem-spec-fp-${at.replace(/\W/g, "")}`);
  const git = (a: string[]) => {
    const r = spawnSync("git", a, { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${a.join(" ")} failed: ${r.stderr}`);
  };
  git(["worktree", "add", "--detach", tree, at]);
  let families: FamilyToSplit[];
  try {
    symlinkSync(path.join(ROOT, "node_modules"), path.join(tree, "node_modules"));
    const fingerprints = claimFamilies(tree);
    const claims = listClaimTests(tree, fingerprints.map((f) => f.specFile));
    families = fingerprints.map((f) => ({ family: f.family, specFile: f.specFile, fingerprint: f.fingerprint, claims: [...new Set(claims.get(f.specFile) ?? [])], tests: (claims.get(f.specFile) ?? []).length }));
  } finally {
    rmSync(path.join(tree, "node_modules"), { force: true });
    git(["worktree", "remove", "--force", tree]);
  }
  const split = splitFlakeRecord(legacy, families, path.relative(ROOT, file));
  for (const record of split) {
    if (readFamilyFlakeRecords(ROOT).some((r) => r.family === record.family)) throw new Error(`migrate: ${FAMILY_FLAKE_DIR}/${record.family}.json exists already; move it away first`);
  }
  for (const record of split) {
    writeFamilyFlakeRecord(ROOT, record);
    console.log(`migrate: ${record.family} (${record.specFile}): fingerprint at ${at} ${record.fingerprint}, ${record.streams.length} streams, claims ${families.find((f) => f.family === record.family)!.claims.join(", ")}`);
  }
  rmSync(file);
  console.log(`migrate: ${path.relative(ROOT, file)} split into ${split.length} family records and removed (it stays in git history)`);
  status();
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
    const [row] = killMatrix(records.filter((r) => r.mutant === m.id));
    const what = row === undefined || row.killedBy.length === 0 ? "SURVIVED" : `killed by ${row.robustlyKilledBy.join(", ") || "none robustly"}${row.inconclusiveOnly.length === 0 ? "" : `; inconclusive only: ${row.inconclusiveOnly.join(", ")}`}`;
    console.log(`${m.id}: ${what} — ${minutes(run.seconds)}`);
  });
  const record = readJson<KillMatrixRecord>(MATRIX_FILE)!;
  console.log(`\n${killMatrixMarkdown(record)}\n`);
  updateDoc();
  const rows = killMatrix(record.mutants);
  const weak = notRobustlyKilled(rows);
  const cells = inconclusiveOnlyKills(rows);
  if (cells.length > 0) console.warn(`reliability:mutants: warning — kills by runs that left the regime only (not robust): ${cells.map((c) => `${c.mutant} × ${c.claim}`).join(", ")}`);
  if (weak.length > 0) console.warn(`reliability:mutants: warning — not robustly killed (every kill inconclusive): ${weak.join(", ")}; not an error (exit 1 is for survivors only), but no check decided against these mutants`);
  const left = survivors(rows);
  if (left.length > 0) {
    console.error(`reliability:mutants: survivors (no claim failed): ${left.join(", ")}`);
    process.exitCode = 1;
  }
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
  else if (command === "status") status();
  else if (command === "migrate") migrate(rest);
  else if (command === "mutants") await mutants(rest);
  else if (command === "benign") await benign(rest);
  else if (command === "doc") updateDoc();
  else {
    console.error(`reliability: unknown command ${JSON.stringify(command ?? "")}; expected flake, status, migrate, mutants, benign or doc\n${USAGE}`);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`reliability: ${(error as Error).message}`);
  process.exitCode = 1;
}
