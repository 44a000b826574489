/**
 * The report's landing page: what a reader sees first when opening `allure-report/index.html` —
 * every claim on one screen (1400 × 1000), each with its ID, a one-line statement, the verdict of
 * each of its statements in the vocabulary of `npm run verify`, what was found in plain words, and
 * a small plot of its decisions. The Allure report (tree, categories, every result's evidence)
 * follows below it in the same single file; each claim links to its results there.
 *
 * Pure: `buildReport` collects the decisions (`primaryDecisionPoints`), finds each claim's test in
 * the page Allure wrote (`claimLinks`) and injects the fragment (`injectLandingPage`). Inline
 * styles, one inline handler (scroll to the Allure app after following a link), no network.
 */
import { CATALOG, PAPER, type SentenceClaim } from "../claims/catalog.ts";
import { STATEMENT_VERDICTS } from "../claims/verdicts.ts";
import { escapeHtml, formatCounts, VERDICT_COLOURS, type OverviewOptions, type RunFacts } from "./overview.ts";
import { allStatements, type RunSummary } from "./summary.ts";

/** One decision of a statement's test, as the sparkline draws it. */
export interface DecisionPoint {
  /** The rule's point estimate (a mean, a mean difference, a slope). */
  readonly estimate: number;
  /** The finite end of the rule's one-sided confidence interval, compared with the threshold. */
  readonly bound: number;
  /** The rule's threshold, read from its text (`… < −1`), when it has one. */
  readonly threshold?: number;
  readonly holds: boolean;
}

/** The fields of an attached decision (`attachDecision`) the landing page reads. */
export interface DecisionJson {
  readonly holds?: boolean;
  readonly rule?: string;
  readonly estimate?: number | string;
  readonly interval?: ReadonlyArray<number | string>;
}

const MINUS = /[−–]/g;

/**
 * The threshold a rule compares its bound with: the number after the last `<` or `>` in its text.
 * @example thresholdOf("one-sided t-test on r: upper 95% bound of the mean < −1") // -1
 */
export function thresholdOf(rule: string): number | undefined {
  const matches = [...rule.replace(MINUS, "-").matchAll(/[<>]\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)/g)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}

function asNumber(v: number | string | undefined): number {
  return typeof v === "number" ? v : Number.NaN;
}

/**
 * Sparkline points of a statement's decisions (one per generated configuration): estimate, the
 * finite end of the interval, the threshold. Decisions without a finite estimate are left out.
 */
export function decisionPoints(decisions: readonly DecisionJson[]): DecisionPoint[] {
  return decisions.flatMap((d) => {
    const estimate = asNumber(d.estimate);
    const [lo, hi] = [asNumber(d.interval?.[0]), asNumber(d.interval?.[1])];
    const bound = Number.isFinite(hi) ? hi : lo;
    if (!Number.isFinite(estimate)) return [];
    const threshold = d.rule === undefined ? undefined : thresholdOf(d.rule);
    return [{ estimate, bound: Number.isFinite(bound) ? bound : estimate, ...(threshold === undefined ? {} : { threshold }), holds: d.holds === true }];
  });
}

/**
 * A small SVG (`width` × `height`): per decision a dot at the estimate and a whisker to its
 * confidence bound (green where the rule held, red where not), and the threshold as a dashed line.
 * @example sparklineSvg([{ estimate: -1.8, bound: -1.6, threshold: -1, holds: true }])
 */
export function sparklineSvg(points: readonly DecisionPoint[], width = 120, height = 30): string {
  if (points.length === 0) return "";
  const thresholds = points.map((p) => p.threshold).filter((t): t is number => t !== undefined && Number.isFinite(t));
  const values = [...points.flatMap((p) => [p.estimate, p.bound]), ...thresholds];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-12) {
    lo -= 1;
    hi += 1;
  }
  const pad = 4;
  const y = (v: number) => (pad + ((hi - v) / (hi - lo)) * (height - 2 * pad)).toFixed(1);
  const step = (width - 2 * pad) / Math.max(points.length, 1);
  const x = (i: number) => (pad + step * (i + 0.5)).toFixed(1);
  const parts: string[] = [];
  const threshold = thresholds[0];
  if (threshold !== undefined) {
    parts.push(`<line x1="${pad}" x2="${width - pad}" y1="${y(threshold)}" y2="${y(threshold)}" stroke="#57606a" stroke-dasharray="3 2" stroke-width="1"/>`);
  }
  points.forEach((p, i) => {
    const colour = p.holds ? VERDICT_COLOURS.held : VERDICT_COLOURS["not reproduced"];
    parts.push(`<line x1="${x(i)}" x2="${x(i)}" y1="${y(p.estimate)}" y2="${y(p.bound)}" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<circle cx="${x(i)}" cy="${y(p.estimate)}" r="2.6" fill="${colour}"/>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><rect width="${width}" height="${height}" fill="#f6f8fa"/>${parts.join("")}</svg>`;
}

export interface LandingPageOptions extends OverviewOptions {
  /** Claim id → the sparkline points of its primary statement's decisions. */
  readonly plots?: ReadonlyMap<string, readonly DecisionPoint[]>;
  /** Claim id → a link into the Allure tree (default: none). */
  readonly links?: ReadonlyMap<string, string>;
  /** The report's size in bytes, when known (shown in the footer line). */
  readonly reportBytes?: number;
}

/** The `id` of the landing page's root element (the browser test and the CSS use it). */
export const LANDING_ID = "theorem-spec-claims";

/**
 * The landing page fragment: a `<section id="theorem-spec-claims">` with the tally, one row per
 * claim — `data-claim`, and per statement a chip with `data-statement` and `data-verdict` — and a
 * line on how to read it. Rows are one line each (long text ends in "…", the full text is the
 * element's tooltip) so that all 18 fit on a 1400 × 1000 screen.
 */
export function landingPageHtml(summary: RunSummary, facts: RunFacts, options: LandingPageOptions = {}, catalog: readonly SentenceClaim[] = CATALOG): string {
  const byId = new Map(catalog.map((c) => [c.id as string, c]));
  const all = allStatements(summary);
  const tally = STATEMENT_VERDICTS.map(
    (v) => `<b style="color:${VERDICT_COLOURS[v]}">${all.filter((s) => s.verdict === v).length} ${v}</b>`,
  ).join(" · ");
  const differing = all.filter((s) => s.differs);
  const rows = summary.claims.map((c) => {
    const claim = byId.get(c.id);
    const primary = claim?.statements.find((s) => s.primary === true);
    const chips = c.statements
      .map((s) => {
        const colour = VERDICT_COLOURS[s.verdict];
        const text = `${s.verdict} ${s.key}`;
        const title = `${s.key}: ${s.text}${s.differs ? ` — expected ${s.expected}` : ""}`;
        return `<span class="ts-chip" data-statement="${escapeHtml(s.key)}" data-verdict="${escapeHtml(s.verdict)}" title="${escapeHtml(title)}" style="color:${colour};border-color:${colour}">${escapeHtml(text)}${s.differs ? " ≠ expected" : ""}</span>`;
      })
      .join("");
    const found = (claim?.statements ?? []).map((s) => s.plain);
    const foundText = found.join(" — ");
    const measured = c.statements.map((s) => s.keyMeasurement).filter((k): k is string => k !== undefined).join("; ");
    const link = options.links?.get(c.id);
    const id =
      link === undefined
        ? escapeHtml(c.id)
        : `<a href="${escapeHtml(link)}" title="open this claim's test in the report below" onclick="setTimeout(function(){var a=document.getElementById('app');if(a)a.scrollIntoView()},60)">${escapeHtml(c.id)}</a>`;
    const plot = sparklineSvg(options.plots?.get(c.id) ?? []);
    return (
      `<tr data-claim="${escapeHtml(c.id)}">` +
      `<td class="ts-id">${id}</td>` +
      `<td class="ts-text" title="${escapeHtml(`${claim?.title ?? ""}. ${primary?.text ?? ""}`)}"><b>${escapeHtml(claim?.title ?? c.title)}.</b> ${escapeHtml(primary?.text ?? "")}</td>` +
      `<td class="ts-verdict">${chips}</td>` +
      `<td class="ts-found" title="${escapeHtml(measured === "" ? foundText : `${foundText}\nMeasured: ${measured}`)}">${escapeHtml(foundText)}</td>` +
      `<td class="ts-plot">${plot}</td>` +
      "</tr>"
    );
  });
  const meta = [
    `profile ${escapeHtml(formatCounts(facts.profiles))}`,
    `backend ${escapeHtml(formatCounts(facts.backends))}`,
    `commit ${escapeHtml(options.commit ?? "unknown")}`,
    `${facts.results} results`,
    ...(options.generatedAt === undefined ? [] : [`built ${escapeHtml(options.generatedAt.toISOString().slice(0, 16).replace("T", " "))} UTC`]),
  ].join(" · ");
  const css = [
    `#${LANDING_ID}{font:13px/1.35 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;background:#fff;padding:10px 16px 8px;border-bottom:2px solid #d0d7de}`,
    `#${LANDING_ID} h1{font-size:17px;margin:0 0 2px}`,
    `#${LANDING_ID} .ts-sub{color:#57606a;font-size:12px;margin:0 0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}`,
    `#${LANDING_ID} table{border-collapse:collapse;width:100%;table-layout:fixed}`,
    `#${LANDING_ID} th{font-size:11px;text-transform:uppercase;letter-spacing:.03em;color:#57606a;text-align:left;padding:2px 6px;border-bottom:1px solid #d0d7de}`,
    `#${LANDING_ID} td{padding:2px 6px;height:35px;border-bottom:1px solid #eaeef2;vertical-align:middle;overflow:hidden}`,
    `#${LANDING_ID} .ts-id{width:64px;font-weight:700;white-space:nowrap}`,
    `#${LANDING_ID} .ts-id a{color:#0969da;text-decoration:none}`,
    `#${LANDING_ID} .ts-text,#${LANDING_ID} .ts-found{display:table-cell;font-size:12px}`,
    `#${LANDING_ID} .ts-text div,#${LANDING_ID} .ts-found div{overflow:hidden}`,
    `#${LANDING_ID} .ts-text{width:27%}`,
    `#${LANDING_ID} .ts-verdict{width:350px}`,
    `#${LANDING_ID} .ts-plot{width:128px}`,
    `#${LANDING_ID} .ts-chip{display:inline-block;font-size:11.5px;font-weight:600;border:1px solid;border-radius:9px;padding:0 6px;margin:1px 3px 1px 0;white-space:nowrap;max-width:100%;overflow:hidden;text-overflow:ellipsis;vertical-align:middle;box-sizing:border-box}`,
    `#${LANDING_ID} .ts-clamp{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}`,
    `#${LANDING_ID} .ts-foot{color:#57606a;font-size:12px;margin-top:4px}`,
  ].join("\n");
  // The text cells clamp to two lines: wrap their content once more for the clamp to apply.
  const clamp = (html: string) =>
    html
      .replace(/(<td class="ts-text"[^>]*>)(.*?)(<\/td>)/, '$1<div class="ts-clamp">$2</div>$3')
      .replace(/(<td class="ts-found"[^>]*>)(.*?)(<\/td>)/, '$1<div class="ts-clamp">$2</div>$3');
  return [
    `<section id="${LANDING_ID}" data-statements="${all.length}">`,
    `<style>${css}</style>`,
    `<h1>Claims of Xu et al. 2023 — verdicts at the paper's sentences</h1>`,
    `<div class="ts-sub">${escapeHtml(PAPER)} · ${meta}</div>`,
    `<div class="ts-sub">${summary.claims.length} claims, ${all.length} statements (<i>as stated</i>: the paper's sentence; <i>as refined</i>: the suite's re-statement where it had to refine it): ${tally} · ` +
      `${differing.length === 0 ? "every verdict as the catalogue expects" : `<b style="color:${VERDICT_COLOURS["not reproduced"]}">${differing.length} differ from the catalogue</b>`}</div>`,
    "<table><thead><tr><th>claim</th><th>statement</th><th>verdict of each statement</th><th>what was found</th><th>decisions vs threshold</th></tr></thead>",
    `<tbody>${rows.map(clamp).join("")}</tbody></table>`,
    `<div class="ts-foot">Plot: one mark per generated configuration — the rule's estimate (dot) and its 95 % bound (bar) against the threshold (dashed); green: the rule held. ` +
      "Hover a cell for the full text and the measured values. Below: the Allure report — the tree (family → claim → tests, each with the paper's sentence, " +
      "the statement checked, its rule, decisions, plots and replay command), categories by verdict; the raw data of a run: <code>npx theorem-spec export &lt;claim&gt;</code>.</div>",
    "</section>",
  ].join("\n");
}

/**
 * `page` (the HTML Allure wrote) with `fragment` inserted at the start of its `<body>`.
 * @throws Error when the page has no `<body>` tag.
 */
export function injectLandingPage(page: string, fragment: string): string {
  const at = /<body[^>]*>/.exec(page);
  if (at === null) throw new Error("injectLandingPage: the report page has no <body> tag");
  const end = at.index + at[0].length;
  return `${page.slice(0, end)}\n${fragment}\n${page.slice(end)}`;
}

/**
 * Claim id → `#<test result id>` of its first claim test (primary statement, not a control or a
 * pinned finding, first attempt) in a page Allure wrote: the awesome report routes `#<id>` to that
 * result. Read from the page's embedded `data/test-results/<id>.json`.
 */
export function claimLinks(page: string, catalog: readonly SentenceClaim[] = CATALOG): Map<string, string> {
  interface Tr {
    id?: string;
    start?: number;
    isRetry?: boolean;
    labels?: Array<{ name: string; value?: string }>;
  }
  const byClaim = new Map<string, { id: string; start: number }>();
  for (const m of page.matchAll(/d\("data\/test-results\/([0-9a-f]+)\.json","([A-Za-z0-9+/=]*)"\)/g)) {
    let tr: Tr;
    try {
      tr = JSON.parse(Buffer.from(m[2]!, "base64").toString("utf8")) as Tr;
    } catch {
      continue;
    }
    if (tr.isRetry === true) continue;
    const labels = tr.labels ?? [];
    const claim = labels.find((l) => l.name === "claim")?.value;
    const c = catalog.find((x) => x.id === claim);
    if (c === undefined) continue;
    const primary = c.statements.find((s) => s.primary === true)?.key;
    const statement = labels.find((l) => l.name === "statement")?.value ?? primary;
    const tags = labels.filter((l) => l.name === "tag").map((l) => l.value);
    if (statement !== primary || tags.includes("control") || tags.includes("finding")) continue;
    const start = tr.start ?? Number.POSITIVE_INFINITY;
    const prev = byClaim.get(c.id);
    if (prev === undefined || start < prev.start) byClaim.set(c.id, { id: m[1]!, start });
  }
  return new Map([...byClaim].map(([k, v]) => [k, `#${v.id}`]));
}
