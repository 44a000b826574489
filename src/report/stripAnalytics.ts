/**
 * Removes the Google Analytics snippet that Allure 3's awesome report (3.18) writes into every
 * `index.html` unconditionally (allure-framework/allure3 issue #476: no option to disable it yet).
 * Opened offline it only fails to load; opened online it would report the reader's visit to a
 * third party. The report works the same without it.
 */

/** The external gtag loader and the inline `gtag('config', …)` block that follows it. */
const ANALYTICS = /\s*<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>\s*<script>\s*window\.dataLayer[\s\S]*?<\/script>/;

/**
 * `html` without the analytics snippet, and how many characters were removed (0 when absent).
 * @example stripAnalytics('<body><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script><script>window.dataLayer = [];</script></body>').html // "<body></body>"
 */
export function stripAnalytics(html: string): { html: string; removed: number } {
  const match = ANALYTICS.exec(html);
  if (match === null) return { html, removed: 0 };
  return { html: html.slice(0, match.index) + html.slice(match.index + match[0].length), removed: match[0].length };
}
