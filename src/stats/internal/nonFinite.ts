/** Detection of non-finite measurements (NaN, ±Infinity: a diverged run) for the decision rules. */
import { formatNumber } from "./format.ts";

/**
 * `undefined` when every value is finite; otherwise the inconclusive reason, e.g.
 * "2 of 5 values are non-finite (values[1] = NaN, values[3] = Infinity): a diverged run cannot support the prediction".
 */
export function nonFiniteReason(arrays: ReadonlyArray<readonly [string, readonly number[]]>): string | undefined {
  const found: string[] = [];
  let total = 0;
  for (const [name, values] of arrays) {
    total += values.length;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) found.push(`${name}[${i}] = ${formatNumber(v)}`);
    });
  }
  if (found.length === 0) return undefined;
  const names = arrays.map(([name]) => name).join(" and ");
  const verb = found.length === 1 ? "is" : "are";
  const shown = found.length > 6 ? [...found.slice(0, 6), "…"] : found;
  return (
    `${found.length} of ${total} ${names} ${verb} non-finite (${shown.join(", ")}): ` +
    "a diverged run cannot support the prediction"
  );
}

/**
 * `undefined` when every run was judged; otherwise the inconclusive reason for the runs passed as
 * `null` (diverged), e.g.
 * "1 of 5 successes are null (successes[3]: a run that could not be judged): a diverged run cannot support the prediction".
 */
export function undecidedReason(name: string, outcomes: readonly (boolean | null)[]): string | undefined {
  const missing = outcomes.flatMap((v, i) => (v === null ? [`${name}[${i}]`] : []));
  if (missing.length === 0) return undefined;
  const shown = missing.length > 6 ? [...missing.slice(0, 6), "…"] : missing;
  return (
    `${missing.length} of ${outcomes.length} ${name} ${missing.length === 1 ? "is" : "are"} null (${shown.join(", ")}: ` +
    `${missing.length === 1 ? "a run" : "runs"} that could not be judged): a diverged run cannot support the prediction`
  );
}
