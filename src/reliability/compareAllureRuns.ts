/**
 * Two normalised Allure runs of one spec file (`normaliseAllureResults.ts`) compared test by test
 * (by key: the full name after the spec's path) and fact by fact: status, messages, labels,
 * parameters, steps, and every attachment's content byte for byte. Equal means: the same tests, and
 * every test recorded the same status, the same evidence and the same charts.
 *
 * @example compareAllureRuns(oldRun, newRun).differences.length === 0 // the runs recorded the same behaviour
 */
import type { AllureFact, NormalisedRun } from "./normaliseAllureResults.ts";

export interface RunDifference {
  /** The test's key. */
  readonly test: string;
  /** What differs: `test only in the old run`, `status`, `attachment "…"`… (with step names). */
  readonly what: string;
  /** A short description of the difference (the first differing line, or byte offset). */
  readonly diff: string;
}

export interface RunComparison {
  /** Tests present in both runs. */
  readonly tests: number;
  /** Attachments present in both runs (compared by content). */
  readonly attachments: number;
  /** Every difference, in test order; empty when the runs agree. */
  readonly differences: readonly RunDifference[];
}

/** Characters of context either side of the first difference in a text. */
const CONTEXT = 60;

const isBytes = (v: string | Uint8Array): v is Uint8Array => typeof v !== "string";

function equal(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (!isBytes(a) || !isBytes(b)) return isBytes(a) === isBytes(b) && a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Where two values first differ, briefly: for text (and text attachments), the line and column
 * and ±60 characters of each side; for binary content, the byte offset and lengths.
 */
export function shortDiff(before: string | Uint8Array, after: string | Uint8Array, attachmentType?: string): string {
  const binary = attachmentType !== undefined && !/^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/.test(attachmentType);
  if (binary && isBytes(before) && isBytes(after)) {
    let i = 0;
    while (i < before.length && i < after.length && before[i] === after[i]) i++;
    return `first differing byte at offset ${i} (old ${before.length} bytes, new ${after.length} bytes)`;
  }
  const a = isBytes(before) ? new TextDecoder().decode(before) : before;
  const b = isBytes(after) ? new TextDecoder().decode(after) : after;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split("\n").length;
  const column = i - a.lastIndexOf("\n", i - 1);
  const around = (s: string) => JSON.stringify(`${i - CONTEXT > 0 ? "…" : ""}${s.slice(Math.max(0, i - CONTEXT), i + CONTEXT)}${i + CONTEXT < s.length ? "…" : ""}`);
  return `line ${line}, column ${column}: old ${around(a)} ≠ new ${around(b)}`;
}

/** `before` (the old code's run) against `after` (the new code's). */
export function compareAllureRuns(before: NormalisedRun, after: NormalisedRun): RunComparison {
  const differences: RunDifference[] = [];
  let tests = 0;
  let attachments = 0;
  const afterByKey = new Map(after.tests.map((t) => [t.key, t]));
  const beforeKeys = new Set(before.tests.map((t) => t.key));
  for (const t of before.tests) {
    const u = afterByKey.get(t.key);
    if (u === undefined) {
      differences.push({ test: t.key, what: "test only in the old run", diff: `no test of this name in the new run (old: ${t.fullName})` });
      continue;
    }
    tests++;
    const theirs = new Map<string, AllureFact>(u.facts.map((f) => [f.path, f]));
    for (const f of t.facts) {
      const g = theirs.get(f.path);
      if (g === undefined) {
        differences.push({ test: t.key, what: f.label, diff: "only in the old run" });
        continue;
      }
      if (f.attachmentType !== undefined) attachments++;
      if (!equal(f.value, g.value)) differences.push({ test: t.key, what: g.label === f.label ? f.label : `${f.label} (new: ${g.label})`, diff: shortDiff(f.value, g.value, f.attachmentType) });
    }
    const mine = new Set(t.facts.map((f) => f.path));
    for (const g of u.facts) if (!mine.has(g.path)) differences.push({ test: t.key, what: g.label, diff: "only in the new run" });
  }
  for (const u of after.tests) {
    if (!beforeKeys.has(u.key)) differences.push({ test: u.key, what: "test only in the new run", diff: `no test of this name in the old run (new: ${u.fullName})` });
  }
  return { tests, attachments, differences };
}
