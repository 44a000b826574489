/**
 * A family's numeric configuration parameters, declared once next to its experiment — range,
 * default and description in one object — and read by both sides: the spec takes its fixed values
 * (`PARAMS.dim.value`), the CLI its options, `--help` lines and the option → configuration mapping
 * (`parameterOptions`, `parameterValues`). A leaf: it imports only the option types.
 */
import { numberOption, type OptionSpec, type OptionValues } from "./options.ts";

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

export type ParameterSet = Readonly<Record<string, NumericParameter>>;

/** The CLI options of `params`, in declaration order. */
export function parameterOptions(params: ParameterSet): OptionSpec[] {
  return Object.values(params).map((p) => ({
    name: p.option,
    kind: p.kind,
    ...(p.min === undefined ? {} : { min: p.min }),
    ...(p.max === undefined ? {} : { max: p.max }),
    placeholder: p.placeholder,
    description: p.description,
    defaultText: p.defaultText ?? String(p.value),
  }));
}

/**
 * Every parameter's value: the option when given, else `fallback[key]` (a default computed from
 * other values), else the parameter's `value`.
 * @throws Error naming the parameter when none of the three exists (a declaration error).
 */
export function parameterValues<K extends string>(
  params: Readonly<Record<K, NumericParameter>>,
  options: OptionValues,
  fallback: Partial<Record<K, number>> = {},
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(params) as K[]) {
    const p = params[key];
    const otherwise = fallback[key] ?? p.value;
    if (otherwise === undefined) throw new Error(`parameterValues: parameter ${key} (--${p.option}) has no default and no fallback`);
    out[key] = numberOption(options, p.option, otherwise);
  }
  return out;
}
