/**
 * Records one piece of evidence: the data as JSON and, when given, its chart as SVG.
 */
import { attachJson, attachSvg } from "./attach.ts";
import { allureActive } from "./allureActive.ts";
import { barChartSvg, type BarChartSpec } from "./barChartSvg.ts";
import { lineChartSvg, type LineChartSpec } from "./lineChartSvg.ts";

export interface Evidence {
  /** The measured values (any JSON-serialisable data; typed arrays and NaN are handled). */
  readonly data: unknown;
  /** A line chart of (part of) the data. */
  readonly line?: LineChartSpec;
  /** A bar chart of (part of) the data. */
  readonly bars?: BarChartSpec;
}

/**
 * Attaches `<name>` (JSON) and, for each chart given, `<name> (chart)` (SVG). Charts are not
 * rendered outside a vitest test.
 * @example await recordEvidence("NC1 over training", { data: { steps, nc1 }, line: chartSpec });
 */
export async function recordEvidence(name: string, evidence: Evidence): Promise<void> {
  if (!allureActive()) return;
  await attachJson(name, evidence.data);
  if (evidence.line !== undefined) await attachSvg(`${name} (chart)`, await lineChartSvg(evidence.line));
  if (evidence.bars !== undefined) await attachSvg(`${name} (bar chart)`, await barChartSvg(evidence.bars));
}
