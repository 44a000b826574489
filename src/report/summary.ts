/**
 * The claims summary of `npm run verify`: one verdict per *statement* of every catalogue claim
 * (`src/claims/statements.ts`), from the Allure results of a run, compared with the verdict the
 * catalogue expects. Pure: it takes parsed `*-result.json` objects (see `readAllureResults`).
 *
 * A result belongs to a claim through its label `claim`, to one of its statements through the
 * label `statement` (default: the claim's primary statement); it is a control test when tagged
 * `control`, a pinned finding when tagged `finding` (see `labelClaim`). A statement's verdict
 * (vocabulary: `src/claims/verdicts.ts`):
 * - **held** — its claim tests and controls all passed; or a pinned finding *failed* (the paper's
 *   effect, absent until now, was detected: the finding no longer holds);
 * - **not reproduced** — a claim test failed (the prediction did not hold), or a pinned
 *   non-reproduction passed (the effect is absent under a rule of stated power);
 * - **inconclusive** — a control failed (the check did not tell the claim from its control), a
 *   result was broken (a diverged run, a run outside the regime, an error) or skipped, only
 *   controls ran, or a pinned non-discrimination passed;
 * - **not specified** — no result checks the statement (expected of statements the suite does not
 *   decide; "not run" when the claim has no result at all in this run).
 *
 * A statement *differs* from the catalogue when its verdict is not the expected one (a claim not
 * run at all is reported, not counted); `verifyExitCode` fails on a difference only.
 */
import { CATALOG, primaryStatement, type SentenceClaim } from "../claims/catalog.ts";
import { STATEMENT_VERDICTS, type StatementKind, type StatementVerdict } from "../claims/verdicts.ts";
import { CLAIM_LABEL, CONTROL_TAG, FINDING_TAG, KEY_MEASUREMENT_PARAMETER, STATEMENT_LABEL } from "./conventions.ts";

/** The fields of an Allure 3 result file (`<uuid>-result.json`) that the summary reads. */
export interface AllureResultLike {
  readonly uuid?: string;
  readonly name?: string;
  readonly fullName?: string;
  readonly historyId?: string;
  /** `passed`, `failed`, `broken`, `skipped` or `unknown`. */
  readonly status?: string;
  readonly stop?: number;
  readonly labels?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly parameters?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/** A statement's verdict (one vocabulary: `src/claims/verdicts.ts`). */
export type Verdict = StatementVerdict;

export interface StatusCounts {
  passed: number;
  failed: number;
  broken: number;
  skipped: number;
  unknown: number;
}

/** The verdict of one statement of a claim. */
export interface StatementSummary {
  /** Claim id. */
  readonly claim: string;
  /** `ClaimStatement.key`, e.g. `"as stated"`. */
  readonly key: string;
  readonly kind: StatementKind;
  /** The statement as checked. */
  readonly text: string;
  /** What the results say. */
  readonly verdict: Verdict;
  /** What the catalogue expects. */
  readonly expected: Verdict;
  /** `verdict ≠ expected` on a claim that ran: verify fails. */
  readonly differs: boolean;
  /** The claim had no result at all in this run (e.g. verify ran one spec file). */
  readonly notRun: boolean;
  /** Results of claim tests (neither control nor finding), by status. */
  readonly tests: StatusCounts;
  /** Results of control tests, by status. */
  readonly controls: StatusCounts;
  /** Results of pinned findings, by status. */
  readonly findings: StatusCounts;
  /** The `key measurement` parameters of the statement's results (claim tests and findings, then controls), distinct, joined by "; ". */
  readonly keyMeasurement?: string;
  /** Why the verdict is what it is: failed and broken test names, missing controls, a difference from the catalogue. */
  readonly notes: readonly string[];
}

export interface ClaimSummary {
  readonly id: string;
  readonly title: string;
  /** The claim's verdicts in one phrase, primary statement first: `"held as refined · not reproduced as stated"`. */
  readonly verdict: string;
  readonly statements: readonly StatementSummary[];
  /** Results of the claim's tests (all statements; neither control nor finding), by status. */
  readonly tests: StatusCounts;
  /** Results of the claim's control tests, by status. */
  readonly controls: StatusCounts;
  /** Results of the claim's pinned findings, by status. */
  readonly findings: StatusCounts;
  /** The statements' key measurements, joined by "; ". */
  readonly keyMeasurement?: string;
  /** The statements' notes, prefixed with the statement key. */
  readonly notes: readonly string[];
}

export interface RunSummary {
  /** One entry per catalogue claim, in catalogue order. */
  readonly claims: readonly ClaimSummary[];
  /** `claim` label values that are not catalogue ids (a typo in a spec). */
  readonly unknownClaimIds: readonly string[];
  /** `<claim>: <statement>` label values that are not statements of the claim (counted under its primary statement). */
  readonly unknownStatements: readonly string[];
  /** Results without a `claim` label. */
  readonly unlabelled: number;
  /** The test files of those results (from `fullName`, `<project>:<file>#<name>`), distinct, sorted. */
  readonly unlabelledFiles: readonly string[];
  /** Failed or broken results of the suite's own checks (`SUITE_FEATURES`): their names. */
  readonly suiteFailures: readonly string[];
  /** Number of failed or broken results of any kind (to tell a crashed test run from failing tests). */
  readonly failedOrBroken: number;
}

function labelValues(r: AllureResultLike, name: string): string[] {
  return (r.labels ?? []).filter((l) => l.name === name).map((l) => l.value);
}

function isControl(r: AllureResultLike): boolean {
  return labelValues(r, "tag").includes(CONTROL_TAG);
}

function emptyCounts(): StatusCounts {
  return { passed: 0, failed: 0, broken: 0, skipped: 0, unknown: 0 };
}

function countStatus(counts: StatusCounts, status: string | undefined): void {
  if (status === "passed" || status === "failed" || status === "broken" || status === "skipped") counts[status] += 1;
  else counts.unknown += 1;
}

/**
 * Keeps the last attempt of each test (Allure writes one result per retry, with the same
 * `historyId`; without one, `fullName` then `uuid` identify the test).
 */
export function latestAttempts(results: readonly AllureResultLike[]): AllureResultLike[] {
  const byTest = new Map<string, AllureResultLike>();
  results.forEach((r, i) => {
    const key = r.historyId ?? r.fullName ?? r.uuid ?? `#${i}`;
    const prev = byTest.get(key);
    if (prev === undefined || (r.stop ?? 0) >= (prev.stop ?? 0)) byTest.set(key, r);
  });
  return [...byTest.values()];
}

/** The result's `key measurement` parameter; the last one when a test set it more than once. */
export function keyMeasurementOf(r: AllureResultLike): string | undefined {
  return (r.parameters ?? []).filter((p) => p.name === KEY_MEASUREMENT_PARAMETER).at(-1)?.value;
}

/** The test file of a result, from allure-vitest's `fullName` (`<package name>:<file>#<test name>`). */
function testFile(r: AllureResultLike): string | undefined {
  const match = /^(?:[^:#]*:)?([^#]+)#/.exec(r.fullName ?? "");
  return match?.[1];
}

function testName(r: AllureResultLike): string {
  return r.name ?? r.fullName ?? r.uuid ?? "(unnamed)";
}

function isFinding(r: AllureResultLike): boolean {
  return labelValues(r, "tag").includes(FINDING_TAG);
}

function total(c: StatusCounts): number {
  return c.passed + c.failed + c.broken + c.skipped + c.unknown;
}

function addCounts(into: StatusCounts, from: StatusCounts): void {
  into.passed += from.passed;
  into.failed += from.failed;
  into.broken += from.broken;
  into.skipped += from.skipped;
  into.unknown += from.unknown;
}

function summariseStatement(claim: SentenceClaim, index: number, results: readonly AllureResultLike[], notRun: boolean): StatementSummary {
  const st = claim.statements[index]!;
  const tests = emptyCounts();
  const controls = emptyCounts();
  const findings = emptyCounts();
  const notes: string[] = [];
  for (const r of results) {
    const kind = isFinding(r) ? "finding" : isControl(r) ? "control" : "test";
    countStatus(kind === "finding" ? findings : kind === "control" ? controls : tests, r.status);
    if (r.status === "failed") {
      notes.push(
        kind === "finding"
          ? `pinned finding failed (the effect the paper predicts was detected; the finding no longer holds): ${testName(r)}`
          : kind === "control"
            ? `control failed (the check did not fail on the control): ${testName(r)}`
            : `failed: ${testName(r)}`,
      );
    } else if (r.status !== "passed") {
      notes.push(`${r.status ?? "no status"}: ${testName(r)}`);
    }
  }
  const ordered = [...results.filter((r) => !isControl(r)), ...results.filter(isControl)];
  const keys = [...new Set(ordered.map(keyMeasurementOf).filter((k): k is string => k !== undefined))];
  const notPassed = (c: StatusCounts) => c.broken + c.skipped + c.unknown;
  let verdict: Verdict;
  if (results.length === 0) {
    verdict = "not specified";
    if (st.expected !== "not specified") notes.push(notRun ? "not run: no result of this claim in the run" : "no result checks this statement");
  } else if (findings.failed > 0) {
    verdict = "held";
  } else if (tests.failed > 0) {
    verdict = "not reproduced";
  } else if (controls.failed > 0 || notPassed(tests) + notPassed(controls) + notPassed(findings) > 0) {
    verdict = "inconclusive";
  } else if (total(findings) > 0) {
    verdict = st.expected === "inconclusive" ? "inconclusive" : "not reproduced";
  } else if (total(tests) > 0) {
    verdict = "held";
    if (total(controls) === 0) notes.push("no control test");
  } else {
    verdict = "inconclusive";
    notes.push("only control tests ran; no test of the statement itself");
  }
  const differs = !notRun && verdict !== st.expected;
  if (differs) notes.push(`differs from the catalogue: expected "${st.expected}", found "${verdict}"`);
  return {
    claim: claim.id,
    key: st.key,
    kind: st.kind,
    text: st.text,
    verdict,
    expected: st.expected,
    differs,
    notRun,
    tests,
    controls,
    findings,
    ...(keys.length > 0 ? { keyMeasurement: keys.join("; ") } : {}),
    notes,
  };
}

/**
 * The claim's verdicts in one phrase, its primary statement first, e.g.
 * `"held as refined · not reproduced as stated"`; a statement keyed `"as stated: near convergence"`
 * reads `"not reproduced as stated: near convergence"`.
 */
export function verdictPhrase(statements: readonly Pick<StatementSummary, "key" | "verdict">[], primaryKey?: string): string {
  const ordered = [...statements.filter((s) => s.key === primaryKey), ...statements.filter((s) => s.key !== primaryKey)];
  return ordered.map((s) => `${s.verdict} ${s.key}`).join(" · ");
}

function summariseClaim(claim: SentenceClaim, results: readonly AllureResultLike[], unknownStatements: Set<string>): ClaimSummary {
  const primary = primaryStatement(claim).key;
  const byStatement = new Map<string, AllureResultLike[]>(claim.statements.map((s) => [s.key, []]));
  for (const r of results) {
    const key = labelValues(r, STATEMENT_LABEL)[0] ?? primary;
    const list = byStatement.get(key);
    if (list === undefined) {
      unknownStatements.add(`${claim.id}: ${key}`);
      byStatement.get(primary)!.push(r);
    } else list.push(r);
  }
  const notRun = results.length === 0;
  const statements = claim.statements.map((_, i) => summariseStatement(claim, i, byStatement.get(claim.statements[i]!.key) ?? [], notRun));
  const tests = emptyCounts();
  const controls = emptyCounts();
  const findings = emptyCounts();
  for (const s of statements) {
    addCounts(tests, s.tests);
    addCounts(controls, s.controls);
    addCounts(findings, s.findings);
  }
  const keys = statements.map((s) => s.keyMeasurement).filter((k): k is string => k !== undefined);
  return {
    id: claim.id,
    title: claim.title,
    verdict: notRun ? "not run" : verdictPhrase(statements, primary),
    statements,
    tests,
    controls,
    findings,
    ...(keys.length > 0 ? { keyMeasurement: keys.join("; ") } : {}),
    notes: statements.flatMap((s) => s.notes.map((n) => `${s.key}: ${n}`)),
  };
}

/**
 * Allure features of the suite's own checks, which belong to no claim: the regression baselines
 * (specs/regression.spec.ts) and the reliability figures (specs/reliability.spec.ts). Their
 * results are not "unlabelled"; a failure among them fails verify.
 */
export const SUITE_FEATURES: readonly string[] = ["Regression baselines", "Reliability of the verdicts"];

/**
 * One verdict per statement of every catalogue claim from a run's Allure results (retries
 * collapsed to the last attempt).
 * @example summariseRun(await readAllureResults("allure-results")).claims.flatMap((c) => c.statements).filter((s) => s.differs)
 */
export function summariseRun(results: readonly AllureResultLike[], catalog: readonly SentenceClaim[] = CATALOG): RunSummary {
  const latest = latestAttempts(results);
  const unknownStatements = new Set<string>();
  const suiteFailures: string[] = [];
  let failedOrBroken = 0;
  const known = new Set(catalog.map((c) => c.id as string));
  const byClaim = new Map<string, AllureResultLike[]>();
  const unknown = new Set<string>();
  let unlabelled = 0;
  const unlabelledFiles = new Set<string>();
  for (const r of latest) {
    const ids = labelValues(r, CLAIM_LABEL);
    const suite = labelValues(r, "feature").some((f) => SUITE_FEATURES.includes(f));
    if (r.status === "failed" || r.status === "broken") {
      failedOrBroken += 1;
      if (suite) suiteFailures.push(`${r.status}: ${testName(r)}`);
    }
    if (ids.length === 0 && !suite) {
      unlabelled += 1;
      const file = testFile(r);
      if (file !== undefined) unlabelledFiles.add(file);
    }
    for (const id of new Set(ids)) {
      if (!known.has(id)) unknown.add(id);
      const list = byClaim.get(id) ?? [];
      list.push(r);
      byClaim.set(id, list);
    }
  }
  const claims = catalog.map((c) => summariseClaim(c, byClaim.get(c.id) ?? [], unknownStatements));
  return {
    claims,
    unknownClaimIds: [...unknown].sort(),
    unknownStatements: [...unknownStatements].sort(),
    unlabelled,
    unlabelledFiles: [...unlabelledFiles].sort(),
    suiteFailures,
    failedOrBroken,
  };
}

/** Every statement of every claim, in catalogue order. */
export function allStatements(summary: RunSummary): StatementSummary[] {
  return summary.claims.flatMap((c) => c.statements);
}

/**
 * Exit code of `npm run verify`: 1 when a statement's verdict differs from the catalogue's
 * expectation (a held statement that stops holding, a pinned non-reproduction that starts
 * reproducing, …), when a check of the suite itself failed (regression baselines, reliability),
 * or when the test run failed without a failing result to show for it (a spec that crashed before
 * reporting); else 0. A pinned finding that passes, as expected, does not fail the run.
 */
export function verifyExitCode(summary: RunSummary, testRunExitCode: number): number {
  if (allStatements(summary).some((s) => s.differs)) return 1;
  if (summary.suiteFailures.length > 0) return 1;
  return testRunExitCode !== 0 && summary.failedOrBroken === 0 ? 1 : 0;
}

const ANSI: Record<Verdict, string> = {
  held: "\u001b[32m",
  "not reproduced": "\u001b[31m",
  inconclusive: "\u001b[33m",
  "not specified": "\u001b[2m",
};
const RESET = "\u001b[0m";

function pad(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + " ".repeat(width - len);
}

function clip(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, width - 1).join("")}…`;
}

export interface TableOptions {
  /** Colour verdicts with ANSI escapes (for a terminal). Default false. */
  readonly color?: boolean;
  /** Widest measurement column before clipping with "…". Default 70. */
  readonly maxKeyWidth?: number;
  /** The catalogue, for the plain-words findings (default `CATALOG`). */
  readonly catalog?: readonly SentenceClaim[];
}

/** `"18 claims, 27 statements: 19 held, 4 not reproduced, 1 inconclusive, 3 not specified"`. */
export function verdictTally(summary: RunSummary): string {
  const all = allStatements(summary);
  const counts = STATEMENT_VERDICTS.map((v) => `${all.filter((s) => s.verdict === v).length} ${v}`).join(", ");
  return `${summary.claims.length} claims, ${all.length} statements: ${counts}`;
}

/**
 * The terminal table, one row per statement: claim, statement, verdict (and the expected one
 * where it differs), what was found (the result's key measurement, else the catalogue's
 * plain-words finding); then the tally, the differences from the catalogue and any warnings.
 */
export function formatSummaryTable(summary: RunSummary, options: TableOptions = {}): string {
  const maxKey = options.maxKeyWidth ?? 70;
  const catalog = options.catalog ?? CATALOG;
  const plainOf = (claim: string, key: string) => catalog.find((c) => c.id === claim)?.statements.find((s) => s.key === key)?.plain ?? "";
  const header = ["claim", "statement", "verdict", "measured"];
  const all = allStatements(summary);
  const rows = all.map((s, i) => [
    i === 0 || all[i - 1]!.claim !== s.claim ? s.claim : "",
    s.key,
    s.differs ? `${s.verdict} (expected ${s.expected})` : s.notRun ? `${s.verdict} (not run)` : s.verdict,
    clip(s.keyMeasurement ?? plainOf(s.claim, s.key), maxKey),
  ]);
  const widths = header.map((h, j) => Math.max([...h].length, ...rows.map((r) => [...(r[j] ?? "")].length)));
  const line = (cells: string[], verdict?: Verdict) =>
    cells
      .map((cell, j) => {
        const padded = j === cells.length - 1 ? cell : pad(cell, widths[j] ?? 0);
        return j === 2 && verdict !== undefined && options.color === true ? `${ANSI[verdict]}${padded}${RESET}` : padded;
      })
      .join("  ")
      .trimEnd();
  const out = [line(header), widths.map((w, j) => "─".repeat(j === 3 ? Math.max(w, 15) : w)).join("  ")];
  all.forEach((s, i) => out.push(line(rows[i] ?? [], s.verdict)));
  const differing = all.filter((s) => s.differs);
  const notRun = summary.claims.filter((c) => c.statements.every((s) => s.notRun)).map((c) => c.id);
  out.push("", verdictTally(summary));
  out.push(
    differing.length === 0
      ? "every verdict is the one the catalogue expects (src/claims/statements.ts)"
      : `${differing.length} verdict(s) differ from the catalogue (src/claims/statements.ts): ${differing.map((s) => `${s.claim} ${s.key}`).join(", ")}`,
  );
  if (notRun.length > 0) out.push(`not run in this run: ${notRun.join(", ")}`);
  for (const s of all) {
    if (s.differs || s.verdict === "inconclusive") for (const n of s.notes) out.push(`  ${s.claim} ${s.key}: ${n}`);
  }
  for (const f of summary.suiteFailures) out.push(`suite check: ${f}`);
  if (summary.unknownClaimIds.length > 0) {
    out.push(`warning: results labelled with unknown claim ids: ${summary.unknownClaimIds.join(", ")}`);
  }
  if (summary.unknownStatements.length > 0) {
    out.push(`warning: results labelled with unknown statements (counted under the primary one): ${summary.unknownStatements.join(", ")}`);
  }
  if (summary.unlabelled > 0) {
    const files = summary.unlabelledFiles;
    const where = files.length === 0 ? "" : ` in ${files.slice(0, 3).join(", ")}${files.length > 3 ? `, … (${files.length} files)` : ""}`;
    out.push(
      `warning: ${summary.unlabelled} result(s) carry no \`${CLAIM_LABEL}\` label${where} ` +
        "(a claim test must call labelClaim; results of other runs in allure-results/ also show here)",
    );
  }
  return out.join("\n");
}
