/**
 * Attachments of the current test's Allure result. Outside a vitest test they do nothing (see
 * `allureActive`).
 */
import { attachment, ContentType } from "allure-js-commons";
import { allureActive } from "./allureActive.ts";
import { toJsonText } from "./toJsonValue.ts";

/** Largest JSON attachment written with indentation (characters); larger ones are written compact. */
export const PRETTY_MAX_CHARS = 1_000;

/**
 * Attaches `data` as pretty JSON (compact above `PRETTY_MAX_CHARS`) (`application/json`); typed arrays and non-finite numbers are
 * converted by `toJsonValue`, so a diverged run shows `"NaN"`, not `null`.
 * @example await attachJson("NC1 trajectory", { step, nc1: new Float32Array(values) });
 */
export async function attachJson(name: string, data: unknown): Promise<void> {
  if (!allureActive()) return;
  const pretty = toJsonText(data);
  // Pretty JSON reads better; past PRETTY_MAX_CHARS the indentation is most of the bytes, so large attachments go compact.
  const text = pretty.length <= PRETTY_MAX_CHARS ? pretty : JSON.stringify(JSON.parse(pretty));
  await attachment(name, text, { contentType: ContentType.JSON, fileExtension: ".json" });
}

/**
 * Attaches an SVG document (`image/svg+xml`), shown inline by the report.
 * @example await attachSvg("NC1 over training", await lineChartSvg(spec));
 */
export async function attachSvg(name: string, svg: string): Promise<void> {
  if (!svg.trimStart().startsWith("<svg")) {
    throw new Error(`attachSvg(${JSON.stringify(name)}): content does not start with "<svg": ${JSON.stringify(svg.slice(0, 40))}`);
  }
  if (!allureActive()) return;
  await attachment(name, svg, { contentType: ContentType.SVG, fileExtension: ".svg" });
}

/**
 * Attaches plain text (`text/plain`), e.g. a table of values.
 * @example await attachText("rank per layer", table);
 */
export async function attachText(name: string, text: string): Promise<void> {
  if (!allureActive()) return;
  await attachment(name, text, { contentType: ContentType.TEXT, fileExtension: ".txt" });
}
