/**
 * What one run of the claim specs decided, per test, read from vitest's JSON reporter
 * (`--reporter=json`): the claim each test belongs to (its title starts with the claim id), whether
 * it is a control test (`<id> (control) — …`), and its outcome.
 */
import { CLAIM_IDS, type ClaimId } from "../claims/catalog.ts";

/** `fail`: an assertion failed; `inconclusive`: the test threw an "inconclusive: …" error (a run outside the regime, a diverged run). */
export type Outcome = "pass" | "fail" | "inconclusive" | "skipped";

export interface TestOutcome {
  readonly claim: ClaimId;
  readonly control: boolean;
  /** The test title without fast-check's "(with seed=N)" suffix. */
  readonly title: string;
  readonly outcome: Outcome;
  /** First line(s) of the failure message (at most 400 characters), for failures only. */
  readonly message?: string;
}

/** The subset of vitest's JSON report read here. */
export interface VitestJsonReport {
  readonly testResults: ReadonlyArray<{
    readonly name: string;
    readonly message?: string;
    /** Epoch milliseconds (vitest ≥ 1 writes them; optional here). */
    readonly startTime?: number;
    readonly endTime?: number;
    readonly assertionResults: ReadonlyArray<{ readonly title: string; readonly status: string; readonly failureMessages?: readonly string[] | null }>;
  }>;
}

const CLAIM_SET: ReadonlySet<string> = new Set(CLAIM_IDS);

/** Title without "(with seed=N)"; whitespace collapsed. */
export function normaliseTitle(title: string): string {
  return title.replace(/\s*\(with seed=-?\d+\)/g, "").replace(/\s+/g, " ").trim();
}

/** The claim id a test title starts with, or `undefined` (e.g. a regression-baseline test). */
export function claimOfTitle(title: string): ClaimId | undefined {
  const first = title.trim().split(/[\s(]/, 1)[0] ?? "";
  return CLAIM_SET.has(first) ? (first as ClaimId) : undefined;
}

function outcomeOf(status: string, messages: readonly string[]): Outcome {
  if (status === "passed") return "pass";
  if (status === "failed") return /inconclusive/i.test(messages.join("\n")) ? "inconclusive" : "fail";
  return "skipped";
}

/** The claim tests of one spec file of a report. */
export interface FileOutcomes {
  /** The file as vitest names it (an absolute path). */
  readonly file: string;
  /** endTime − startTime, when the report has them. */
  readonly seconds?: number;
  readonly outcomes: TestOutcome[];
}

/**
 * The claim tests of a vitest JSON report, per spec file, in report order. A spec file that failed
 * to load (no tests, a message) is an error: the run decided nothing.
 * @throws naming the file when a spec file failed as a whole.
 */
export function testOutcomesByFile(report: VitestJsonReport): FileOutcomes[] {
  return report.testResults.map((file) => {
    if (file.assertionResults.length === 0 && file.message !== undefined && file.message !== "") {
      throw new Error(`testOutcomes: ${file.name} ran no test: ${file.message.split("\n")[0]}`);
    }
    const out: TestOutcome[] = [];
    for (const t of file.assertionResults) {
      const title = normaliseTitle(t.title);
      const claim = claimOfTitle(title);
      if (claim === undefined) continue;
      const messages = t.failureMessages ?? [];
      const outcome = outcomeOf(t.status, messages);
      const message = outcome === "fail" || outcome === "inconclusive" ? messages.join("\n").slice(0, 400) : undefined;
      out.push({ claim, control: new RegExp(`^${claim.replace("-", "\\-")} \\(control\\)`).test(title), title, outcome, ...(message === undefined ? {} : { message }) });
    }
    const seconds = file.startTime !== undefined && file.endTime !== undefined ? (file.endTime - file.startTime) / 1000 : undefined;
    return { file: file.name, ...(seconds === undefined ? {} : { seconds }), outcomes: out };
  });
}

/**
 * The claim tests of a vitest JSON report, in report order (`testOutcomesByFile`, flattened).
 * @throws naming the file when a spec file failed as a whole.
 */
export function testOutcomes(report: VitestJsonReport): TestOutcome[] {
  return testOutcomesByFile(report).flatMap((f) => f.outcomes);
}

/** A claim's verdict in one run: did every claim test pass, and did every control test pass (i.e. the control failed the check, as required)? */
export interface ClaimRunVerdict {
  readonly claim: ClaimId;
  /** Every non-control test of the claim passed. */
  readonly claimPassed: boolean;
  /** Some non-control test was inconclusive (and none failed outright). */
  readonly inconclusive: boolean;
  /** Every control test passed (the control broke the check, as it must). */
  readonly controlsPassed: boolean;
  /** Titles of the tests that did not pass. */
  readonly failedTests: readonly string[];
}

/** Per claim (catalogue order), the verdict of one run from its test outcomes; claims with no test are left out. */
export function claimVerdicts(outcomes: readonly TestOutcome[]): ClaimRunVerdict[] {
  const verdicts: ClaimRunVerdict[] = [];
  for (const claim of CLAIM_IDS) {
    const tests = outcomes.filter((o) => o.claim === claim && o.outcome !== "skipped");
    if (tests.length === 0) continue;
    const claimTests = tests.filter((t) => !t.control);
    const controls = tests.filter((t) => t.control);
    const bad = (t: TestOutcome) => t.outcome !== "pass";
    verdicts.push({
      claim,
      claimPassed: !claimTests.some(bad),
      inconclusive: claimTests.some((t) => t.outcome === "inconclusive") && !claimTests.some((t) => t.outcome === "fail"),
      controlsPassed: !controls.some(bad),
      failedTests: tests.filter(bad).map((t) => t.title),
    });
  }
  return verdicts;
}
