/**
 * The claims summary of `npm run verify`: one verdict per catalogue claim, from the Allure
 * results of a run. Pure: it takes parsed `*-result.json` objects (see `readAllureResults`).
 *
 * A result belongs to a claim through its label `claim`; it is a control test when it carries the
 * tag `control` (see `labelClaim`). Verdicts:
 * - **did not hold** — some result of the claim failed (a claim test whose prediction failed, or a
 *   control test whose check did *not* fail on the control);
 * - **inconclusive** — no failure, but some result was broken (an error other than an assertion),
 *   skipped or of unknown status, or the claim has only control results;
 * - **held** — every result passed, claim tests and control tests alike;
 * - **not yet specified** — no result carries the claim's id.
 */
import { CATALOG, type Claim } from "../claims/catalog.ts";
import { CLAIM_LABEL, CONTROL_TAG, KEY_MEASUREMENT_PARAMETER } from "./conventions.ts";

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

export type Verdict = "held" | "did not hold" | "inconclusive" | "not yet specified";

export interface ClaimSummary {
  readonly id: string;
  readonly title: string;
  readonly verdict: Verdict;
  /** Results of claim tests (not controls), by status. */
  readonly tests: StatusCounts;
  /** Results of control tests, by status. */
  readonly controls: StatusCounts;
  /**
   * The `key measurement` parameters of the claim tests (then of the controls), distinct, in
   * result order, joined by "; ".
   */
  readonly keyMeasurement?: string;
  /** Why the verdict is what it is, one line per reason (failed and broken test names, missing controls). */
  readonly notes: readonly string[];
}

export interface StatusCounts {
  passed: number;
  failed: number;
  broken: number;
  skipped: number;
  unknown: number;
}

export interface RunSummary {
  /** One entry per catalogue claim, in catalogue order. */
  readonly claims: readonly ClaimSummary[];
  /** `claim` label values that are not catalogue ids (a typo in a spec). */
  readonly unknownClaimIds: readonly string[];
  /** Results without a `claim` label. */
  readonly unlabelled: number;
  /** The test files of those results (from `fullName`, `<project>:<file>#<name>`), distinct, sorted. */
  readonly unlabelledFiles: readonly string[];
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

function summariseClaim(claim: Claim, results: readonly AllureResultLike[]): ClaimSummary {
  const tests = emptyCounts();
  const controls = emptyCounts();
  const notes: string[] = [];
  for (const r of results) {
    const control = isControl(r);
    countStatus(control ? controls : tests, r.status);
    if (r.status === "failed") {
      notes.push(control ? `control failed (the check did not fail on the control): ${testName(r)}` : `failed: ${testName(r)}`);
    } else if (r.status !== "passed") {
      notes.push(`${r.status ?? "no status"}: ${testName(r)}`);
    }
  }
  const ordered = [...results.filter((r) => !isControl(r)), ...results.filter(isControl)];
  const keys = [...new Set(ordered.map(keyMeasurementOf).filter((k): k is string => k !== undefined))];
  const total = (c: StatusCounts) => c.passed + c.failed + c.broken + c.skipped + c.unknown;
  let verdict: Verdict;
  if (results.length === 0) {
    verdict = "not yet specified";
  } else if (tests.failed + controls.failed > 0) {
    verdict = "did not hold";
  } else if (total(tests) === 0) {
    verdict = "inconclusive";
    notes.push("only control tests ran; no test of the claim itself");
  } else if (tests.passed === total(tests) && controls.passed === total(controls)) {
    verdict = "held";
    if (total(controls) === 0) notes.push("no control test");
  } else {
    verdict = "inconclusive";
  }
  return {
    id: claim.id,
    title: claim.title,
    verdict,
    tests,
    controls,
    ...(keys.length > 0 ? { keyMeasurement: keys.join("; ") } : {}),
    notes,
  };
}

/**
 * One verdict per catalogue claim from a run's Allure results (retries collapsed to the last
 * attempt).
 * @example summariseRun(await readAllureResults("allure-results")).claims.filter((c) => c.verdict === "held")
 */
/**
 * Allure features of the suite's own checks, which belong to no claim: the regression baselines
 * (specs/regression.spec.ts) and the reliability figures (specs/reliability.spec.ts). Their
 * results are not "unlabelled".
 */
export const SUITE_FEATURES: readonly string[] = ["Regression baselines", "Reliability of the verdicts"];

export function summariseRun(results: readonly AllureResultLike[], catalog: readonly Claim[] = CATALOG): RunSummary {
  const latest = latestAttempts(results);
  const known = new Set(catalog.map((c) => c.id as string));
  const byClaim = new Map<string, AllureResultLike[]>();
  const unknown = new Set<string>();
  let unlabelled = 0;
  const unlabelledFiles = new Set<string>();
  for (const r of latest) {
    const ids = labelValues(r, CLAIM_LABEL);
    if (ids.length === 0 && !labelValues(r, "feature").some((f) => SUITE_FEATURES.includes(f))) {
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
  return {
    claims: catalog.map((c) => summariseClaim(c, byClaim.get(c.id) ?? [])),
    unknownClaimIds: [...unknown].sort(),
    unlabelled,
    unlabelledFiles: [...unlabelledFiles].sort(),
  };
}

/**
 * Exit code of `npm run verify`: 1 when a claim did not hold or the test run itself failed
 * (`testRunExitCode ≠ 0`), else 0. Inconclusive and unspecified claims do not fail the run.
 */
export function verifyExitCode(summary: RunSummary, testRunExitCode: number): number {
  return testRunExitCode !== 0 || summary.claims.some((c) => c.verdict === "did not hold") ? 1 : 0;
}

const ANSI: Record<Verdict, string> = {
  held: "\u001b[32m",
  "did not hold": "\u001b[31m",
  inconclusive: "\u001b[33m",
  "not yet specified": "\u001b[2m",
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
  /** Widest key-measurement column before clipping with "…". Default 60. */
  readonly maxKeyWidth?: number;
}

/**
 * The terminal table: id, title, verdict, key measurement; then the counts per verdict and any
 * warnings (unknown claim ids, unlabelled results).
 */
export function formatSummaryTable(summary: RunSummary, options: TableOptions = {}): string {
  const maxKey = options.maxKeyWidth ?? 60;
  const header = ["claim", "title", "verdict", "key measurement"];
  const rows = summary.claims.map((c) => [c.id, c.title, c.verdict, clip(c.keyMeasurement ?? "", maxKey)]);
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
  summary.claims.forEach((c, i) => out.push(line(rows[i] ?? [], c.verdict)));
  const counts = (["held", "did not hold", "inconclusive", "not yet specified"] as const)
    .map((v) => `${summary.claims.filter((c) => c.verdict === v).length} ${v}`)
    .join(", ");
  out.push("", `${summary.claims.length} claims: ${counts}`);
  for (const c of summary.claims) {
    if (c.verdict === "did not hold" || c.verdict === "inconclusive") {
      for (const n of c.notes) out.push(`  ${c.id}: ${n}`);
    }
  }
  if (summary.unknownClaimIds.length > 0) {
    out.push(`warning: results labelled with unknown claim ids: ${summary.unknownClaimIds.join(", ")}`);
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
