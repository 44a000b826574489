import { describe, expect, it } from "vitest";
import { barChartSpec, barChartSvg } from "../../src/report/barChartSvg.ts";
import { droppedNote } from "../../src/report/chartData.ts";
import { lineChartSpec, lineChartSvg, type LineChartSpec } from "../../src/report/lineChartSvg.ts";

/** The data rows of the first layer of a spec built by the chart helpers. */
function firstLayerRows(spec: unknown): Array<Record<string, unknown>> {
  const layer = (spec as { layer: Array<{ data: { values: Array<Record<string, unknown>> } }> }).layer;
  return layer[0]?.data.values ?? [];
}

const BASE: LineChartSpec = {
  title: "NC1 over training",
  xLabel: "step",
  yLabel: "NC1",
  series: [
    { name: "lambda 5e-4", points: [[0, 2], [100, 0.5], [200, 0.05]] },
    { name: "lambda 0", points: [[0, 2], [100, 1.5], [200, 1.2]] },
  ],
};

describe("lineChartSvg", () => {
  it("renders an SVG document with the title, axis labels and every series name", async () => {
    const svg = await lineChartSvg({ ...BASE, hLines: [{ value: 0.1, label: "threshold 0.1" }] });
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of ["NC1 over training", "step", "NC1", "lambda 5e-4", "lambda 0", "threshold 0.1"]) {
      expect(svg, text).toContain(text);
    }
    expect(svg).toContain("stroke-dasharray");
  });

  it("renders a log axis, dropping non-positive and non-finite points and saying so", async () => {
    const spec: LineChartSpec = {
      ...BASE,
      logY: true,
      series: [
        { name: "a", points: [[0, 1], [1, 0], [2, -1], [3, 0.1]] },
        { name: "b", points: [[0, NaN], [1, Infinity], [2, 3]] },
      ],
    };
    const rows = firstLayerRows(lineChartSpec(spec));
    expect(rows.map((r) => [r.series, r.x, r.y])).toEqual([["a", 0, 1], ["a", 3, 0.1], ["b", 2, 3]]);
    const svg = await lineChartSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("dropped 2 points of a, 2 points of b (non-finite, or ≤ 0 on a log axis)");
  });

  it("drops non-positive x on a log x axis, and threshold lines that cannot be drawn", async () => {
    const spec = lineChartSpec({ ...BASE, logX: true, logY: true, hLines: [{ value: 0, label: "zero" }] });
    expect(firstLayerRows(spec).every((r) => (r.x as number) > 0)).toBe(true);
    const svg = await lineChartSvg({ ...BASE, logX: true, logY: true, hLines: [{ value: 0, label: "zero" }] });
    expect(svg).toContain("dropped 1 point of lambda 5e-4, 1 point of lambda 0");
    expect(svg).toContain("dropped 1 threshold line(s)");
  });

  it("renders when nothing is drawable instead of throwing", async () => {
    const svg = await lineChartSvg({ ...BASE, series: [{ name: "diverged", points: [[0, NaN]] }] });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("dropped 1 point of diverged (non-finite)");
  });

  it("uses the requested size", async () => {
    const svg = await lineChartSvg({ ...BASE, width: 300, height: 120 });
    const match = /^<svg[^>]*width="(\d+)"[^>]*height="(\d+)"/.exec(svg);
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(300);
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(120);
    expect(Number(match?.[1])).toBeLessThan(560);
  });
});

describe("barChartSvg", () => {
  it("renders grouped bars with categories, groups and title", async () => {
    const svg = await barChartSvg({
      title: "NC1 per layer",
      xLabel: "layer",
      yLabel: "NC1",
      logY: true,
      bars: [
        { category: "layer 1", group: "lambda 0", value: 3 },
        { category: "layer 1", group: "lambda 1e-3", value: 1 },
        { category: "layer 2", group: "lambda 0", value: 2 },
        { category: "layer 2", group: "lambda 1e-3", value: 0.1 },
      ],
      hLines: [{ value: 0.5, label: "threshold" }],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    for (const text of ["NC1 per layer", "layer 1", "layer 2", "lambda 0", "lambda 1e-3", "threshold"]) {
      expect(svg, text).toContain(text);
    }
    // The log axis is drawn (a stacked bar from 0 would leave it without a domain): tick 0.1 shows.
    expect(svg).toMatch(/>0\.1</);
  });

  it("drops values it cannot draw on a log axis and says so", () => {
    const spec = barChartSpec({
      title: "rank",
      xLabel: "layer",
      yLabel: "rank",
      logY: true,
      bars: [
        { category: "1", value: 0 },
        { category: "2", value: 4 },
      ],
    });
    expect(firstLayerRows(spec)).toEqual([{ category: "2", group: "", value: 4 }]);
    expect(JSON.stringify(spec)).toContain("dropped 1 bar of bars");
  });
});

describe("droppedNote", () => {
  it("is undefined when nothing was dropped", () => {
    expect(droppedNote(new Map([["a", 0]]), true)).toBeUndefined();
  });
  it("counts per series, singular and plural", () => {
    expect(droppedNote(new Map([["a", 1], ["b", 3]]), false)).toBe("dropped 1 point of a, 3 points of b (non-finite)");
  });
});
