/**
 * Reads the data a single-file Allure 3 (awesome) report embeds: `d("<name>", "<base64>")` calls,
 * one per data file (`data/test-results/<id>.json`, `widgets/…`). For tests that check a report's
 * content without a browser.
 */

/** Embedded file name → decoded text. */
export function reportDataFiles(html: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of html.matchAll(/\bd\("([^"]+)","([A-Za-z0-9+/=]*)"\)/g)) {
    files.set(m[1]!, Buffer.from(m[2]!, "base64").toString("utf8"));
  }
  return files;
}

/** The test results embedded in the report (`data/test-results/*.json`), parsed. */
export function reportTestResults(html: string): Array<{ name: string; status: string; labels?: Array<{ name: string; value: string }> }> {
  return [...reportDataFiles(html)]
    .filter(([name]) => /^data\/test-results\/[^/]+\.json$/.test(name))
    .map(([, text]) => JSON.parse(text) as { name: string; status: string });
}
