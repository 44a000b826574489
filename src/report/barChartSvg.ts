/**
 * Bar charts of per-layer or per-setting values, optionally grouped (e.g. NC1 per layer, one bar
 * per λ).
 */
import type { TopLevelSpec } from "vega-lite";
import { drawable, droppedNote, type HLine } from "./chartData.ts";
import { renderVegaLite } from "./renderVegaLite.ts";

export interface Bar {
  /** Position on the x axis (e.g. "layer 2"); categories keep their first-seen order. */
  readonly category: string;
  /** Group within a category (e.g. "λ = 0"); bars of one category sit side by side. */
  readonly group?: string;
  readonly value: number;
}

export interface BarChartSpec {
  readonly title: string;
  /** Label of the category axis. */
  readonly xLabel: string;
  readonly yLabel: string;
  readonly bars: readonly Bar[];
  /** Log-scale y axis; bars with value ≤ 0 are dropped (and counted in the subtitle). */
  readonly logY?: boolean;
  /** Plot width in pixels (default 560). */
  readonly width?: number;
  /** Plot height in pixels (default 300). */
  readonly height?: number;
  /** Dashed horizontal rules with a label, e.g. decision thresholds. */
  readonly hLines?: readonly HLine[];
}

/** The Vega-Lite specification `barChartSvg` renders. Pure. */
export function barChartSpec(spec: BarChartSpec): TopLevelSpec {
  const logY = spec.logY === true;
  const categories = [...new Set(spec.bars.map((b) => b.category))];
  const groups = [...new Set(spec.bars.map((b) => b.group ?? ""))];
  const grouped = groups.length > 1 || (groups.length === 1 && groups[0] !== "");
  const dropped = new Map<string, number>();
  const rows: Array<{ category: string; group: string; value: number }> = [];
  for (const b of spec.bars) {
    const group = b.group ?? "";
    if (drawable(b.value, logY)) rows.push({ category: b.category, group, value: b.value });
    else dropped.set(group === "" ? "bars" : group, (dropped.get(group === "" ? "bars" : group) ?? 0) + 1);
  }
  const rules = (spec.hLines ?? []).filter((h) => drawable(h.value, logY));
  const note = droppedNote(dropped, logY, "bars");
  const encoding: Record<string, unknown> = {
    x: { field: "category", type: "nominal", title: spec.xLabel, scale: { domain: categories }, axis: { labelAngle: 0 } },
    // stack: null — bars are side by side, never stacked; a stack would also start at 0, which a
    // log axis cannot place.
    y: { field: "value", type: "quantitative", title: spec.yLabel, stack: null, scale: { type: logY ? "log" : "linear" } },
    tooltip: [{ field: "category" }, { field: "group" }, { field: "value" }],
  };
  if (grouped) {
    encoding.xOffset = { field: "group", type: "nominal", scale: { domain: groups } };
    encoding.color = { field: "group", type: "nominal", title: null, scale: { domain: groups } };
  }
  const layers: unknown[] = [{ data: { values: rows }, mark: { type: "bar" }, encoding }];
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
        encoding: { y: { field: "value", type: "quantitative", title: spec.yLabel }, x: { value: spec.width ?? 560 }, text: { field: "label" } },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: note === undefined ? { text: spec.title } : { text: spec.title, subtitle: note },
    width: spec.width ?? 560,
    height: spec.height ?? 300,
    background: "white",
    layer: layers,
  } as TopLevelSpec;
}

/**
 * A (grouped) bar chart as an SVG string. Non-finite values, and values ≤ 0 on a log axis, are
 * dropped and counted in the subtitle.
 * @example
 * const svg = await barChartSvg({
 *   title: "NC1 per layer", xLabel: "layer", yLabel: "NC1", logY: true,
 *   bars: nc1.flatMap((row, l) => row.map((v, j) => ({ category: `layer ${l + 1}`, group: `λ = ${lambdas[j]}`, value: v }))),
 * });
 */
export async function barChartSvg(spec: BarChartSpec): Promise<string> {
  return renderVegaLite(barChartSpec(spec));
}
