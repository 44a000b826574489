/**
 * What a claim family's CLI runner is (`FamilyRunner`) and what the CLI hands it and gets back:
 * the types every family's `<family>Runner.ts` implements. A leaf: it imports no family and no
 * CLI command, so families can use it without importing the registry that lists them.
 */
import type { ClaimFamily, ClaimId } from "../claims/catalog.ts";
import type { Profile } from "../profile.ts";
import type { DecisionLike } from "../report/attachDecision.ts";
import type { MeasurementTable } from "./format.ts";
import type { OptionSpec, OptionValues } from "./options.ts";

/** The options every family's `run`/`export` takes, resolved by the CLI. */
export interface CommonSettings {
  /** `--profile`, else `THEOREM_SPEC_PROFILE`, else `ci`: seeds per arm and training scale. */
  readonly profile: Profile;
  /** `--seed`, else `THEOREM_SPEC_SEED`, else 20230024: the configuration's seed (data, init, batches). */
  readonly seed: number;
  /** `--seeds`: independent seeds per arm (default: the profile's `seedsPerConfig`). */
  readonly seeds?: number;
  /** `--steps`: training steps (default: the family's, times the profile's `trainingScale`). */
  readonly steps?: number;
}

export type ParameterValue = string | number | boolean;

/** What a run needs from the CLI while it trains. */
export interface RunContext {
  /** Progress of the current phase (`label`, e.g. "training λ > 0 and λ = 0 (10 runs)"), `done` of `total`. */
  progress(label: string, done: number, total: number): void;
}

/** One decision of the claim's rule on this configuration. */
export interface RunDecision {
  /** e.g. "NC1 on λ > 0" or "NC1 on the control (frozen features)". */
  readonly label: string;
  /** `true` for the claim's prediction, `false` for a control (the check must fail there). */
  readonly expected: boolean;
  /**
   * A statistical rule's `Decision` (`src/stats`), or an exact check's verdict (D1's curves, the
   * closed forms of N1, the identities of R1 and G1), which has the same `holds`, `rule`,
   * `summary` and `inconclusive`.
   */
  readonly decision: DecisionLike;
}

/** What one trained configuration gives the CLI. */
export interface ClaimRun {
  /** Measured values, printed by `run` (and by `run --json` as data). */
  readonly tables: readonly MeasurementTable[];
  /** The claim's decision rule on this configuration (the spec decides over several). */
  readonly decisions: readonly RunDecision[];
  /** Warnings to print (e.g. runs outside the regime the theory assumes). */
  readonly warnings: readonly string[];
  /** The raw data `export` writes. */
  exportData(options: ExportOptions): unknown;
}

export interface ExportOptions {
  /** Weights at every recorded snapshot (`all`), or at the first and last only (`ends`, default). */
  readonly snapshots: "ends" | "all";
}

/** A configuration built from the command line, ready to train. */
export interface PreparedRun {
  /** The configuration, flat (printed by `--dry-run` and before training; in the export). */
  readonly configuration: Readonly<Record<string, ParameterValue>>;
  /** Trains and measures. */
  run(context: RunContext): Promise<ClaimRun>;
}

/** A documented command line of a family (shown by `run --help`, executed by the docs test). */
export interface CliExample {
  /** Full command line, starting with `npx theorem-spec `. */
  readonly command: string;
  /** What it does. */
  readonly description: string;
  /** Runs in seconds on 2 cores: the docs test executes it as is. */
  readonly quick: boolean;
}

export interface FamilyRunner {
  readonly family: ClaimFamily;
  readonly claims: readonly ClaimId[];
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly examples: readonly CliExample[];
  /**
   * The configuration of `claim` from the profile defaults and `options`, without training.
   * @throws UsageError when options contradict each other (e.g. a batch larger than the data).
   */
  prepare(claim: ClaimId, settings: CommonSettings, options: OptionValues): PreparedRun;
}
