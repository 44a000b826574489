/**
 * Allure 3 writes its 2.6 MB application script into the single-file report as a base64 `data:`
 * URL, a third larger than the script itself. `inlineDataScripts` puts such scripts inline as
 * text — the same program, run at the same place in the page — which takes ≈ 0.9 MB off every
 * report.
 *
 * Inline script text must not contain `</script` (it would end the element) nor `<!--` (it can
 * make the parser skip the real end tag); both are rewritten in a way JavaScript reads as the same
 * characters: `<\/script` and `<\x21--`. In Allure's bundle they occur only inside string and
 * regular-expression literals (Prism's markup grammar), where both escapes denote the original
 * text; the browser test checks that the report runs without a script error.
 */

const DATA_SCRIPT = /<script([^>]*?)\ssrc="data:text\/javascript;base64,([A-Za-z0-9+/=]+)"([^>]*)>\s*<\/script>/g;

/**
 * `html` with every `<script src="data:text/javascript;base64,…">` inlined; `inlined` counts them.
 * @example inlineDataScripts('<script src="data:text/javascript;base64,YWxlcnQoMSk="></script>').html // "<script>alert(1)</script>"
 */
export function inlineDataScripts(html: string): { html: string; inlined: number } {
  let inlined = 0;
  const out = html.replace(DATA_SCRIPT, (_, before: string, data: string, after: string) => {
    inlined += 1;
    const js = Buffer.from(data, "base64").toString("utf8").replace(/<!--/g, "<\\x21--").replace(/<\/script/gi, "<\\/script");
    const attrs = `${before}${after}`.replace(/\s+/g, " ").trimEnd();
    return `<script${attrs}>${js}</script>`;
  });
  return { html: out, inlined };
}
