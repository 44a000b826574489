/**
 * The claim families the CLI can run: `npx theorem-spec run|export <claim>` looks the claim up
 * here. A family registers one `FamilyRunner`; the CLI does the rest (argument parsing and
 * validation, the common options, `--dry-run`, progress display, printing, `--json`, writing the
 * export file, `--help`).
 *
 * ## Adding a family (the pattern; `families/neuralCollapse.ts` is the worked example)
 *
 * 1. Create `src/cli/families/<family>.ts` exporting a `FamilyRunner`:
 *    - `family` and `claims` — the catalogue family and the ids this runner can run (usually all
 *      of the family's claims; a claim may be left out until its experiment exists);
 *    - `description` — one paragraph: what one run trains and measures;
 *    - `options` — the family's own options (`OptionSpec`: sizes, η, λ, …) with their ranges,
 *      so bad values are rejected with the value and what was expected. The common options
 *      `--profile`, `--seed`, `--seeds`, `--steps` are parsed by the CLI and handed over in
 *      `CommonSettings`; do not redeclare them;
 *    - `examples` — command lines for `run --help`. Mark each `quick` (runs in seconds: the CLI
 *      documentation test, `tests/cli/docs.test.ts`, executes it) or not (the test only checks
 *      that it parses, with `--dry-run`);
 *    - `prepare(claim, settings, options)` — build the experiment's configuration from the
 *      profile defaults and the overrides, **without training**, and return a `PreparedRun`:
 *      its `configuration` (flat name → value, printed by `--dry-run` and before training, and
 *      recorded in the export) and `run(context)`, which trains and measures;
 *    - `run(context)` resolves to a `ClaimRun`: the `tables` of measured values `run` prints,
 *      the `decisions` of the claim's rule (and its control) on this one configuration, and
 *      `exportData(options)`, the raw data `export` writes (weights, features, trajectories —
 *      typed arrays are fine, `toJsonValue` converts them).
 *    Use the family's experiment module (`src/experiments/<family>Experiment.ts`) and decision
 *    rules (`<family>Predictions.ts`) exactly as the spec does, so `run` measures what the spec
 *    decides; take the spec's constants (and case generators, for exact checks) from those
 *    modules rather than repeating them. Report progress through `context.progress` (see
 *    `captureTrainer`, which also keeps the raw snapshots a Trainer returns, for the export).
 *    `runSettings.ts` (seeds and steps from the profile, lengths scaled to short runs, refusing
 *    options a claim does not use) and `exportTensors.ts` (the export's matrix format) are shared.
 * 2. Add the runner to `FAMILY_RUNNERS` below.
 * 3. Add a quick example to `tests/cli/registry.test.ts`'s expectations if the family has a
 *    special case; the generic registry test already runs every runner's quick examples.
 */
import { CATALOG, claimById, type ClaimFamily, type ClaimId } from "../claims/catalog.ts";
import type { Profile } from "../profile.ts";
import type { DecisionLike } from "../report/attachDecision.ts";
import { COMMON_RUN_OPTIONS, EXPORT_OPTIONS, HELP_OPTION } from "./commonOptions.ts";
import type { MeasurementTable } from "./format.ts";
import type { OptionSpec, OptionValues } from "./options.ts";
import { dualityRunner } from "../families/duality/dualityRunner.ts";
import { generalizationBoundsRunner } from "../families/generalization-bounds/generalizationBoundsRunner.ts";
import { lowRankRunner } from "./families/lowRank.ts";
import { neuralCollapseRunner } from "./families/neuralCollapse.ts";
import { normalizationRunner } from "../families/normalization/normalizationRunner.ts";
import { sgdNoiseRunner } from "../families/sgd-noise/sgdNoiseRunner.ts";

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

/** Every registered family, in catalogue order. */
export const FAMILY_RUNNERS: readonly FamilyRunner[] = [normalizationRunner, neuralCollapseRunner, dualityRunner, lowRankRunner, sgdNoiseRunner, generalizationBoundsRunner];

/** The runner that can run `claim`, or `undefined` when its family has not registered one yet. */
export function runnerFor(claim: ClaimId, runners: readonly FamilyRunner[] = FAMILY_RUNNERS): FamilyRunner | undefined {
  return runners.find((r) => r.claims.includes(claim));
}

/** The claim ids some runner can run, in catalogue order. */
export function runnableClaims(runners: readonly FamilyRunner[] = FAMILY_RUNNERS): ClaimId[] {
  return CATALOG.filter((c) => runnerFor(c.id, runners) !== undefined).map((c) => c.id);
}

/**
 * Checks the registry: every runner's claims are catalogue ids of its family, no claim has two
 * runners, and no family redeclares a shared option (`commonOptions.ts`). Returns the problems found (empty when consistent).
 */
export function registryProblems(runners: readonly FamilyRunner[] = FAMILY_RUNNERS): string[] {
  const problems: string[] = [];
  const shared = new Set([...COMMON_RUN_OPTIONS, ...EXPORT_OPTIONS, HELP_OPTION].map((o) => o.name));
  for (const r of runners) {
    for (const o of r.options) if (shared.has(o.name)) problems.push(`${r.family} declares --${o.name}, an option every family shares`);
  }
  const seen = new Map<string, ClaimFamily>();
  for (const r of runners) {
    for (const id of r.claims) {
      const claim = claimById(id);
      if (claim.family !== r.family) problems.push(`${id} belongs to ${claim.family}, registered by the ${r.family} runner`);
      const other = seen.get(id);
      if (other !== undefined) problems.push(`${id} is registered twice (${other}, ${r.family})`);
      seen.set(id, r.family);
    }
  }
  return problems;
}
