/**
 * Regression baselines: key measurements of small canonical seeded runs, recorded with the
 * backend and the versions that produced them (`fixtures/baselines/<family>.json`), and the
 * comparison that says which quantities moved, by how much, and whether that is within the
 * expected run-to-run spread.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { trainerEngine } from "../backend.ts";

/** One quantity across the canonical seeds, e.g. `nc/wd/final/nc1` → one value per seed. */
export type Quantities = Record<string, number[]>;

export interface Baseline {
  readonly family: string;
  readonly description: string;
  /** ISO date of generation. */
  readonly generated: string;
  readonly backend: string;
  readonly versions: Readonly<Record<string, string>>;
  /** Generator parameters (sizes, seeds, steps), for the reader and for replay. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly quantities: Quantities;
}

const require = createRequire(import.meta.url);

/**
 * Versions that matter for the numbers: TF.js, the suite itself, and the trainer's engine on the
 * active backend (`trainerEngine`: `wasm-fma` and `wasm-exact` give different float32 roundings,
 * so a baseline compares exactly only on the engine that recorded it).
 */
export function relevantVersions(): Record<string, string> {
  const read = (p: string) => (JSON.parse(readFileSync(require.resolve(p), "utf8")) as { version: string }).version;
  return {
    "@tensorflow/tfjs": read("@tensorflow/tfjs/package.json"),
    "@tensorflow/tfjs-backend-wasm": read("@tensorflow/tfjs-backend-wasm/package.json"),
    "theorem-spec": read("../../package.json"),
    "trainer engine": trainerEngine(),
  };
}

/** How a quantity compares with its baseline. */
export interface ComparisonRow {
  readonly quantity: string;
  /** Mean over seeds (baseline and now). */
  readonly baseline: number;
  readonly now: number;
  /** Allowed |now − baseline| of the compared statistic (0: exact per seed). */
  readonly tolerance: number;
  readonly rule: "exact" | "spread";
  readonly ok: boolean;
}

/**
 * Same backend and versions: the computation is deterministic (tested), so every per-seed value
 * must match exactly. Otherwise float32 rounding differs and SGD amplifies it, so each quantity's
 * mean over seeds may move by up to `SPREAD_FACTOR` standard errors of a difference of two means,
 * √2 · sd/√n, with sd the baseline's seed-to-seed standard deviation (floored at `MIN_SPREAD`
 * relative to the mean, so a quantity with no spread is not compared exactly).
 */
export const SPREAD_FACTOR = 4;
export const MIN_SPREAD = 1e-6;

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
}

/** Compares `now` with `baseline` quantity by quantity (see `SPREAD_FACTOR`). */
export function compareQuantities(baseline: Quantities, now: Quantities, exact: boolean): ComparisonRow[] {
  const names = [...new Set([...Object.keys(baseline), ...Object.keys(now)])].sort();
  return names.map((quantity): ComparisonRow => {
    const b = baseline[quantity];
    const n = now[quantity];
    if (b === undefined || n === undefined || b.length !== n.length) {
      return { quantity, baseline: b === undefined ? Number.NaN : mean(b), now: n === undefined ? Number.NaN : mean(n), tolerance: 0, rule: "exact", ok: false };
    }
    if (exact) {
      const ok = b.every((v, i) => Object.is(v, n[i]) || v === n[i]);
      return { quantity, baseline: mean(b), now: mean(n), tolerance: 0, rule: "exact", ok };
    }
    const tolerance = SPREAD_FACTOR * Math.SQRT2 * Math.max(sd(b), MIN_SPREAD * Math.abs(mean(b))) / Math.sqrt(b.length);
    const ok = Number.isFinite(mean(n)) && Math.abs(mean(n) - mean(b)) <= tolerance;
    return { quantity, baseline: mean(b), now: mean(n), tolerance, rule: "spread", ok };
  });
}

/** A Markdown table of the rows (all of them, or only those that moved). */
export function formatComparison(rows: readonly ComparisonRow[], onlyFailures = false): string {
  const shown = onlyFailures ? rows.filter((r) => !r.ok) : rows;
  const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(6) : String(x));
  return [
    "| quantity | baseline (mean over seeds) | now | tolerance | rule | |",
    "|---|---|---|---|---|---|",
    ...shown.map((r) => `| ${r.quantity} | ${fmt(r.baseline)} | ${fmt(r.now)} | ${r.rule === "exact" ? "exact per seed" : `± ${fmt(r.tolerance)}`} | ${r.rule} | ${r.ok ? "ok" : "MOVED"} |`),
  ].join("\n");
}
