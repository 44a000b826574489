/**
 * The stored results of the reliability runs (`npm run reliability:flake`,
 * `npm run reliability:mutants`, `npm run reliability:benign`) — `fixtures/reliability/flake/<family>.json`
 * (one per claim family), `fixtures/reliability/kill-matrix.json` and
 * `fixtures/reliability/benign-matrix.json` — from which `docs/reliability.md` and the report's
 * "Reliability" section are rendered.
 */
import type { ClaimRunVerdict, TestOutcome } from "./testOutcomes.ts";

/** Where and with what a reliability run ran. */
export interface RunProvenance {
  /** ISO date-time of the last update. */
  readonly generated: string;
  /** TF.js backend the specs ran on. */
  readonly backend: string;
  readonly profile: string;
  /** `git rev-parse --short HEAD` (+dirty). */
  readonly commit: string;
  readonly node: string;
  /** `rulesFingerprint` of the specs and experiments that ran (absent in records made before it existed). */
  readonly rules?: string;
}

/** What one run of the claim specs decided. */
export interface SpecRunVerdicts {
  readonly seconds: number;
  /** Tests that ran (claim and control tests). */
  readonly tests: number;
  readonly verdicts: readonly ClaimRunVerdict[];
  /** The tests that did not pass, with their messages. */
  readonly failures: readonly TestOutcome[];
}

/** One seed stream of the CI profile: `THEOREM_SPEC_SEED` = `THEOREM_SPEC_FC_SEED` = `seed`. */
export interface StreamRecord extends SpecRunVerdicts {
  readonly stream: number;
  readonly seed: number;
}

/** The false-failure measurement of every claim at once (`flake.json` and `flake-<commit>.json`, before per-family records; kept as archives). */
export interface FlakeRecord extends RunProvenance {
  readonly streams: readonly StreamRecord[];
}

/**
 * One claim family's false-failure measurement (`fixtures/reliability/flake/<family>.json`): its
 * spec file run over independent seed streams of the CI profile. The record describes the code
 * whose fingerprint it carries; when the family's fingerprint changes it is archived
 * (`flake/archive/<family>-<commit>.json`) and the family re-measured.
 */
export interface FamilyFlakeRecord {
  /** The spec file's name without `.spec.ts` (`neural-collapse`). */
  readonly family: string;
  /** `specs/<family>.spec.ts`. */
  readonly specFile: string;
  /** `familyFingerprint` of the family when its streams ran. */
  readonly fingerprint: string;
  /** `git rev-parse --short HEAD` at the last update, `+dirty` when a fingerprinted file of the family differed from it. */
  readonly commit: string;
  /** ISO date-time of the last update. */
  readonly generated: string;
  readonly backend: string;
  readonly profile: string;
  readonly node: string;
  /**
   * Per stream: the family's claims' verdicts and failing tests. `seconds` is the family's spec
   * file's own time where known; in migrated streams, the whole child run's (every family at once).
   */
  readonly streams: readonly StreamRecord[];
  /** Set when the record was split from a record of every family (`flake.json` before per-family records). */
  readonly migratedFrom?: { readonly file: string; readonly commit: string; readonly rules: string; readonly generated: string };
}

/** The claim specs run once (default seeds) with one mutant in place. */
export interface MutantRecord extends SpecRunVerdicts {
  readonly mutant: string;
}

export interface KillMatrixRecord extends RunProvenance {
  /** The seed of the run (`THEOREM_SPEC_SEED`, the CI default). */
  readonly seed: number;
  readonly mutants: readonly MutantRecord[];
}

/** The claim specs run once (default seeds) through one benign variant (src/reliability/benignVariants.ts). */
export interface BenignRecord extends SpecRunVerdicts {
  readonly variant: string;
  /** The `THEOREM_SPEC_TRAINER` value the run used. */
  readonly trainer: string;
  /** The commit this variant's run was measured at (the record's \`commit\` is its last update); absent in the first record. */
  readonly commit?: string;
  /** When the run could not be made at all (the trainer did not start…): the error; no verdicts then. */
  readonly error?: string;
}

export interface BenignMatrixRecord extends RunProvenance {
  /** The seed of the runs (`THEOREM_SPEC_SEED`, the CI default). */
  readonly seed: number;
  /** The published variant list at the time of the run (id, description, flags, why it is correct). */
  readonly variantList: ReadonlyArray<{ readonly id: string; readonly description: string; readonly flags: readonly string[]; readonly whyCorrect: string }>;
  readonly variants: readonly BenignRecord[];
}
