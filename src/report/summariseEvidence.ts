/**
 * Keeps the report small: evidence attached to a result is a *summary* of the measurements — long
 * arrays thinned to evenly spaced entries, numbers to 5 significant digits — while the raw data
 * stays exportable by the CLI (`npx theorem-spec export <claim>`). Decisions (`attachDecision`)
 * are attached in full; only `recordEvidence` data goes through here.
 */
import { toJsonValue, type JsonValue } from "./toJsonValue.ts";

/** Longest array kept whole; longer ones keep this many evenly spaced entries, first and last included. */
export const MAX_ARRAY_ENTRIES = 16;
/** The same for a kind of evidence already charted (a further configuration, a control): first and last entry. */
export const REPEATED_ARRAY_ENTRIES = 2;
/** Significant digits of every number in summarised evidence. */
export const SIGNIFICANT_DIGITS = 4;

/** The note a summarised attachment carries under `EVIDENCE_NOTE_KEY`. */
export const EVIDENCE_NOTE =
  `summarised for the report: long arrays keep ${MAX_ARRAY_ENTRIES} evenly spaced entries (first and last only where the same kind of evidence was charted before), ` +
  `first and last included; numbers ${SIGNIFICANT_DIGITS} significant digits; the raw data of a run: npx theorem-spec export <claim>`;
export const EVIDENCE_NOTE_KEY = "_summarised";

/**
 * Indices of `keep` evenly spaced entries of an array of `length`, first and last included.
 * @example thinIndices(10, 4) // [0, 3, 6, 9]
 */
export function thinIndices(length: number, keep: number): number[] {
  if (length <= keep) return Array.from({ length }, (_, i) => i);
  if (keep < 2) return [0];
  return [...new Set(Array.from({ length: keep }, (_, i) => Math.round((i * (length - 1)) / (keep - 1))))];
}

function round(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

function summarise(v: JsonValue, maxEntries = MAX_ARRAY_ENTRIES): { value: JsonValue; thinned: boolean } {
  if (typeof v === "number") return { value: round(v), thinned: false };
  if (Array.isArray(v)) {
    const idx = thinIndices(v.length, maxEntries);
    let thinned = idx.length < v.length;
    const value = idx.map((i) => {
      const s = summarise(v[i]!, maxEntries);
      thinned ||= s.thinned;
      return s.value;
    });
    return { value, thinned };
  }
  if (v !== null && typeof v === "object") {
    let thinned = false;
    const value: { [key: string]: JsonValue } = {};
    for (const [k, x] of Object.entries(v)) {
      const s = summarise(x, maxEntries);
      thinned ||= s.thinned;
      value[k] = s.value;
    }
    return { value, thinned };
  }
  return { value: v, thinned: false };
}

/**
 * The evidence as it goes into the report: JSON (`toJsonValue`), arrays longer than `maxEntries`
 * thinned, numbers rounded.
 * When something was thinned, an object gets the key `_summarised` with `EVIDENCE_NOTE`, and an
 * array is wrapped as `{ _summarised, data }`.
 * @example summariseEvidence({ loss: Array.from({ length: 1000 }, (_, i) => i) }).loss.length // 64
 */
export function summariseEvidence(data: unknown, maxEntries = MAX_ARRAY_ENTRIES): JsonValue {
  const { value, thinned } = summarise(toJsonValue(data), maxEntries);
  if (!thinned) return value;
  if (Array.isArray(value) || value === null || typeof value !== "object") return { [EVIDENCE_NOTE_KEY]: EVIDENCE_NOTE, data: value };
  return { [EVIDENCE_NOTE_KEY]: EVIDENCE_NOTE, ...value };
}

/** Attributes of Vega's SVG that only serve screen readers and styling hooks, not the picture. */
const DROPPED_ATTRIBUTES = /\s(?:aria-[a-z-]+|role|class|pointer-events|stroke-miterlimit)="[^"]*"/g;
/** Geometry attributes whose numbers are rounded to 0.1 px. */
const GEOMETRY = /(\s(?:d|transform|points|x|y|x1|x2|y1|y2|dx|dy|cx|cy|r|width|height)=")([^"]*)"/g;

/**
 * A smaller SVG of the same picture: accessibility and class attributes dropped, geometry rounded
 * to whole pixels, default attributes (`opacity="1"`, the labels' default font and black fill)
 * stated once on the root or removed. Text content is untouched.
 * @example minifySvg('<svg><path class="x" d="M1.63456,2.34567"/></svg>') // '<svg font-family="sans-serif" font-size="10px"><path d="M2,2"/></svg>'
 */
export function minifySvg(svg: string): string {
  return svg
    .replace(DROPPED_ATTRIBUTES, "")
    // Vega repeats the default font on every label: state it once on the root element instead.
    .replace(/\sfont-family="sans-serif"/g, "")
    .replace(/\sfont-size="10px"/g, "")
    .replace(/(<text[^>]*?)\sfill="#000"/g, "$1")
    .replace(/^<svg\b/, '<svg font-family="sans-serif" font-size="10px"')
    .replace(GEOMETRY, (_, head: string, value: string) => `${head}${value.replace(/-?\d+\.\d+(?:e-?\d+)?/g, (n) => String(Math.round(Number(n))))}"`)
    .replace(/\sopacity="1"/g, "");
}

/** Longest `values` array of a decision kept whole in the report (S2 decides on thousands of cases). */
export const MAX_DECISION_VALUES = 64;

/**
 * A decision as it goes into the report: every field as it is, except arrays longer than
 * `MAX_DECISION_VALUES` (the per-case values of an exact check), thinned with the note.
 */
export function summariseDecision(decision: unknown): JsonValue {
  const json = toJsonValue(decision);
  const long = JSON.stringify(json).length > 8_000;
  return long ? summariseEvidence(decision, MAX_DECISION_VALUES) : json;
}

/**
 * The kind of a piece of evidence: its name without the configuration it belongs to, so that
 * `"NC1 over training (config seed 12)"` and `"… (config seed 34)"` are the same kind.
 * @example evidenceKind("NC1 over training (config seed 12)") // "NC1 over training"
 */
export function evidenceKind(name: string): string {
  return name.replace(/\s*\(?,?\s*config seed -?\d+\)?/g, "").trim();
}
