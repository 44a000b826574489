/**
 * Text layout for the terminal: aligned tables, wrapped paragraphs, numbers, a progress bar.
 * Pure functions.
 */

/** A table of measured values as `run` prints it. */
export interface MeasurementTable {
  /** What the table shows, e.g. "NC1 per seed (training set)". */
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /** One line under the table (a definition, a caveat). */
  readonly note?: string;
}

/**
 * Indices of about `count` points of `steps` (ascending) evenly spaced in step, the first and the
 * last included: snapshots are dense in the final window, the table should not be.
 * @example evenlySpaced([0, 100, 200, 290, 300], 3) // [0, 1, 4] (150 is as near 100 as 200: the first wins)
 */
export function evenlySpaced(steps: readonly number[], count: number): number[] {
  if (steps.length <= count) return steps.map((_, i) => i);
  const first = steps[0]!;
  const last = steps.at(-1)!;
  const nearest = (target: number) => steps.reduce((best, s, i) => (Math.abs(s - target) < Math.abs(steps[best]! - target) ? i : best), 0);
  return [...new Set(Array.from({ length: count }, (_, j) => nearest(first + ((last - first) * j) / (count - 1))))];
}

/**
 * A number for a table: integers as they are (seeds, steps), others with 4 significant digits,
 * in exponent form outside [1e-3, 1e5); `NaN`/`∞` spelled out.
 * @example formatNumber(0.000123456) // "1.235e-4"
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Number.isSafeInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(3).replace("e+", "e");
  return String(Number(x.toPrecision(4)));
}

function cellText(v: string | number): string {
  return typeof v === "number" ? formatNumber(v) : v;
}

function width(s: string): number {
  return [...s].length;
}

/**
 * The table as text lines: title, header, rule, rows; numbers right-aligned.
 * @example formatTable({ title: "t", columns: ["a", "b"], rows: [["x", 1]] }).join("\n")
 */
export function formatTable(table: MeasurementTable): string[] {
  const rows = table.rows.map((r) => r.map(cellText));
  const numeric = table.columns.map((_, j) => table.rows.length > 0 && table.rows.every((r) => typeof r[j] === "number"));
  const widths = table.columns.map((c, j) => Math.max(width(c), ...rows.map((r) => width(r[j] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => {
        const pad = " ".repeat(Math.max(0, (widths[j] ?? 0) - width(c)));
        return numeric[j] === true ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  const out = [table.title, line(table.columns), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
  if (table.note !== undefined) out.push(table.note);
  return out;
}

/**
 * Markdown as plain text for a terminal: code-span backquotes dropped (their content kept as is,
 * `ρ*` included), emphasis stars outside code spans dropped.
 * @example plainText("*Single scale*: `ρ* = a/b`") // "Single scale: ρ* = a/b"
 */
export function plainText(markdown: string): string {
  return markdown
    .split("`")
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\*/g, "")))
    .join("");
}

/**
 * `text` (Markdown, see `plainText`) wrapped at `columns` characters, every line prefixed with `indent`.
 * @example wrap("a b c", 3, "  ") // ["  a b", "  c"]
 */
export function wrap(text: string, columns: number, indent = ""): string[] {
  const words = plainText(text).split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let current = "";
  for (const w of words) {
    if (current !== "" && width(current) + 1 + width(w) > columns) {
      lines.push(indent + current);
      current = w;
    } else current = current === "" ? w : `${current} ${w}`;
  }
  if (current !== "") lines.push(indent + current);
  return lines;
}

/**
 * `[########............]  42 %  label`.
 * @example progressBar(0.5, "training", 10) // "[#####.....]  50 %  training"
 */
export function progressBar(fraction: number, label: string, barWidth = 24): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * barWidth);
  const percent = String(Math.round(f * 100)).padStart(3);
  return `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}] ${percent} %  ${label}`;
}
