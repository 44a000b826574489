/**
 * Keeps the single-file report small. Allure 3 writes its 2.6 MB application script into the page
 * as a base64 `data:` URL (3.6 MB). `gzipDataScripts` (used by `buildReport`) carries it
 * gzip-compressed instead (≈ 1.4 MB) with a small loader; `inlineDataScripts` is the simpler
 * alternative (the script inline as text, ≈ 2.7 MB). `dropUnusedWidgets` removes widget data the
 * app never reads.
 *
 * Inline script text must not contain `</script` (it would end the element) nor `<!--` (it can
 * make the parser skip the real end tag); both are rewritten in a way JavaScript reads as the same
 * characters: `<\/script` and `<\x21--`. In Allure's bundle they occur only inside string and
 * regular-expression literals (Prism's markup grammar), where both escapes denote the original
 * text; the browser test checks that the report runs without a script error.
 */

import { gzipSync } from "node:zlib";

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

/**
 * `html` with every `<script src="data:text/javascript;base64,…">` replaced by a small loader that
 * carries the script gzip-compressed (base64) and runs it once decompressed (`DecompressionStream`,
 * no network): Allure's 2.6 MB application becomes ≈ 1.4 MB of page. The script then runs after
 * the page is parsed instead of in place; Allure's app starts from its own data either way (the
 * browser test checks that the report renders without a script error).
 */
export function gzipDataScripts(html: string): { html: string; compressed: number } {
  let compressed = 0;
  const out = html.replace(DATA_SCRIPT, (_, before: string, data: string, after: string) => {
    compressed += 1;
    const gz = gzipSync(Buffer.from(data, "base64"), { level: 9 }).toString("base64");
    const attrs = `${before}${after}`.replace(/\s+/g, " ").replace(/\s(?:defer|async)\b/g, "").trimEnd();
    return (
      `<script${attrs}>(function(){var b=atob("${gz}"),u=new Uint8Array(b.length);for(var i=0;i<b.length;i++)u[i]=b.charCodeAt(i);` +
      'new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function(t){' +
      'var s=document.createElement("script");s.textContent=t;document.head.appendChild(s);});})();</script>'
    );
  });
  return { html: out, compressed };
}

/**
 * Widgets Allure 3.18 writes twice — at `widgets/<name>.json` and `widgets/default/<name>.json` —
 * of which its awesome app reads only the per-environment copy (`widgets/${env}/search-index.json`,
 * `widgets/${env}/tree.json`): the top-level duplicates are removed.
 */
export const UNUSED_WIDGETS = ["widgets/search-index.json", "widgets/tree.json"] as const;

/**
 * `html` without the embedded top-level copies of `UNUSED_WIDGETS`; `removed` counts them.
 * @example dropUnusedWidgets('[d("widgets/tree.json","e30="),d("widgets/default/tree.json","e30=")]').html // '[d("widgets/default/tree.json","e30=")]'
 */
export function dropUnusedWidgets(html: string): { html: string; removed: number } {
  let removed = 0;
  let out = html;
  for (const name of UNUSED_WIDGETS) {
    out = out.replace(new RegExp(`d\\("${name.replace(/[./]/g, "\\$&")}","[A-Za-z0-9+/=]*"\\),?`, "g"), () => {
      removed += 1;
      return "";
    });
  }
  return { html: out, removed };
}
