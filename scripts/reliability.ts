/**
 * `npm run reliability:flake` / `npm run reliability:mutants` — the reliability figures of
 * docs/reliability.md (issues #8, #18):
 *
 *   flake   [--streams N] [--jobs J] [--only family,family] [--fresh] [--batched K] [--window MS]
 *           the CI profile of each claim family (one spec file) over N independent seed streams
 *           (default 50); per claim, how often a test failed, with a 95 % interval. One record per
 *           family, fixtures/reliability/flake/<family>.json, with the family's fingerprint
 *           (src/reliability/familyFingerprint.ts): only families whose record is stale (another
 *           fingerprint: archived to flake/archive/<family>-<commit>.json) or has fewer than N
 *           streams run, and each stream's child vitest gets only their spec files. Written after
 *           every stream, so an interrupted run resumes. --fresh archives the selected families'
 *           records and starts them over. --batched K: K streams at a time, their training requests
 *           coalesced by one server (src/reliability/coalescingServer.ts) training with J processes
 *           of the reference trainer; the same numbers as unbatched (docs/reliability.md, "Running streams").
 *   batch-check [--streams N] [--batched K] [--jobs J] [--only family,family]
 *           streams 0 … N−1 (default 3) of the selected families run unbatched and batched, with
 *           Allure results, compared test by test as carry compares (every attachment byte for
 *           byte); prints both wall times. Exit 1 on a difference.
 *   carry   [--only family,family] [--check K] [--jobs J] [--check-current] [--accept-literals]
 *           carries each stale family record forward across a behaviour-preserving change instead
 *           of re-measuring it: the family's spec file re-run for the record's first K streams
 *           (default 3) on temporary worktrees of the record's commit and of HEAD, the normalised
 *           Allure results compared test by test (status, parameters, every attachment byte for
 *           byte), and the numeric literals of the family's code as a set; when all agree the record
 *           gets HEAD's fingerprint and commit and a `carriedForward` entry, else it stays stale
 *           and the first differences are printed (--accept-literals: changed literals recorded, not blocking).
 *           --check-current checks current records too (never re-stamps them). Exit 1 on a difference.
 *   status                                       each family's fingerprint and the state of its record.
 *   migrate --at <commit> [--record <file>]      splits a record of every family (default
 *           fixtures/reliability/flake.json) into per-family records, with the families'
 *           fingerprints computed on a temporary worktree of <commit> (the commit it ran at).
 *   mutants [--only id,id] [--jobs J]            every claim spec against each mutant
 *           (src/implementation/mutants.ts); prints the kill matrix; fixtures/reliability/kill-matrix.json.
 *           Exit 1 when a mutant survives; a mutant killed only inconclusively (every failing
 *           claim test left the regime) is listed as a warning, without failing.
 *   benign  [--only id,id] [--jobs J]            every claim spec through each variant of the benign
 *           matrix (src/reliability/matrixVariants.ts: correct implementations, which must pass every
 *           claim, and implementations outside the conventions, which named claims must reject);
 *           prints the variant × claim matrix; fixtures/reliability/benign-matrix.json. Exit 1 on a
 *           defect (benignMatrixDefects.ts): a false kill, a broken control of a benign variant, a
 *           run error, or a required rejection missing.
 *   doc                                          rewrites docs/reliability.md's tables from the JSON.
 *
 * J concurrent vitest processes of one worker each (default: the number of cores). Runs write
 * nothing to allure-results/ (vitest's JSON reporter only).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { MUTANTS, mutantById } from "../src/implementation/mutants.ts";
import { DEFAULT_SEED } from "../src/profile.ts";
import { flakeRates } from "../src/reliability/flakeRates.ts";
import { benignMatrix } from "../src/reliability/benignMatrix.ts";
import { benignMatrixDefects } from "../src/reliability/benignMatrixDefects.ts";
import { benignMatrixMarkdown, benignRowSummary } from "../src/reliability/benignMatrixMarkdown.ts";
import { MATRIX_VARIANTS, matrixVariantById, recordedVariant } from "../src/reliability/matrixVariants.ts";
import { variantTrainerValue } from "../src/reliability/trainerVariant.ts";
import { carriedForwardRecord, carryNote, carrySourceCommit, assertCommitted, DEFAULT_CHECKED_STREAMS, streamsToCheck } from "../src/reliability/carryForward.ts";
import { claimFamilies } from "../src/reliability/claimFamilies.ts";
import { compareAllureRuns, type RunDifference } from "../src/reliability/compareAllureRuns.ts";
import { familyCommit } from "../src/reliability/familyCommit.ts";
import { archiveFamilyFlakeRecord, readArchivedFamilyFlakeRecords, readFamilyFlakeRecords, writeFamilyFlakeRecord, FAMILY_FLAKE_DIR } from "../src/reliability/familyFlakeFiles.ts";
import { familyFingerprint, type FamilyFingerprint } from "../src/reliability/familyFingerprint.ts";
import { familyFlakeRates } from "../src/reliability/familyFlakeRates.ts";
import { familyRecordState, flakePlan, streamRuns } from "../src/reliability/flakePlan.ts";
import { batchedWaves } from "../src/reliability/batchedPlan.ts";
import { addWorktree, changedBetween, headCommit, removeAllWorktrees, removeWorktree, resolveCommit, uncommittedFiles } from "../src/reliability/gitWorktrees.ts";
import { readAllureRun, type NormalisedRun } from "../src/reliability/normaliseAllureResults.ts";
import { literalChanges, numericLiterals } from "../src/reliability/numericLiterals.ts";
import { runSpecWithAllure } from "../src/reliability/runSpecWithAllure.ts";
import { inconclusiveOnlyKills, killMatrix, notRobustlyKilled, survivors } from "../src/reliability/killMatrix.ts";
import type { BenignMatrixRecord, BenignRecord, FamilyFlakeRecord, FlakeRecord, KillMatrixRecord, MutantRecord, RunProvenance, StreamRecord } from "../src/reliability/records.ts";
import { familyFlakeMarkdown, flakeMarkdown, killMatrixMarkdown, replaceSection } from "../src/reliability/reliabilityTables.ts";
import { splitFlakeRecord, type FamilyToSplit } from "../src/reliability/splitFlakeRecord.ts";
import { childEnv, claimSpecFiles, runClaimSpecs, spawnVitest, stopSpecRuns } from "../src/reliability/runClaimSpecs.ts";
import { startCoalescingServer, type CoalescingServer, type CoalescingStats } from "../src/reliability/coalescingServer.ts";
import { COALESCE_SOCKET_ENV } from "../src/reliability/coalesceWire.ts";
import { carryRunEnv } from "../src/reliability/runSpecWithAllure.ts";
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
const USAGE = `usage: npm run reliability:flake [-- --streams 50 --jobs 2 --only neural-collapse,low-rank --fresh --batched 6 --window 50]
       npx tsx scripts/reliability.ts batch-check [--streams 3 --batched 3 --jobs 2 --only duality]
       npm run reliability:carry [-- --only duality --check 3 --jobs 2 --check-current --accept-literals]
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
    const note = r === undefined ? undefined : carryNote(r);
    const what = r === undefined ? "no record" : `${r.streams.length} streams at ${r.commit} (${r.generated.slice(0, 10)})${note === undefined ? "" : `, ${note}`}${s.state === "stale" ? `, recorded fingerprint ${r.fingerprint}` : ""}`;
    console.log(`${s.family.padEnd(22)} ${s.currentFingerprint ?? "(not in the tree)"}  ${s.state.padEnd(7)} ${what}`);
  }
}

/** The vitest configuration of batched streams (and of batch-check's runs). */
const STREAM_CONFIG = "src/reliability/streamVitestConfig.ts";
/** How long a pending request waits for other streams' requests while some stream is still computing (ms). */
const DEFAULT_WINDOW_MS = 50;
/** The coalescing server of a batched run, stopped on Ctrl-C with the child runs. */
let activeServer: CoalescingServer | undefined;

async function startServer(workers: number, windowMs: number): Promise<CoalescingServer> {
  activeServer = await startCoalescingServer({ workers, windowMs });
  return activeServer;
}

async function stopServer(): Promise<void> {
  const server = activeServer;
  activeServer = undefined;
  await server?.close();
}

function statsLine(s: CoalescingStats): string {
  const sizes = Object.entries(s.batchSizes)
    .map(([k, n]) => `${n}×${k}`)
    .join(", ");
  return `${s.requests} requests (${s.errors} answered with an error) trained as ${s.batches} (${s.requests === 0 ? "-" : (s.requests / Math.max(1, s.batches)).toFixed(2)} requests, ${(s.runs / Math.max(1, s.batches)).toFixed(1)} runs each; batches × requests merged: ${sizes || "none"}), training processes busy ${minutes(s.trainSeconds)} in all`;
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
  const batched = option(args, "batched") === undefined ? undefined : positiveInt(args, "batched", 1);
  const windowMs = Number(option(args, "window") ?? DEFAULT_WINDOW_MS);
  if (!(windowMs >= 0)) throw new Error(`--window ${option(args, "window")} is not valid; expected milliseconds ≥ 0\n${USAGE}`);
  const server = batched === undefined || runs.length === 0 ? undefined : await startServer(jobs, windowMs);
  console.log(
    `reliability:flake: ${runs.length} child runs, ${batched === undefined ? `${jobs} at a time` : `${batched} at a time, batched: their training coalesced by one server with ${jobs} training processes (window ${windowMs} ms)`}, CI profile`,
  );
  const started = Date.now();
  let done = 0;
  const runStream = async ({ stream: k, specFiles }: { stream: number; specFiles: readonly string[] }, total: number): Promise<void> => {
    const seed = streamSeed(k);
    const env = { ...BASE_ENV, THEOREM_SPEC_SEED: String(seed), THEOREM_SPEC_FC_SEED: String(seed) };
    // Batched: the reference trainer through the server (no other trainer may be selected then).
    const run = await runClaimSpecs({
      root: ROOT,
      files: specFiles,
      ...(server === undefined ? { env } : { env: { ...env, THEOREM_SPEC_TRAINER: undefined, THEOREM_SPEC_TRAINER_MODE: undefined, [COALESCE_SOCKET_ENV]: server.socketPath }, config: STREAM_CONFIG }),
    });
    const said: string[] = [];
    for (const specFile of specFiles) {
      const family = families.find((f) => f.specFile === specFile)!;
      const result = run.byFile.find((f) => f.file === specFile);
      if (result === undefined) throw new Error(`stream ${k}: vitest reported no result for ${specFile} (files reported: ${run.byFile.map((f) => f.file).join(", ") || "none"})`);
      const failures = result.outcomes.filter((o) => o.outcome === "fail" || o.outcome === "inconclusive");
      const entry: StreamRecord = { stream: k, seed, seconds: Math.round(result.seconds ?? run.seconds), tests: result.outcomes.length, verdicts: claimVerdicts(result.outcomes), failures, ...(batched === undefined ? {} : { batched }) };
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
        // A resumed migrated or carried record keeps saying where its first streams came from.
        ...(before?.migratedFrom === undefined ? {} : { migratedFrom: before.migratedFrom }),
        ...(before?.carriedForward === undefined ? {} : { carriedForward: before.carriedForward }),
      };
      records.set(family.family, record);
      writeFamilyFlakeRecord(ROOT, record);
      said.push(`${family.family} ${failures.length === 0 ? "passed" : failures.map((f) => `${f.claim}${f.control ? " (control)" : ""} ${f.outcome}`).join(", ")}`);
    }
    done++;
    const eta = ((Date.now() - started) / 1000 / done) * (total - done);
    console.log(`stream ${k} (seed ${seed}): ${said.join("; ")} — ${minutes(run.seconds)}; ${done}/${total} done, about ${minutes(eta)} left`);
  };
  try {
    if (batched === undefined) await pool(runs, jobs, (r) => runStream(r, runs.length));
    else {
      // K streams at a time, one spec file at a time (batchedPlan.ts): the streams of a wave meet at the server.
      const waves = batchedWaves(runs, batched);
      const total = waves.reduce((n, w) => n + w.length, 0);
      for (const wave of waves) await Promise.all(wave.map((r) => runStream(r, total)));
    }
  } finally {
    if (server !== undefined) {
      console.log(`reliability:flake: coalescing server: ${statsLine(server.stats())}`);
      await stopServer();
    }
  }
  console.log(`reliability:flake: ${runs.length} child runs in ${minutes((Date.now() - started) / 1000)}`);
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
  const selected = only === undefined ? MATRIX_VARIANTS : only.split(",").map((id) => matrixVariantById(id.trim()));
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const previous = readJson<BenignMatrixRecord>(BENIGN_FILE);
  const records: BenignRecord[] = (previous?.variants ?? []).filter((r) => !selected.some((v) => v.id === r.variant));
  const variantList = MATRIX_VARIANTS.map(recordedVariant);
  const save = () => writeJson(BENIGN_FILE, { ...provenance(), seed: DEFAULT_SEED, variantList, variants: records } satisfies BenignMatrixRecord);
  console.log(`reliability:benign: ${selected.length} variants, ${jobs} at a time, CI profile, seed ${DEFAULT_SEED}`);
  await pool(selected, jobs, async (v) => {
    const trainer = variantTrainerValue(v);
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
    records.sort((a, b) => MATRIX_VARIANTS.findIndex((x) => x.id === a.variant) - MATRIX_VARIANTS.findIndex((x) => x.id === b.variant));
    save();
    const [row] = benignMatrix([record]);
    console.log(`${v.id}: ${benignRowSummary(row!)} — ${minutes(record.seconds)}`);
  });
  const record = readJson<BenignMatrixRecord>(BENIGN_FILE)!;
  console.log(`\n${benignMatrixMarkdown(record)}\n`);
  updateDoc();
  const defects = benignMatrixDefects(benignMatrix(record.variants));
  if (defects.length > 0) {
    console.error(`reliability:benign: ${defects.length} defect${defects.length === 1 ? "" : "s"} of the benign matrix:\n${defects.map((d) => `  - ${d.message}`).join("\n")}`);
    process.exitCode = 1;
  }
}


/** The folder of a running carry's worktrees (removed on Ctrl-C too). */
let carryBase: string | undefined;

/** Differences printed per family when a carry fails. */
const SHOWN_DIFFERENCES = 12;

interface CarrySide {
  readonly side: "old" | "new";
  readonly commit: string;
  readonly specFile: string;
  /** The family's fingerprint this side's checkout must have. */
  readonly fingerprint: string;
}

interface CarryRunResult {
  readonly run: NormalisedRun;
  readonly seconds: number;
  readonly setup: number;
  /** The family's fingerprinted files in this checkout. */
  readonly files: readonly string[];
  /** The numeric literals written in them (`numericLiterals`), as a set. */
  readonly literals: readonly number[];
}

/** One stream of one family on one code: a fresh worktree, the spec run, the normalised results; the worktree removed. */
async function carryRun(base: string, family: string, side: CarrySide, stream: number, seed: number): Promise<CarryRunResult> {
  const t0 = Date.now();
  const tree = addWorktree(ROOT, side.commit, path.join(base, `${family}-${side.side}-${stream}`));
  try {
    const { fingerprint: fp, files } = familyFingerprint(tree, side.specFile);
    if (fp !== side.fingerprint) {
      throw new Error(`carry: ${family}: at ${side.commit} (${side.side} code) the family's fingerprint is ${fp}, not ${side.fingerprint}${side.side === "old" ? " as the record says: the record does not describe that commit; re-measure with `npm run reliability:flake -- --only " + family + "`" : ""}`);
    }
    const literals = [...new Set(files.flatMap((file) => numericLiterals(readFileSync(path.join(tree, file), "utf8"), file)))];
    const setup = (Date.now() - t0) / 1000;
    const r = await runSpecWithAllure({ checkout: tree, specFile: side.specFile, seed });
    const run = readAllureRun(r.resultsDir, { roots: [tree, realpathSync(tree)] });
    return { run, seconds: r.seconds, setup, files, literals };
  } finally {
    removeWorktree(ROOT, tree);
  }
}

async function carry(args: readonly string[]): Promise<void> {
  const check = positiveInt(args, "check", DEFAULT_CHECKED_STREAMS);
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const checkCurrent = args.includes("--check-current");
  const acceptLiterals = args.includes("--accept-literals");
  const families = selectFamilies(args);
  const records = readFamilyFlakeRecords(ROOT);
  const head = headCommit(ROOT);
  const todo: Array<{ family: FamilyFingerprint; record: FamilyFlakeRecord; fromCommit: string; streams: StreamRecord[]; current: boolean }> = [];
  for (const f of families) {
    const record = records.find((r) => r.family === f.family);
    if (record === undefined) {
      console.log(`reliability:carry: ${f.family}: no record — nothing to carry; measure it with \`npm run reliability:flake -- --only ${f.family}\``);
      continue;
    }
    const current = familyRecordState(record, f.fingerprint) === "current";
    if (current && !checkCurrent) {
      console.log(`reliability:carry: ${f.family}: current (fingerprint ${f.fingerprint}) — nothing to carry (--check-current checks it against its commit anyway)`);
      continue;
    }
    // Refusals first, for every family, before anything runs.
    const fromCommit = resolveCommit(ROOT, carrySourceCommit(record));
    assertCommitted(f.family, uncommittedFiles(ROOT, f.files));
    todo.push({ family: f, record, fromCommit, streams: streamsToCheck(record, check), current });
  }
  if (todo.length === 0) return;
  const base = mkdtempSync(path.join(tmpdir(), "theorem-spec-carry-"));
  carryBase = base;
  let failed = false;
  let restamped = false;
  try {
    for (const { family: f, record, fromCommit, streams, current } of todo) {
      const sides: CarrySide[] = [
        { side: "old", commit: fromCommit, specFile: record.specFile, fingerprint: record.fingerprint },
        { side: "new", commit: head, specFile: f.specFile, fingerprint: f.fingerprint },
      ];
      console.log(`reliability:carry: ${f.family}: ${record.specFile} at ${fromCommit} (fingerprint ${record.fingerprint}) against ${f.specFile} at HEAD ${head} (${f.fingerprint}), streams ${streams.map((s) => s.stream).join(", ")}; ${jobs} runs at a time, CI profile`);
      const started = Date.now();
      const runs = streams.flatMap((s) => sides.map((side) => ({ s, side })));
      const results = new Map<string, CarryRunResult>();
      await pool(runs, jobs, async ({ s, side }) => {
        const r = await carryRun(base, f.family, side, s.stream, s.seed);
        results.set(`${side.side}/${s.stream}`, r);
        console.log(`  stream ${s.stream} (seed ${s.seed}), ${side.side} code ${side.commit}: ${r.run.tests.length} tests — worktree ${r.setup.toFixed(1)} s, spec ${r.seconds.toFixed(1)} s`);
      });
      const differences: Array<RunDifference & { stream: number }> = [];
      let tests = 0;
      let attachments = 0;
      for (const s of streams) {
        const c = compareAllureRuns(results.get(`old/${s.stream}`)!.run, results.get(`new/${s.stream}`)!.run);
        differences.push(...c.differences.map((d) => ({ ...d, stream: s.stream })));
        tests = Math.max(tests, c.tests);
        attachments += c.attachments;
      }
      const wall = (Date.now() - started) / 1000;
      const spec = [...results.values()].reduce((acc, r) => acc + r.seconds, 0);
      const changed = changedBetween(ROOT, fromCommit, head, [...new Set([...results.get(`old/${streams[0]!.stream}`)!.files, ...f.files])]);
      console.log(`reliability:carry: ${f.family}: fingerprinted files changed from ${fromCommit} to ${head} (what the check vouches for): ${changed.length === 0 ? "none" : `\n    ${changed.join("\n    ")}`}`);
      console.log(`reliability:carry: ${f.family}: ${minutes(wall)} wall (${2 * streams.length} spec runs, ${minutes(spec)} of spec time); ${tests} tests per stream, ${attachments} attachments compared`);
      // The static guard: numbers written in the code (thresholds, sizes) that no checked run exercised are invisible to the comparison.
      const literals = literalChanges(results.get(`old/${streams[0]!.stream}`)!.literals, results.get(`new/${streams[0]!.stream}`)!.literals);
      const literalsChanged = literals.onlyBefore.length > 0 || literals.onlyAfter.length > 0;
      if (literalsChanged) {
        console.log(`reliability:carry: ${f.family}: the numbers written in the family's code changed — only at ${fromCommit}: ${literals.onlyBefore.join(", ") || "none"}; only at ${head}: ${literals.onlyAfter.join(", ") || "none"}. A behaviour-preserving change keeps them; a changed threshold no checked run came near is invisible to the comparison.`);
      }
      if (literalsChanged && !acceptLiterals && differences.length === 0) {
        failed = true;
        console.log(`reliability:carry: ${f.family}: the checked streams are identical, but with numbers of the code changed the record stays ${current ? "as it is" : "stale"}: re-measure with \`npm run reliability:flake -- --only ${f.family}\`, or — if these numbers are known not to be rules (read the files listed above) — carry with --accept-literals (recorded in the carry)`);
        continue;
      }
      if (differences.length > 0) {
        failed = true;
        console.log(`reliability:carry: ${f.family}: ${differences.length} differences between ${fromCommit} and ${head}; the first:`);
        for (const d of differences.slice(0, SHOWN_DIFFERENCES)) console.log(`  stream ${d.stream}: ${d.test}
    ${d.what}: ${d.diff}`);
        console.log(`reliability:carry: ${f.family}: the record stays ${current ? "as it is" : "stale"}; the change altered what the spec records — re-measure with \`npm run reliability:flake -- --only ${f.family}\``);
        continue;
      }
      if (current) {
        console.log(`reliability:carry: ${f.family}: identical on ${streams.length === 1 ? "1 stream" : `${streams.length} streams`} (the record is current; --check-current re-stamps nothing)`);
        continue;
      }
      const carried = carriedForwardRecord(record, {
        fingerprint: f.fingerprint,
        fromCommit,
        toCommit: head,
        checkedStreams: streams.map((s) => s.stream),
        tests,
        attachments,
        date: new Date().toISOString(),
        ...(literalsChanged ? { acceptedLiteralChanges: literals } : {}),
      });
      writeFamilyFlakeRecord(ROOT, carried);
      restamped = true;
      console.log(`reliability:carry: ${f.family}: identical on ${streams.length === 1 ? "1 stream" : `${streams.length} streams`} — record re-stamped: fingerprint ${f.fingerprint}, commit ${head}, ${carryNote(carried)}`);
    }
  } catch (error) {
    stopSpecRuns();
    throw error;
  } finally {
    removeAllWorktrees();
    rmSync(base, { recursive: true, force: true });
    carryBase = undefined;
  }
  if (restamped) updateDoc();
  if (failed) process.exitCode = 1;
}

/**
 * `batch-check`: streams 0 … N−1 of the selected families unbatched (J at a time) and batched (K at
 * a time through one coalescing server), each with Allure results in a directory of its own, and
 * the normalised results compared test by test (as `carry` compares two codes).
 */
async function batchCheck(args: readonly string[]): Promise<void> {
  const count = positiveInt(args, "streams", DEFAULT_CHECKED_STREAMS);
  const jobs = positiveInt(args, "jobs", availableParallelism());
  const batched = positiveInt(args, "batched", count);
  const windowMs = Number(option(args, "window") ?? DEFAULT_WINDOW_MS);
  const families = selectFamilies(args);
  const files = families.map((f) => f.specFile);
  const streams = Array.from({ length: count }, (_, k) => k);
  const base = mkdtempSync(path.join(tmpdir(), "theorem-spec-batch-check-"));
  const roots = [ROOT, realpathSync(ROOT)];
  /** One child vitest of `files` for stream k, with Allure results in a directory of its own. */
  const runOne = async (mode: "unbatched" | "batched", server: CoalescingServer | undefined, k: number, runFiles: readonly string[], n: number): Promise<NormalisedRun> => {
    const dir = path.join(base, `${mode}-${k}-${n}`);
    const env = { ...carryRunEnv(streamSeed(k)), THEOREM_SPEC_ALLURE_RESULTS: dir, [COALESCE_SOCKET_ENV]: server?.socketPath };
    const { code, tail } = await spawnVitest(ROOT, ["vitest", "run", "--config", STREAM_CONFIG, "--project", "claims", ...runFiles, "--maxWorkers=1"], childEnv(env));
    if (!existsSync(dir)) throw new Error(`batch-check: stream ${k} (${mode}, ${runFiles.join(", ")}): vitest exited with code ${code} and wrote no Allure results; its output ended:\n${tail}`);
    return readAllureRun(dir, { roots });
  };
  const runAll = async (mode: "unbatched" | "batched", server: CoalescingServer | undefined, at: number): Promise<{ seconds: number; runs: Map<number, NormalisedRun> }> => {
    const parts = new Map<number, NormalisedRun[]>(streams.map((k) => [k, []]));
    const started = Date.now();
    if (server === undefined) {
      // as `flake` runs a stream unbatched: one child vitest with every file
      await pool(streams, at, async (k) => {
        parts.get(k)!.push(await runOne(mode, server, k, files, 0));
      });
    } else {
      // as `flake --batched` runs them: K streams at a time, one spec file at a time
      let n = 0;
      for (const wave of batchedWaves(streams.map((k) => ({ stream: k, specFiles: files })), at)) {
        n++;
        await Promise.all(wave.map(async (r) => parts.get(r.stream)!.push(await runOne(mode, server, r.stream, r.specFiles, n))));
      }
    }
    const runs = new Map<number, NormalisedRun>();
    for (const [k, ps] of parts) {
      runs.set(k, { tests: ps.flatMap((p) => p.tests).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) });
      console.log(`batch-check: stream ${k} ${mode}: ${runs.get(k)!.tests.length} tests`);
    }
    return { seconds: (Date.now() - started) / 1000, runs };
  };
  let failed = false;
  try {
    console.log(`batch-check: ${families.map((f) => f.family).join(", ")}; streams 0–${count - 1}; unbatched ${jobs} at a time, then batched ${batched} at a time (${jobs} training processes, window ${windowMs} ms)`);
    const plain = await runAll("unbatched", undefined, jobs);
    const server = await startServer(jobs, windowMs);
    let together: Awaited<ReturnType<typeof runAll>>;
    try {
      together = await runAll("batched", server, batched);
      console.log(`batch-check: coalescing server: ${statsLine(server.stats())}`);
    } finally {
      await stopServer();
    }
    let tests = 0;
    let attachments = 0;
    for (const k of streams) {
      const c = compareAllureRuns(plain.runs.get(k)!, together.runs.get(k)!);
      tests += c.tests;
      attachments += c.attachments;
      if (c.differences.length > 0 || c.tests === 0) {
        failed = true;
        console.log(`batch-check: stream ${k}: ${c.differences.length} differences${c.tests === 0 ? " (no test in common)" : ""}; the first:`);
        for (const d of c.differences.slice(0, SHOWN_DIFFERENCES)) console.log(`  ${d.test}\n    ${d.what}: ${d.diff}`);
      } else console.log(`batch-check: stream ${k}: identical — ${c.tests} tests, ${c.attachments} attachments`);
    }
    console.log(`batch-check: ${failed ? "DIFFERENT" : "identical"} over ${count} streams (${tests} tests, ${attachments} attachments compared); wall time unbatched ${minutes(plain.seconds)}, batched ${minutes(together.seconds)}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

// An interrupted measurement stops its child vitest runs (and their workers) with it.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    stopSpecRuns();
    // The training processes end when this process does (their IPC channel closes); the socket's directory goes now.
    if (activeServer !== undefined) rmSync(path.dirname(activeServer.socketPath), { recursive: true, force: true });
    removeAllWorktrees();
    if (carryBase !== undefined) rmSync(carryBase, { recursive: true, force: true });
    process.exit(code);
  });
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "flake") await flake(rest);
  else if (command === "carry") await carry(rest);
  else if (command === "batch-check") await batchCheck(rest);
  else if (command === "status") status();
  else if (command === "migrate") migrate(rest);
  else if (command === "mutants") await mutants(rest);
  else if (command === "benign") await benign(rest);
  else if (command === "doc") updateDoc();
  else {
    console.error(`reliability: unknown command ${JSON.stringify(command ?? "")}; expected flake, carry, status, migrate, mutants, benign or doc\n${USAGE}`);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`reliability: ${(error as Error).message}`);
  process.exitCode = 1;
}
