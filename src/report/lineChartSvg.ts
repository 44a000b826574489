/**
 * Line charts of trajectories (a metric over training steps, one line per run or setting).
 */
import type { TopLevelSpec } from "vega-lite";
import { drawable, droppedNote, type HLine } from "./chartData.ts";
import { renderVegaLite } from "./renderVegaLite.ts";
import { thinIndices } from "./summariseEvidence.ts";

export interface LineSeries {
  /** Legend entry. */
  readonly name: string;
  /** `[x, y]` pairs, in drawing order. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Log-scale y axis; points with y ≤ 0 are dropped (and counted in the subtitle). */
  readonly logY?: boolean;
  /** Log-scale x axis; points with x ≤ 0 are dropped (and counted in the subtitle). */
  readonly logX?: boolean;
  /** Plot width in pixels (default 560). */
  readonly width?: number;
  /** Plot height in pixels (default 300). */
  readonly height?: number;
  /** Dashed horizontal rules with a label, e.g. decision thresholds. */
  readonly hLines?: readonly HLine[];
}

const DEFAULT_WIDTH = 560;
const DEFAULT_HEIGHT = 300;
/** Above this many points per series the point markers are left off (they would hide the line). */
const MAX_MARKED_POINTS = 60;
/** Above this many points in all series together the markers are left off too (each is an SVG path: they made most of the report's bytes). */
const MAX_MARKED_TOTAL = 120;
/** Longest series drawn point by point; longer ones are thinned to this many evenly spaced points (first and last kept). */
export const MAX_DRAWN_POINTS = 60;

/**
 * The Vega-Lite specification `lineChartSvg` renders, with non-drawable points removed and a
 * subtitle saying how many were dropped per series. Pure.
 */
export function lineChartSpec(spec: LineChartSpec): TopLevelSpec {
  const logX = spec.logX === true;
  const logY = spec.logY === true;
  const dropped = new Map<string, number>();
  const rows: Array<{ series: string; x: number; y: number; order: number }> = [];
  let maxPoints = 0;
  for (const s of spec.series) {
    let n = 0;
    const keep = new Set(thinIndices(s.points.length, MAX_DRAWN_POINTS));
    s.points.forEach(([x, y], order) => {
      if (!keep.has(order)) return;
      if (drawable(x, logX) && drawable(y, logY)) rows.push({ series: s.name, x, y, order });
      else n += 1;
    });
    dropped.set(s.name, n);
    maxPoints = Math.max(maxPoints, s.points.length);
  }
  const rules = (spec.hLines ?? []).filter((h) => drawable(h.value, logY));
  const droppedRules = (spec.hLines ?? []).length - rules.length;
  const notes = [droppedNote(dropped, logX || logY)];
  if (droppedRules > 0) notes.push(`dropped ${droppedRules} threshold line(s) not drawable on this axis`);
  const subtitle = notes.filter((n): n is string => n !== undefined);
  const names = spec.series.map((s) => s.name);

  const x = { field: "x", type: "quantitative", title: spec.xLabel, scale: logX ? { type: "log", nice: false } : { type: "linear", zero: false } };
  const y = { field: "y", type: "quantitative", title: spec.yLabel, scale: logY ? { type: "log", nice: false } : { type: "linear", zero: false } };
  const layers: unknown[] = [
    {
      data: { values: rows },
      mark: { type: "line", point: maxPoints <= MAX_MARKED_POINTS && rows.length <= MAX_MARKED_TOTAL, clip: true },
      encoding: {
        x,
        y,
        color: { field: "series", type: "nominal", title: null, scale: { domain: names }, legend: { orient: "right", labelLimit: 240 } },
        order: { field: "order", type: "quantitative" },
        tooltip: [{ field: "series" }, { field: "x" }, { field: "y" }],
      },
    },
  ];
  if (rules.length > 0) {
    layers.push(
      {
        data: { values: rules },
        mark: { type: "rule", strokeDash: [6, 4], color: "#555" },
        encoding: { y: { field: "value", type: "quantitative", title: spec.yLabel } },
      },
      {
        data: { values: rules },
        mark: { type: "text", align: "right", baseline: "bottom", dx: -2, dy: -2, color: "#555" },
        encoding: { y: { field: "value", type: "quantitative", title: spec.yLabel }, x: { value: spec.width ?? DEFAULT_WIDTH }, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: subtitle.length > 0 ? { text: spec.title, subtitle } : { text: spec.title },
    width: spec.width ?? DEFAULT_WIDTH,
    height: spec.height ?? DEFAULT_HEIGHT,
    background: "white",
    // No grid and no tick marks (the labels stay): on a log axis Vega draws a line per minor tick, a large share of every chart's bytes.
    config: { axis: { grid: false, ticks: false } },
    layer: layers,
  } as TopLevelSpec;
}

/**
 * A line chart as an SVG string (Vega-Lite → Vega, rendered headless). Non-finite points, and
 * non-positive ones on a log axis, are dropped, not thrown on; the subtitle says how many.
 * @example
 * const svg = await lineChartSvg({
 *   title: "NC1 over training", xLabel: "step", yLabel: "NC1", logY: true,
 *   series: [{ name: "λ = 5e-4", points: steps.map((t, i) => [t, nc1[i]]) }],
 *   hLines: [{ value: 0.05, label: "threshold" }],
 * });
 */
export async function lineChartSvg(spec: LineChartSpec): Promise<string> {
  return renderVegaLite(lineChartSpec(spec));
}
