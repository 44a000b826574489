/**
 * The one runner every claim family goes through. A family declares what is its own — per claim,
 * the configuration built from the options, the trainers it trains with, its experiment, its
 * tables, its decision list (the spec's `decide*` rules) and the shape of its export — and
 * `familyRunner` / `planRun` do the plumbing once: refusing other families' claims and the options
 * a claim does not use, wrapping the trainers for progress and capture (`captureTrainer`),
 * untrained phases (exact checks) as progress, dropping absent tables, and the export's envelope
 * (experiment, conventions with the snapshot note, configuration, and the family's data).
 * A leaf of the CLI: it imports no family and no command, so families may use it
 * (docs/architecture.md, "Adding a claim family").
 */
import type { ClaimId } from "../claims/catalog.ts";
import type { OutputView } from "../data/outputView.ts";
import type { DecisionLike } from "../report/attachDecision.ts";
import { sgdTrainer, type SgdTrainerOptions } from "../train/sgdTrainer.ts";
import type { TrainingRequest } from "../train/types.ts";
import { captureTrainer, type CapturingTrainer } from "./captureTrainer.ts";
import type { MeasurementTable } from "./format.ts";
import { numberOption, stringOption, UsageError, type OptionSpec, type OptionValues } from "./options.ts";
import type { CliExample, ClaimRun, CommonSettings, ExportOptions, FamilyRunner, ParameterValue, PreparedRun, RunContext, RunDecision } from "./runnerTypes.ts";
import { rejectOptions } from "./runSettings.ts";

/** A trainer a claim trains with: the reference `sgdTrainer(options)`, its calls named for the progress line. */
export interface TrainerDeclaration {
  /** `sgdTrainer`'s options, e.g. `{ trainOnlyLastLayer: true }` (features frozen at initialisation). */
  readonly options?: SgdTrainerOptions;
  /** The progress line of one training call, e.g. `trainingLabel(() => "λ = 0")`. */
  readonly label: (request: TrainingRequest) => string;
}

/** What the experiment gets besides its trainers. */
export interface MeasureTools {
  /** Progress of an untrained phase (e.g. materialising operators): `label`, `done` of `total`. */
  readonly progress: RunContext["progress"];
  /** Runs `work` as one unit of progress under `label` (an exact check's phase). */
  phase<T>(label: string, work: () => T | Promise<T>): Promise<T>;
}

/** A claim's export beyond the envelope the CLI writes (claim, command, configuration, decisions). */
export interface ExportDeclaration<R, K extends string> {
  /** `"<what> — <module that computes it>"`. */
  readonly experiment: string;
  /** What is where in the data (weights' layout, units, …), fixed or read off the result; `snapshots` is added. */
  readonly conventions: Readonly<Record<string, string>> | ((result: R) => Readonly<Record<string, string>>);
  /** The `snapshots` note for `--weights all` and for `ends` (default: recorded snapshots); `null` when nothing is trained. */
  readonly snapshots?: readonly [all: string, ends: string] | null;
  /** The family's fields: configuration, architecture, trainer, runs with their raw snapshots. */
  data(result: R, trainers: Readonly<Record<K, CapturingTrainer>>, options: ExportOptions): Readonly<Record<string, unknown>>;
}

/** One claim's run, declared: `planRun` makes it a `PreparedRun`. */
export interface ClaimPlan<R, K extends string> {
  /** The configuration, flat: printed by `--dry-run` and before training, and exported. */
  readonly configuration: Readonly<Record<string, ParameterValue>>;
  /** The trainers `measure` gets, by name (none for a claim that trains nothing). */
  readonly trainers: Readonly<Record<K, TrainerDeclaration>>;
  /** Trains and measures: the family's experiment on the configuration. */
  measure(trainers: Readonly<Record<K, CapturingTrainer>>, tools: MeasureTools): Promise<R>;
  /** The tables to print, in order; `undefined` entries (a table that needs a sweep not trained) are left out. */
  tables(result: R): ReadonlyArray<MeasurementTable | undefined>;
  /** The decision list on this configuration, and the warnings (runs outside the regime, a decision that could not be made). */
  decide(result: R): { readonly decisions: readonly RunDecision[]; readonly warnings?: readonly string[] };
  readonly export: ExportDeclaration<R, K>;
}

/** A decision of the claim's prediction: it must hold. */
export const prediction = (label: string, decision: DecisionLike): RunDecision => ({ label, expected: true, decision });

/** A decision on a control: the check must fail there. */
export const control = (label: string, decision: DecisionLike): RunDecision => ({ label, expected: false, decision });

/**
 * The progress line of a training call: `training <what> (<runs> runs × <steps> steps<more>)`.
 * @example trainingLabel(optimiser) // "training SGD, B = 8 (15 runs × 5000 steps)"
 */
export function trainingLabel(what: (r: TrainingRequest) => string, more: (r: TrainingRequest) => string = () => ""): (r: TrainingRequest) => string {
  return (r) => `training ${what(r)} (${r.runs.length} runs × ${r.steps} steps${more(r)})`;
}

/** The optimiser of a request: `full-batch GD` or `SGD, B = <B>`. */
export const optimiser = (r: TrainingRequest): string => (r.batchSize === "full" ? "full-batch GD" : `SGD, B = ${r.batchSize}`);

/**
 * The warning for runs outside the regime the theory assumes: `[]` when every run of `runs` is
 * `inRegime`, else `"<k> of <n> runs <what>; the spec would call <consequence> inconclusive"`.
 */
export function regimeWarnings<T>(runs: readonly T[], inRegime: (run: T) => boolean, what: string, consequence = "this configuration"): string[] {
  const outside = runs.filter((r) => !inRegime(r)).length;
  return outside === 0 ? [] : [`${outside} of ${runs.length} runs ${what}; the spec would call ${consequence} inconclusive`];
}

/** The mixture rows every trained family prints first: C, d, N, separation / noise. */
export function mixtureRows(c: { readonly classes: number; readonly dim: number; readonly perClass: number; readonly separation: number; readonly noise: number }): Record<string, ParameterValue> {
  return { "classes C": c.classes, "input dim d": c.dim, "train samples N": c.classes * c.perClass, "separation / noise": `${c.separation} / ${c.noise}` };
}

/** `--view` of the families that train a binary and a one-hot view (normalisation, duality); `--classes` goes with it. */
export const VIEW_OPTION: OptionSpec = { name: "view", kind: "choice", choices: ["binary", "one-hot"], placeholder: "<view>", description: "one ±1 output (C = 2), or C one-hot outputs", defaultText: "binary" };

/**
 * The output view and its number of classes: C = 2 for the binary view, `--classes` (else
 * `oneHotClasses`) for the one-hot view.
 * @throws UsageError for `--classes` other than 2 without `--view one-hot`.
 */
export function outputView(options: OptionValues, oneHotClasses: number): { view: OutputView; classes: number } {
  const view = stringOption(options, "view", "binary") as OutputView;
  if (view === "binary" && options.classes !== undefined && options.classes !== 2) {
    throw new UsageError(`run: --classes ${String(options.classes)} needs --view one-hot; the binary view has C = 2 (one ±1 output)`, "run");
  }
  return { view, classes: view === "binary" ? 2 : numberOption(options, "classes", oneHotClasses) };
}

/** The rows the two-view families print first: the output view (`binary (one output, y = ±1)` or `one-hot (C = <C>)`), N, d. */
export function viewRows(c: { readonly view: string; readonly classes: number; readonly perClass: number; readonly dim: number }): Record<string, ParameterValue> {
  return { "output view": c.view === "binary" ? "binary (one output, y = ±1)" : `one-hot (C = ${c.classes})`, "train samples N": c.classes * c.perClass, "input dim d": c.dim };
}

const SNAPSHOTS: readonly [string, string] = ["every recorded snapshot", "first and last snapshot (use --weights all for every one)"];

/**
 * The `PreparedRun` of a declared claim run.
 * @example planRun({ configuration, trainers: { main: { label } }, measure: (t) => runX(config, { trainer: t.main }), tables, decide, export: { ... } })
 */
export function planRun<R, K extends string>(plan: ClaimPlan<R, K>): PreparedRun {
  return {
    configuration: plan.configuration,
    async run(context: RunContext): Promise<ClaimRun> {
      const progress = context.progress.bind(context);
      const entries = Object.entries<TrainerDeclaration>(plan.trainers).map(([name, t]) => [name, captureTrainer(sgdTrainer(t.options), t.label, progress)] as const);
      const trainers = Object.fromEntries(entries) as Record<K, CapturingTrainer>;
      const phase = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
        progress(label, 0, 1);
        const out = await work();
        progress(label, 1, 1);
        return out;
      };
      const result = await plan.measure(trainers, { progress, phase });
      const { decisions, warnings = [] } = plan.decide(result);
      const { experiment, conventions, snapshots = SNAPSHOTS, data } = plan.export;
      return {
        tables: plan.tables(result).filter((t): t is MeasurementTable => t !== undefined),
        decisions,
        warnings,
        exportData: (options: ExportOptions) => ({
          experiment,
          conventions: {
            ...(typeof conventions === "function" ? conventions(result) : conventions),
            ...(snapshots === null ? {} : { snapshots: options.snapshots === "all" ? snapshots[0] : snapshots[1] }),
          },
          ...data(result, trainers, options),
        }),
      };
    },
  };
}

/** A family's runner, declared. */
export interface FamilyDeclaration<C extends ClaimId> {
  readonly family: FamilyRunner["family"];
  readonly claims: readonly C[];
  /** The family with its article, as in `"<claim> is not <noun> claim"`: e.g. `"a neural-collapse"`. */
  readonly noun: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly examples: readonly CliExample[];
  /** Per claim, the options it does not take and why (a usage error names the option and the reason). */
  readonly rejects?: Partial<Record<C, { readonly names: readonly string[]; readonly why: string }>>;
  /** The claim's run (usually `planRun({...})`). @throws UsageError when options contradict each other. */
  prepare(claim: C, settings: CommonSettings, options: OptionValues): PreparedRun;
}

/** The `FamilyRunner` of a declaration: claim check and refused options first, then the family's `prepare`. */
export function familyRunner<C extends ClaimId>(d: FamilyDeclaration<C>): FamilyRunner {
  const { noun, rejects, prepare, ...runner } = d;
  return {
    ...runner,
    prepare(claim, settings, options) {
      if (!(d.claims as readonly ClaimId[]).includes(claim)) throw new UsageError(`run: ${claim} is not ${noun} claim`, "run");
      const reject = rejects?.[claim as C];
      if (reject !== undefined) rejectOptions(claim, options, reject.names, reject.why);
      return prepare(claim as C, settings, options);
    },
  };
}
