/**
 * The shell command that re-runs one test with the seeds and profile of a reported run.
 */

export interface ReplayTarget {
  /** Profile name (`THEOREM_SPEC_PROFILE`). */
  readonly profile: string;
  /** Base seed (`THEOREM_SPEC_SEED`). */
  readonly seed: number;
  /** fast-check seed (`THEOREM_SPEC_FC_SEED`). */
  readonly fcSeed: number;
  /** Test file, relative to the repository root. */
  readonly file: string;
  /** The names of the enclosing describe blocks, then the test's own title. */
  readonly testNames: readonly string[];
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/**
 * The `-t` pattern selecting the test: vitest matches `-t` as a regular expression against the
 * describe names and the test title joined by single spaces (not the `" > "` of its output).
 * @example testNamePattern(["NC", "NC1 → 0 (λ > 0)"]) // "NC NC1 → 0 \\(λ > 0\\)"
 */
export function testNamePattern(testNames: readonly string[]): string {
  return testNames.join(" ").replace(REGEX_SPECIAL, "\\$&");
}

/** `s` inside double quotes for POSIX shells: escapes `\`, `"`, `$` and backquote. */
export function shellDoubleQuote(s: string): string {
  return `"${s.replace(/[\\"$`]/g, "\\$&")}"`;
}

function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * `THEOREM_SPEC_PROFILE=<p> THEOREM_SPEC_SEED=<s> THEOREM_SPEC_FC_SEED=<fc> npx vitest run <file> -t "<name>"`.
 * @example replayCommand({ profile: "ci", seed: 1, fcSeed: 2, file: "specs/nc.spec.ts", testNames: ["NC", "NC1 → 0"] })
 */
export function replayCommand(t: ReplayTarget): string {
  return (
    `THEOREM_SPEC_PROFILE=${shellWord(t.profile)} THEOREM_SPEC_SEED=${t.seed} THEOREM_SPEC_FC_SEED=${t.fcSeed} ` +
    `npx vitest run ${shellWord(t.file)} -t ${shellDoubleQuote(testNamePattern(t.testNames))}`
  );
}
