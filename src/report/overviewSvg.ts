/**
 * The claims overview as an SVG image: the same verdict table as `claimsOverviewHtml`, drawn in a
 * monospace font so the layout needs no text measurement. The report shows an image attachment at
 * its full size, where an HTML attachment opened from disk (`file://`) sits in a fixed 150-pixel
 * frame — so the image is what a reader sees at a glance, and the HTML is the full text.
 */
import { PAPER } from "../claims/catalog.ts";
import { escapeHtml, formatCounts, VERDICT_COLOURS, type OverviewOptions, type RunFacts } from "./overview.ts";
import { STATEMENT_VERDICTS } from "../claims/verdicts.ts";
import { allStatements, type ClaimSummary, type RunSummary, type Verdict } from "./summary.ts";

/** Font size (px) of the table; a monospace glyph is 0.6 em wide. */
const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const ROW_HEIGHT = 18;
const PAD = 12;
/** Widest title cell, in characters, before clipping with "…" (keeps the image ≈ 850 px wide, the report's content width). */
const MAX_TITLE = 44;
/** Gap between columns, in characters. */
const GAP = 2;

function clip(s: string, width: number): string {
  const chars = [...s];
  return chars.length <= width ? s : `${chars.slice(0, width - 1).join("")}…`;
}

/** `"4/4 passed"`, `"3/5 passed, 1 failed, 1 broken"`, or `"—"` without results. */
export function passedOf(c: ClaimSummary["tests"]): string {
  const total = c.passed + c.failed + c.broken + c.skipped + c.unknown;
  if (total === 0) return "—";
  const parts = [`${c.passed}/${total} passed`];
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.broken > 0) parts.push(`${c.broken} broken`);
  return parts.join(", ");
}

/**
 * SVG document of the verdict table, one row per statement: claim id, statement, verdict
 * (coloured; the expected one where it differs), claim tests, controls, and under each statement
 * that has one, its key measurement; above the table the paper, the tally per verdict and the
 * run's profile, backend and commit. Rows carry `data-claim`, `data-statement` and `data-verdict`.
 * @example claimsOverviewSvg(summariseRun(results), runFacts(results)).startsWith("<svg") // true
 */
export function claimsOverviewSvg(summary: RunSummary, facts: RunFacts, options: OverviewOptions = {}): string {
  const header = ["claim", "statement", "verdict", "tests", "controls"];
  const all = allStatements(summary);
  const rows = all.map((s, i) => [
    i === 0 || all[i - 1]!.claim !== s.claim ? s.claim : "",
    clip(s.key, MAX_TITLE),
    s.differs ? `${s.verdict} (expected ${s.expected})` : s.verdict,
    passedOf({ ...s.tests, passed: s.tests.passed + s.findings.passed, failed: s.tests.failed + s.findings.failed, broken: s.tests.broken + s.findings.broken }),
    passedOf(s.controls),
  ]);
  const widths = header.map((h, j) => Math.max([...h].length, ...rows.map((r) => [...(r[j] ?? "")].length)));
  const xs: number[] = [];
  widths.reduce((x, w, j) => {
    xs[j] = PAD + x * CHAR_WIDTH;
    return x + w + GAP;
  }, 0);
  const lineChars = widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  const width = Math.ceil(PAD * 2 + lineChars * CHAR_WIDTH);
  const keyIndent = widths[0]! + GAP;
  const keyChars = lineChars - keyIndent;
  const text = (x: number, y: number, s: string, attrs = "") => `<text x="${x.toFixed(1)}" y="${y}"${attrs}>${escapeHtml(s)}</text>`;
  const tally = STATEMENT_VERDICTS.map((v) => `<tspan fill="${VERDICT_COLOURS[v]}">${all.filter((s) => s.verdict === v).length} ${v}</tspan>`);
  const meta = `profile: ${formatCounts(facts.profiles)} · backend: ${formatCounts(facts.backends)} · commit: ${options.commit ?? "unknown"} · ${facts.results} results`;
  const body: string[] = [
    text(PAD, PAD + 14, "Claims overview", ' font-size="16" font-weight="bold" fill="#1f2328"'),
    text(PAD, PAD + 14 + ROW_HEIGHT, clip(PAPER, lineChars), ' fill="#57606a"'),
    `<text x="${PAD}" y="${PAD + 14 + 2 * ROW_HEIGHT}">${tally.join('<tspan fill="#57606a"> · </tspan>')}</text>`,
    text(PAD, PAD + 14 + 3 * ROW_HEIGHT, clip(meta, lineChars), ' fill="#57606a"'),
  ];
  let y = PAD + 4 * ROW_HEIGHT + 6;
  body.push(`<rect x="${PAD / 2}" y="${y}" width="${width - PAD}" height="${ROW_HEIGHT}" fill="#eaeef2"/>`);
  body.push(...header.map((h, j) => text(xs[j]!, y + 13, h, ' font-weight="bold" fill="#1f2328"')));
  y += ROW_HEIGHT;
  rows.forEach((cells, i) => {
    const claim = all[i]!;
    const verdict: Verdict = claim.verdict;
    const key = claim.keyMeasurement ?? "";
    const lines = key === "" ? 1 : 2;
    if (i % 2 === 1) body.push(`<rect x="${PAD / 2}" y="${y}" width="${width - PAD}" height="${lines * ROW_HEIGHT}" fill="#f6f8fa"/>`);
    body.push(`<g data-claim="${escapeHtml(claim.claim)}" data-statement="${escapeHtml(claim.key)}" data-verdict="${escapeHtml(verdict)}">`);
    cells.forEach((cell, j) => {
      const attrs = j === 2 ? ` fill="${VERDICT_COLOURS[verdict]}" font-weight="bold"` : j === 0 ? ' font-weight="bold" fill="#1f2328"' : ' fill="#1f2328"';
      body.push(text(xs[j]!, y + 13, cell, attrs));
    });
    if (key !== "") body.push(text(PAD + keyIndent * CHAR_WIDTH, y + ROW_HEIGHT + 13, clip(key, keyChars), ' fill="#57606a"'));
    body.push("</g>");
    y += lines * ROW_HEIGHT;
  });
  const height = y + PAD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="${FONT_SIZE}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    "</svg>",
  ].join("\n");
}
