/**
 * A family's numeric configuration parameters (numbers, or grids of levels), declared once next to its experiment — range,
 * default and description in one object — and read by both sides: the spec takes its fixed values
 * (`PARAMS.dim.value`), the CLI its options, `--help` lines and the option → configuration mapping
 * (`parameterOptions`, `parameterValues`). A leaf: it imports only the option types.
 */
import { numberOption, numbersOption, type OptionSpec, type OptionValues } from "./options.ts";

export interface NumericParameter {
  /** The CLI option, `--<option>`. */
  readonly option: string;
  /** `int` (a safe integer) or `number` (finite). */
  readonly kind: "int" | "number";
  /** Smallest accepted value (inclusive). */
  readonly min?: number;
  /** Largest accepted value (inclusive). */
  readonly max?: number;
  /** The default; absent when it depends on other parameters (then `defaultText` says how). */
  readonly value?: number;
  /** The default as `--help` shows it (default: `String(value)`). */
  readonly defaultText?: string;
  /** Placeholder of the value in `--help`, e.g. `"<C>"`. */
  readonly placeholder: string;
  /** One line for `--help`. */
  readonly description: string;
}

/** A comma-separated list of numbers (a grid of levels, e.g. λ), each in [min, max]. */
export interface NumbersParameter extends Omit<NumericParameter, "kind" | "value"> {
  readonly kind: "numbers";
  /** The default levels (`--help` shows them joined by commas unless `defaultText` is given). */
  readonly value: readonly number[];
}

export type Parameter = NumericParameter | NumbersParameter;

export type ParameterSet = Readonly<Record<string, Parameter>>;

/** The value of each parameter of `P`: a number, or the levels of a `numbers` parameter. */
export type ParameterValues<P extends ParameterSet> = { -readonly [K in keyof P]: P[K] extends NumbersParameter ? readonly number[] : number };

/** The CLI options of `params` (of `keys` only, in that order, when given), in declaration order. */
export function parameterOptions<P extends ParameterSet>(params: P, keys: readonly (keyof P & string)[] = Object.keys(params)): OptionSpec[] {
  return keys.map((key) => {
    const p = params[key]!;
    return {
      name: p.option,
      kind: p.kind,
      ...(p.min === undefined ? {} : { min: p.min }),
      ...(p.max === undefined ? {} : { max: p.max }),
      placeholder: p.placeholder,
      description: p.description,
      defaultText: p.defaultText ?? (Array.isArray(p.value) ? p.value.join(",") : String(p.value)),
    };
  });
}

/**
 * Every parameter's value: the option when given, else `fallback[key]` (a default computed from
 * other values), else the parameter's `value`.
 * @throws Error naming the parameter when none of the three exists (a declaration error).
 */
export function parameterValues<P extends ParameterSet>(params: P, options: OptionValues, fallback: Partial<ParameterValues<P>> = {}): ParameterValues<P> {
  const out: Record<string, number | readonly number[]> = {};
  for (const [key, p] of Object.entries(params)) {
    const otherwise = (fallback as Record<string, number | readonly number[] | undefined>)[key] ?? p.value;
    if (otherwise === undefined) throw new Error(`parameterValues: parameter ${key} (--${p.option}) has no default and no fallback`);
    out[key] = typeof otherwise === "number" ? numberOption(options, p.option, otherwise) : numbersOption(options, p.option, otherwise);
  }
  return out as ParameterValues<P>;
}
