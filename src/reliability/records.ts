/**
 * The stored results of the reliability runs (`npm run reliability:flake`,
 * `npm run reliability:mutants`, `npm run reliability:benign`) — `fixtures/reliability/flake/<family>.json`
 * (one per claim family), `fixtures/reliability/kill-matrix.json` and
 * `fixtures/reliability/benign-matrix.json` — from which `docs/reliability.md` and the report's
 * "Reliability" section are rendered.
 */
import type { ClaimRunVerdict, TestOutcome } from "./testOutcomes.ts";
import type { BenignVariant, OutOfConventionVariant } from "./trainerVariant.ts";

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
  /**
   * Set when the stream ran batched (`reliability:flake -- --batched K`): its training requests
   * were trained by the coalescing server together with those of up to K − 1 other streams (the
   * same reference trainer, the same numbers); `seconds` then includes waiting for the server.
   */
  readonly batched?: number;
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
  /**
   * Set when the record was carried forward across a behaviour-preserving change
   * (`npx tsx scripts/reliability.ts carry`, `carryForward.ts`) instead of being re-measured: one
   * entry per carry, oldest first. The streams stay as measured; `fingerprint` and `commit` are
   * those of the last carry's `toCommit`.
   */
  readonly carriedForward?: readonly CarriedForward[];
}

/** One carry of a family record from one code to another (`FamilyFlakeRecord.carriedForward`). */
export interface CarriedForward {
  /** The record's fingerprint before the carry (the code its streams — or its last carry — ran). */
  readonly fromFingerprint: string;
  /** The commit checked out as the old code (where `fromFingerprint` is the family's fingerprint). */
  readonly fromCommit: string;
  /** HEAD when carried: the new `commit` of the record. */
  readonly toCommit: string;
  /** The streams re-run on both codes, with identical normalised Allure results. */
  readonly checkedStreams: readonly number[];
  /** Tests compared per stream (the family's spec file's tests). */
  readonly tests: number;
  /** Attachments compared byte for byte, over all checked streams. */
  readonly attachments: number;
  /** ISO date-time of the carry. */
  readonly date: string;
  /** Set when the numbers written in the family's code changed and the carry was accepted anyway (`--accept-literals`): the values only in the old and only in the new code. */
  readonly acceptedLiteralChanges?: { readonly onlyBefore: readonly number[]; readonly onlyAfter: readonly number[] };
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

/** The claim specs run once (default seeds) through one variant of the benign matrix (src/reliability/matrixVariants.ts). */
export interface BenignRecord extends SpecRunVerdicts {
  readonly variant: string;
  /** The `THEOREM_SPEC_TRAINER` value the run used. */
  readonly trainer: string;
  /** The commit this variant's run was measured at (the record's \`commit\` is its last update); absent in the first record. */
  readonly commit?: string;
  /** When the run could not be made at all (the trainer did not start…): the error; no verdicts then. */
  readonly error?: string;
}

/**
 * A variant as the record lists it: its kind, description, flags, and why it is benign (or outside
 * the conventions, with the claims that must reject it). Records made before 2026-12-04 have no `kind`:
 * every variant was then listed as benign, with `whyCorrect`.
 */
export type RecordedVariant = Omit<BenignVariant, "name"> | Omit<OutOfConventionVariant, "name">;

export interface BenignMatrixRecord extends RunProvenance {
  /** The seed of the runs (`THEOREM_SPEC_SEED`, the CI default). */
  readonly seed: number;
  /** The published variant list at the time of the run; the matrix is judged by the current list (src/reliability/matrixVariants.ts). */
  readonly variantList: readonly RecordedVariant[];
  readonly variants: readonly BenignRecord[];
}
