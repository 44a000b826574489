/** The Decision of a rule that could not decide (internal). */
import type { Decision } from "../Decision.ts";

export function inconclusiveDecision(fields: {
  rule: string;
  alpha: number;
  n: number;
  values: number[];
  reason: string;
  estimate?: number;
  interval?: [number, number];
}): Decision {
  return {
    holds: false,
    rule: fields.rule,
    alpha: fields.alpha,
    n: fields.n,
    estimate: fields.estimate ?? Number.NaN,
    interval: fields.interval ?? [-Infinity, Infinity],
    values: fields.values,
    summary: `${fields.reason} (n = ${fields.n}): inconclusive`,
    inconclusive: fields.reason,
  };
}
