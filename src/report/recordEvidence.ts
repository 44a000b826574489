/**
 * Records one piece of evidence: the data as JSON and, when given, its chart as SVG.
 */
import { attachJson, attachSvg } from "./attach.ts";
import { allureActive } from "./allureActive.ts";
import { barChartSvg, type BarChartSpec } from "./barChartSvg.ts";
import { lineChartSvg, type LineChartSpec } from "./lineChartSvg.ts";
import { evidenceKind, MAX_ARRAY_ENTRIES, minifySvg, REPEATED_ARRAY_ENTRIES, summariseEvidence } from "./summariseEvidence.ts";

/** Test → kinds of evidence already charted in it (see `recordEvidence`). */
const charted = new Map<string, Set<string>>();

/** The running vitest test's id, or "" outside a test. */
async function currentTest(): Promise<string> {
  if (process.env.VITEST === undefined) return "";
  const { TestRunner } = await import("vitest");
  return (TestRunner.getCurrentTest() as { id?: string } | undefined)?.id ?? "";
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
 * `<name> (chart)` (SVG, minified). A test checked over several generated configurations charts
 * each kind of evidence (its name without the config seed) once, for the first configuration; the
 * others attach their data only — the charts were most of the report's bytes. Charts are not
 * rendered outside a vitest test.
 * @example await recordEvidence("NC1 over training", { data: { steps, nc1 }, line: chartSpec });
 */
export async function recordEvidence(name: string, evidence: Evidence): Promise<void> {
  if (!allureActive()) return;
  const test = await currentTest();
  const kind = evidenceKind(name);
  const kinds = charted.get(test) ?? new Set<string>();
  charted.set(test, kinds);
  const draw = test === "" || !kinds.has(kind);
  kinds.add(kind);
  // The first configuration's data at the summary resolution; the others' (charted there) coarser still.
  await attachJson(name, summariseEvidence(evidence.data, draw ? MAX_ARRAY_ENTRIES : REPEATED_ARRAY_ENTRIES));
  if (!draw) return;
  if (evidence.line !== undefined) await attachSvg(`${name} (chart)`, minifySvg(await lineChartSvg(evidence.line)));
  if (evidence.bars !== undefined) await attachSvg(`${name} (bar chart)`, minifySvg(await barChartSvg(evidence.bars)));
}
