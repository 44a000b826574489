/**
 * Records one piece of evidence: the data as JSON and, when given, its chart as SVG.
 */
import { attachJson, attachSvg } from "./attach.ts";
import { allureActive } from "./allureActive.ts";
import { barChartSvg, type BarChartSpec } from "./barChartSvg.ts";
import { lineChartSvg, type LineChartSpec } from "./lineChartSvg.ts";
import { evidenceKind, MAX_ARRAY_ENTRIES, minifySvg, REPEATED_ARRAY_ENTRIES, summariseEvidence } from "./summariseEvidence.ts";

/** Spec file → kind of evidence → the test that charted it (see `recordEvidence`). */
const charted = new Map<string, Map<string, string>>();

/** The running vitest test's file and name, or `undefined` outside a test. */
async function currentTest(): Promise<{ file: string; name: string } | undefined> {
  if (process.env.VITEST === undefined) return undefined;
  const { TestRunner } = await import("vitest");
  const t = TestRunner.getCurrentTest() as { name?: string; file?: { filepath?: string } } | undefined;
  return t === undefined ? undefined : { file: t.file?.filepath ?? "", name: t.name ?? "" };
}

export interface Evidence {
  /** The measured values (any JSON-serialisable data; typed arrays and NaN are handled). */
  readonly data: unknown;
  /** A line chart of (part of) the data. */
  readonly line?: LineChartSpec;
  /** A bar chart of (part of) the data. */
  readonly bars?: BarChartSpec;
}

/**
 * Attaches `<name>` (JSON, summarised for the report by `summariseEvidence`: long arrays thinned,
 * numbers rounded; `npx theorem-spec export` writes the raw data) and, for each chart given,
 * `<name> (chart)` (SVG, minified). Each kind of evidence (its name without the config seed) is
 * charted once per spec file — for the first configuration of the first test that records it;
 * further configurations, and control tests showing the same arms, attach coarser data that names
 * the test with the chart — the charts were most of the report's bytes. Charts are not rendered
 * outside a vitest test.
 * @example await recordEvidence("NC1 over training", { data: { steps, nc1 }, line: chartSpec });
 */
export async function recordEvidence(name: string, evidence: Evidence): Promise<void> {
  if (!allureActive()) return;
  const test = await currentTest();
  const kind = evidenceKind(name);
  const kinds = charted.get(test?.file ?? "") ?? new Map<string, string>();
  charted.set(test?.file ?? "", kinds);
  const first = kinds.get(kind);
  const draw = test === undefined || first === undefined;
  if (first === undefined) kinds.set(kind, test?.name ?? "");
  // The first occurrence in a spec file: the data at the summary resolution and the chart; later ones
  // (further configurations, a control test showing the same arms) coarser still, pointing to the chart.
  const data = summariseEvidence(evidence.data, draw ? MAX_ARRAY_ENTRIES : REPEATED_ARRAY_ENTRIES);
  const hasChart = evidence.line !== undefined || evidence.bars !== undefined;
  await attachJson(name, draw || !hasChart || data === null || typeof data !== "object" || Array.isArray(data) ? data : { _chart: `drawn once per spec file: see "${kind}" in the test "${first}"`, ...data });
  if (!draw) return;
  if (evidence.line !== undefined) await attachSvg(`${name} (chart)`, minifySvg(await lineChartSvg(evidence.line)));
  if (evidence.bars !== undefined) await attachSvg(`${name} (bar chart)`, minifySvg(await barChartSvg(evidence.bars)));
}
