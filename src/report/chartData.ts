/**
 * Shared by the chart helpers: which values a chart can draw, and the subtitle that says which
 * were left out. A chart never throws on a diverged run; it drops what it cannot draw and says so.
 */

/** A dashed horizontal rule, e.g. a decision threshold. */
export interface HLine {
  readonly value: number;
  readonly label: string;
}

/** `true` when `v` can be placed on an axis (finite, and > 0 on a log axis). */
export function drawable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/**
 * Subtitle line listing the dropped values per name, or `undefined` when nothing was dropped.
 * @example droppedNote(new Map([["λ = 0", 3]]), true) // "dropped 3 points of λ = 0 (non-finite, or ≤ 0 on a log axis)"
 */
export function droppedNote(dropped: ReadonlyMap<string, number>, anyLog: boolean, what = "points"): string | undefined {
  const parts = [...dropped].filter(([, n]) => n > 0).map(([name, n]) => `${n} ${n === 1 ? what.replace(/s$/, "") : what} of ${name}`);
  if (parts.length === 0) return undefined;
  return `dropped ${parts.join(", ")} (non-finite${anyLog ? ", or ≤ 0 on a log axis" : ""})`;
}
