/**
 * Renders a Vega-Lite specification to an SVG string, headless in Node: Vega-Lite compiles it to
 * Vega, and a `vega.View` with `renderer: "none"` (no canvas, no DOM) produces the SVG markup.
 * Text widths are estimated, so no font or canvas package is needed.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * SVG markup of `spec`. Vega warnings (e.g. an empty data set) are silenced; errors throw.
 * @example const svg = await renderVegaLite({ data: { values }, mark: "line", encoding });
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const { spec: vgSpec } = compile(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
