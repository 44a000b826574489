/**
 * Command-line options: declared once (`OptionSpec`), parsed and validated by `parseArgs`, and
 * listed in `--help` by `formatOptions`. Every error is a `UsageError` that names the command, the
 * option, the value received and what was expected; the CLI prints it with exit code 2.
 */

/** A wrong command line (unknown command, claim or option; bad value). */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at (`theorem-spec <command> --help`). */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export interface OptionSpec {
  /** Long name without the dashes, e.g. `"seed"` for `--seed`. */
  readonly name: string;
  /**
   * `int` (a safe integer), `number` (finite), `string`, `flag` (no value), `choice` (one of
   * `choices`), `list` (comma-separated subset of `choices`), `numbers` (comma-separated finite
   * numbers, e.g. a λ grid).
   */
  readonly kind: "int" | "number" | "string" | "flag" | "choice" | "list" | "numbers";
  /** Smallest accepted value of an `int` or `number`, or of each of `numbers` (inclusive). */
  readonly min?: number;
  /** Largest accepted value of an `int` or `number`, or of each of `numbers` (inclusive). */
  readonly max?: number;
  /** Accepted values of a `choice` or `list`. */
  readonly choices?: readonly string[];
  /** Placeholder of the value in `--help`, e.g. `"<n>"`. */
  readonly placeholder?: string;
  /** One line for `--help`. */
  readonly description: string;
  /** The default, as `--help` shows it (e.g. `"$THEOREM_SPEC_SEED, else 20230024"`). */
  readonly defaultText?: string;
  /** May be given several times; the values are collected in order (a `string` option only). */
  readonly repeatable?: boolean;
}

export type OptionValue = number | string | boolean | readonly string[] | readonly number[];

/** Parsed options by name; absent when not given. */
export type OptionValues = Readonly<Record<string, OptionValue | undefined>>;

export interface ParsedArgs {
  /** Arguments that are not options, in order. */
  readonly positionals: readonly string[];
  readonly options: OptionValues;
  /** `--help` or `-h` was given. */
  readonly help: boolean;
}

function describeRange(spec: OptionSpec): string {
  const what = spec.kind === "int" ? "an integer" : spec.kind === "numbers" ? "a comma-separated list of numbers, each" : "a number";
  if (spec.min !== undefined && spec.max !== undefined) return `${what} in [${spec.min}, ${spec.max}]`;
  if (spec.min !== undefined) return `${what} ≥ ${spec.min}`;
  if (spec.max !== undefined) return `${what} ≤ ${spec.max}`;
  return what;
}

/** What a value of `--<spec.name>` must be, as the error messages state it (e.g. "an integer in [0, 100]"). */
export function expectedValue(spec: OptionSpec): string {
  switch (spec.kind) {
    case "int":
    case "number":
    case "numbers":
      return describeRange(spec);
    case "choice":
      return `one of ${(spec.choices ?? []).join(", ")}`;
    case "list":
      return `a comma-separated list of ${(spec.choices ?? []).join(", ")}`;
    case "string":
      return "a non-empty value";
    case "flag":
      return "no value (it is a flag)";
  }
}

/**
 * The value of `--<spec.name>` converted and checked.
 * @throws UsageError naming the value received and what was expected (`expectedValue(spec)`).
 */
export function parseValue(command: string, spec: OptionSpec, raw: string): OptionValue {
  const fail = (): never => {
    throw new UsageError(`${command}: --${spec.name} ${JSON.stringify(raw)} is not valid; expected ${expectedValue(spec)}`, command);
  };
  switch (spec.kind) {
    case "int":
    case "number": {
      const trimmed = raw.trim();
      const value = trimmed === "" ? Number.NaN : Number(trimmed);
      if (!Number.isFinite(value) || (spec.kind === "int" && !Number.isSafeInteger(value))) fail();
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) fail();
      return value;
    }
    case "choice":
      if (!(spec.choices ?? []).includes(raw)) fail();
      return raw;
    case "list": {
      const items = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
      const bad = items.filter((s) => !(spec.choices ?? []).includes(s));
      if (items.length === 0 || bad.length > 0) fail();
      return [...new Set(items)];
    }
    case "numbers": {
      const items = raw.split(",").map((s) => s.trim());
      const values = items.map((s) => (s === "" ? Number.NaN : Number(s)));
      const inRange = (v: number) => Number.isFinite(v) && (spec.min === undefined || v >= spec.min) && (spec.max === undefined || v <= spec.max);
      if (!values.every(inRange)) fail();
      return values;
    }
    case "string":
      if (raw === "") fail();
      return raw;
    case "flag":
      return fail();
  }
}

/**
 * Parses `argv` of `command` against `specs`: `--name value`, `--name=value`, flags, `-h`/`--help`,
 * and `--` to end the options.
 * @example parseArgs("run", ["NC1", "--seed=7"], [{ name: "seed", kind: "int", description: "" }]).options.seed // 7
 * @throws UsageError for an unknown option (listing the known ones), a missing or invalid value,
 *   or an option given twice that is not repeatable.
 */
export function parseArgs(command: string, argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const positionals: string[] = [];
  const options: Record<string, OptionValue> = {};
  let help = false;
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = arg.startsWith("--") ? byName.get(name) : undefined;
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`).join(", ");
      throw new UsageError(`${command}: unknown option ${JSON.stringify(arg.slice(0, eq < 0 ? undefined : eq))}; ${command} takes ${known === "" ? "no options" : known} (and --help)`, command);
    }
    let value: OptionValue;
    if (spec.kind === "flag") {
      if (eq >= 0) parseValue(command, spec, arg.slice(eq + 1));
      value = true;
    } else {
      const raw = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
      if (raw === undefined) throw new UsageError(`${command}: --${spec.name} needs a value (${spec.placeholder ?? "<value>"})`, command);
      if (eq < 0) i += 1;
      value = parseValue(command, spec, raw);
    }
    if (spec.repeatable === true) {
      options[spec.name] = [...((options[spec.name] as readonly string[] | undefined) ?? []), String(value)];
    } else if (options[spec.name] !== undefined) {
      throw new UsageError(`${command}: --${spec.name} was given twice`, command);
    } else {
      options[spec.name] = value;
    }
  }
  return { positionals, options, help };
}

/**
 * The `Options:` lines of a command's help: `--name <placeholder>  description (default: …)`.
 */
export function formatOptions(specs: readonly OptionSpec[]): string[] {
  const heads = specs.map((s) => `  --${s.name}${s.kind === "flag" ? "" : ` ${s.placeholder ?? "<value>"}`}`);
  const w = Math.max(0, ...heads.map((h) => [...h].length));
  return specs.map((s, i) => {
    const head = heads[i]!;
    const extra = s.defaultText === undefined ? "" : ` (default: ${s.defaultText})`;
    return `${head}${" ".repeat(w - [...head].length)}  ${s.description}${extra}`;
  });
}

/** The option's number, or `fallback` when absent. */
export function numberOption(values: OptionValues, name: string, fallback: number): number {
  const v = values[name];
  return typeof v === "number" ? v : fallback;
}

/** The option's string, or `fallback` when absent. */
export function stringOption(values: OptionValues, name: string, fallback: string): string;
export function stringOption(values: OptionValues, name: string): string | undefined;
export function stringOption(values: OptionValues, name: string, fallback?: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : fallback;
}

/** The option's list (of a `list` option), or `fallback` when absent. */
export function listOption(values: OptionValues, name: string, fallback: readonly string[]): readonly string[] {
  const v = values[name];
  return Array.isArray(v) ? (v as readonly unknown[]).map(String) : fallback;
}

/** The option's numbers (of a `numbers` option), or `fallback` when absent. */
export function numbersOption(values: OptionValues, name: string, fallback: readonly number[]): readonly number[] {
  const v = values[name];
  return Array.isArray(v) ? (v as readonly unknown[]).map(Number) : fallback;
}
