/**
 * The behaviour a claim spec's run recorded in its Allure results (`allure-results/*-result.json`
 * and the attachment files they name), with everything that is not behaviour removed, so that two
 * runs — of two commits, or of one commit twice — can be compared test by test
 * (`compareAllureRuns.ts`, used by `npx tsx scripts/reliability.ts carry`).
 *
 * Each test becomes a list of **facts**, `path → value`, compared exactly:
 * - `status` and `statusDetails.message` (the failure's message);
 * - its labels, but those listed below;
 * - every parameter (`name`, `value`, and `excluded`/`mode` when set), in order;
 * - recursively through its steps (by position): each step's name, status, message and parameters;
 * - every attachment (of the test or of any step, by position): its name, its media type and its
 *   **content, byte for byte** — the SVG charts, the JSON evidence, the markdown tables.
 *
 * **Normalised away** — measured by running every claim spec file twice at one commit (stream 0,
 * two worktrees at two paths, 2026-12-03: 66 tests, 365 attachments): only `uuid`, `start`/`stop`
 * and the attachments' `source` differed, every attachment's content was identical byte for byte;
 * the others are removed because allure-vitest derives them from the spec file's path or the
 * machine, which a refactor or another host changes without changing behaviour:
 * - `uuid` (random per result) and each attachment's `source` (the attachment file's name, a random
 *   uuid) — differed; the attachment is compared by content instead;
 * - `start`, `stop` of the test and of every step (wall-clock times, hence durations) — differed;
 * - `historyId`, `testCaseId`, the `_fallbackTestCaseId` label: md5 hashes of the full name, which
 *   contains the spec file's path (`historyId` also hashes the parameters, compared themselves);
 * - `fullName`'s path part (`theorem-spec:specs/x.spec.ts#…`) and `titlePath` (the spec's folders
 *   and file name): tests are keyed by the full name *after* `#` — the describe blocks and title —
 *   so a moved spec file keeps its tests' identity;
 * - the labels `host` (machine name), `thread` (vitest worker number: which worker ran the file;
 *   the same with `--maxWorkers=1` on one machine, but not across schedules) and `package` (the
 *   spec file's path, dotted);
 * - `statusDetails.trace` (a stack trace: file paths and line numbers, which a refactor moves; the
 *   message is compared);
 * - the absolute path of the checkout the run ran in (`roots`), replaced by `<root>` in every string
 *   and text attachment (none of the measured runs recorded it, but a failure message may).
 *
 * **Not compared** (documentation, not behaviour; a change to them edits the spec or the catalogue,
 * which changes the fingerprint, and must not prevent a carry): `description`, `descriptionHtml`,
 * `links`, `stage`, and the labels `epic`, `feature`, `story` (catalogue texts) and `parentSuite`,
 * `suite`, `subSuite` (the describe blocks, already in the key). `environment.properties` is not per
 * test (it names the commit) and is not read; containers (`*-container.json`) hold fixtures'
 * timings only in these specs and are not read.
 *
 * @example normaliseAllureResults([{ fullName: "p:specs/d.spec.ts#D D1 — x", status: "passed", start: 1, stop: 2 }], () => undefined).tests[0]!.key // "D D1 — x"
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The fields of an Allure result (allure-js-commons `TestResult`) or step this module reads. */
export interface AllureStepLike {
  readonly name?: string;
  readonly status?: string;
  readonly statusDetails?: { readonly message?: string; readonly trace?: string };
  readonly parameters?: ReadonlyArray<{ readonly name: string; readonly value: string; readonly excluded?: boolean; readonly mode?: string }>;
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly source: string; readonly type?: string }>;
  readonly steps?: readonly AllureStepLike[];
  readonly start?: number;
  readonly stop?: number;
}

export interface AllureResultLike extends AllureStepLike {
  readonly uuid?: string;
  readonly fullName?: string;
  readonly historyId?: string;
  readonly testCaseId?: string;
  readonly labels?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/** Labels not compared: machine, worker and path dependent (normalised), or documentation (not behaviour). */
export const IGNORED_LABELS: readonly string[] = ["host", "thread", "package", "_fallbackTestCaseId", "epic", "feature", "story", "parentSuite", "suite", "subSuite"];

/** One compared fact of a test. */
export interface AllureFact {
  /** Where, by position (`step 3 › attachment 1 › content`): unique within the test. */
  readonly path: string;
  /** The same with step and attachment names, for messages. */
  readonly label: string;
  /** Text, or an attachment's bytes (after `<root>` substitution for text types). */
  readonly value: string | Uint8Array;
  /** Set on an attachment's content: its media type. */
  readonly attachmentType?: string;
}

export interface NormalisedTest {
  /** The full name after `#` (describe blocks and title); ` [2]`, ` [3]`… for repeats of one name, in start order. */
  readonly key: string;
  /** As recorded (with the spec's path), for messages. */
  readonly fullName: string;
  readonly facts: readonly AllureFact[];
}

export interface NormalisedRun {
  /** By key, sorted. */
  readonly tests: readonly NormalisedTest[];
}

export interface NormaliseOptions {
  /** Absolute paths of the checkout the run ran in, replaced by `<root>` (longest first). */
  readonly roots?: readonly string[];
}

const TEXT_TYPE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;

/** The test key of an Allure full name: what follows the first `#` (the whole name when none). */
export function testKey(fullName: string): string {
  const i = fullName.indexOf("#");
  return i < 0 ? fullName : fullName.slice(i + 1);
}

/**
 * The normalised facts of a run's results.
 * @param readAttachment the bytes of an attachment file by its `source` (`undefined` when missing).
 * @throws when a result has no `fullName`.
 */
export function normaliseAllureResults(results: readonly AllureResultLike[], readAttachment: (source: string) => Uint8Array | undefined, options: NormaliseOptions = {}): NormalisedRun {
  const roots = [...(options.roots ?? [])].filter((r) => r.length > 0).sort((a, b) => b.length - a.length);
  const text = (s: string) => roots.reduce((acc, r) => acc.split(r).join("<root>"), s);
  const ordered = [...results].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  const seen = new Map<string, number>();
  const tests: NormalisedTest[] = ordered.map((r) => {
    if (typeof r.fullName !== "string") throw new Error(`normaliseAllureResults: a result has no fullName (uuid ${JSON.stringify(r.uuid)}); expected allure-vitest results`);
    const base = text(testKey(r.fullName));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const facts: AllureFact[] = [];
    const add = (p: string, label: string, value: string | Uint8Array, attachmentType?: string) => facts.push({ path: p, label, value, ...(attachmentType === undefined ? {} : { attachmentType }) });
    const labels = (r.labels ?? []).filter((l) => !IGNORED_LABELS.includes(l.name)).map((l) => `${l.name}=${text(l.value)}`).sort();
    add("labels", "labels", labels.join("\n"));
    const walk = (s: AllureStepLike, at: string, named: string) => {
      const p = (x: string) => (at === "" ? x : `${at} › ${x}`);
      const l = (x: string) => (named === "" ? x : `${named} › ${x}`);
      add(p("status"), l("status"), s.status ?? "(none)");
      if (s.statusDetails?.message !== undefined) add(p("message"), l("message"), text(s.statusDetails.message));
      (s.parameters ?? []).forEach((q, i) => {
        const extra = [q.excluded === true ? " [excluded]" : "", q.mode !== undefined && q.mode !== "default" ? ` [${q.mode}]` : ""].join("");
        add(p(`parameter ${i + 1}`), l(`parameter "${text(q.name)}"`), `${text(q.name)} = ${text(q.value)}${extra}`);
      });
      (s.attachments ?? []).forEach((a, i) => {
        const type = a.type ?? "(no type)";
        add(p(`attachment ${i + 1} › name`), l(`attachment "${text(a.name)}" › name`), `${text(a.name)} (${type})`);
        const bytes = readAttachment(a.source);
        const content = bytes === undefined ? "(attachment file missing)" : TEXT_TYPE.test(type) && roots.length > 0 ? new TextEncoder().encode(text(new TextDecoder().decode(bytes))) : bytes;
        add(p(`attachment ${i + 1}`), l(`attachment "${text(a.name)}"`), content, type);
      });
      add(p("steps"), l("steps"), String((s.steps ?? []).length));
      (s.steps ?? []).forEach((step, i) => {
        const name = text(step.name ?? "");
        add(p(`step ${i + 1} › name`), l(`step ${i + 1} "${name}" › name`), name);
        walk(step, p(`step ${i + 1}`), l(`step ${i + 1} "${name}"`));
      });
    };
    walk(r, "", "");
    return { key: n === 1 ? base : `${base} [${n}]`, fullName: r.fullName, facts };
  });
  tests.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { tests };
}

/**
 * Reads and normalises an Allure results directory (`*-result.json`, attachments by `source`).
 * @throws when the directory does not exist or holds no result (the run wrote nothing: it crashed).
 */
export function readAllureRun(dir: string, options: NormaliseOptions = {}): NormalisedRun {
  if (!existsSync(dir)) throw new Error(`readAllureRun: ${dir} does not exist; expected an Allure results directory`);
  const files = readdirSync(dir).filter((f) => f.endsWith("-result.json")).sort();
  if (files.length === 0) throw new Error(`readAllureRun: ${dir} holds no *-result.json; expected the Allure results of a spec run`);
  const results = files.map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as AllureResultLike);
  const read = (source: string) => {
    const file = path.join(dir, path.basename(source));
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined;
  };
  return normaliseAllureResults(results, read, options);
}
