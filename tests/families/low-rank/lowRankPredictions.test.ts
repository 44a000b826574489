import { describe, expect, it } from "vitest";
import type { LayerRank, RankRun } from "../../../src/families/low-rank/lowRankExperiment.ts";
import {
  decideLowRankBias,
  decideRankTrend,
  decideRankTrendOfSlopes,
  decideTrendAbsent,
  inRankRegime,
  perSeedSlopes,
  rankFraction,
  type Sweep,
} from "../../../src/families/low-rank/lowRankPredictions.ts";
import { olsSlope } from "../../../src/stats/index.ts";

const layer = (rank: number, full: number): LayerRank => ({
  shape: [full, full],
  numericalRank: rank,
  fullRank: full,
  stableRank: 1,
  effectiveRank: 1,
  spectrum: [],
});

/** A run whose layers end at the given numerical ranks (generic ranks 16, 32, 3). */
const run = (seed: number, ranks: [number, number, number], over: Partial<RankRun> = {}): RankRun => ({
  seed,
  setting: { weightDecay: 0.02, learningRate: 0.05, batchSize: 8, normalization: "none" },
  status: "ok",
  finalLoss: 0.01,
  finalAccuracy: 1,
  initial: [layer(16, 16), layer(32, 32), layer(3, 3)],
  final: [layer(ranks[0], 16), layer(ranks[1], 32), layer(ranks[2], 3)],
  totalRank: ranks[0] + ranks[1] + ranks[2],
  totalFullRank: 51,
  snapshots: [],
  data: { inputs: new Float32Array(0), labels: new Int32Array(0), count: 0, dim: 0, classes: 0 },
  ...over,
});

const sweep = (levels: number[], total: (level: number, seed: number) => number): Sweep =>
  levels.map((level) => ({
    level,
    runs: [0, 1, 2, 3, 4].map((s) => {
      const t = total(level, s);
      return run(s, [Math.min(16, t), Math.max(0, t - 16 - 3), 3]);
    }),
  }));

describe("low-rank decision rules", () => {
  it("low-rank bias: holds at a third of the generic rank, fails near full rank", () => {
    const low = [0, 1, 2, 3, 4].map((s) => run(s, [8, 6 + (s % 2), 3]));
    const full = [0, 1, 2, 3, 4].map((s) => run(s, [16, 32 - (s % 2), 3]));
    expect(rankFraction(low[0]!)).toBeCloseTo(17 / 51, 12);
    expect(decideLowRankBias(low).holds).toBe(true);
    expect(decideLowRankBias(full).holds).toBe(false);
    expect(decideLowRankBias(full).inconclusive).toBeUndefined();
  });

  it("rank trend: a fall of ~12 per doubling of λ holds; a flat sweep fails; B must rise", () => {
    const falling = sweep([0.01, 0.02, 0.04], (l, s) => Math.round(51 - 12 * Math.log2(l / 0.01) - (s % 2)));
    const flat = sweep([0.01, 0.02, 0.04], (_, s) => 28 + (s % 2));
    expect(perSeedSlopes(falling, (r) => r.totalRank)[0]).toBeCloseTo(-12, 10);
    expect(decideRankTrend(falling, "decreasing", "λ").holds).toBe(true);
    expect(decideRankTrend(flat, "decreasing", "λ").holds).toBe(false);
    expect(decideRankTrend(flat, "decreasing", "λ").inconclusive).toBeUndefined();
    expect(decideRankTrend(flat, "increasing", "B").holds).toBe(false);
    const rising = sweep([2, 8, 32], (b, s) => 20 + 2 * Math.log2(b) + (s % 2));
    expect(decideRankTrend(rising, "increasing", "B").holds).toBe(true);
  });

  it("pooled form: the trend of a sweep is the trend of its per-seed slopes; the slopes of two sweeps decide together", () => {
    const falling = sweep([0.01, 0.02, 0.04], (l, s) => Math.round(51 - 12 * Math.log2(l / 0.01) - (s % 2)));
    const slopes = perSeedSlopes(falling, (r) => r.totalRank);
    expect(decideRankTrendOfSlopes(slopes, "decreasing", "λ")).toEqual(decideRankTrend(falling, "decreasing", "λ"));
    const flatB = sweep([2, 8, 32], (_, s) => 28 + (s % 2));
    const noisyB = sweep([2, 8, 32], (b, s) => 28 + ((s + Math.log2(b)) % 3));
    const pooled = [...perSeedSlopes(flatB, (r) => r.totalRank), ...perSeedSlopes(noisyB, (r) => r.totalRank)];
    expect(pooled).toHaveLength(10);
    expect(decideTrendAbsent(pooled, "B").holds).toBe(true);
    expect(decideRankTrendOfSlopes(pooled, "increasing", "B").holds).toBe(false);
    const rising = sweep([2, 8, 32], (b, s) => 20 + 2 * Math.log2(b) + (s % 2));
    const risingSlopes = perSeedSlopes(rising, (r) => r.totalRank);
    expect(decideTrendAbsent(risingSlopes, "B").holds).toBe(false);
    expect(decideRankTrendOfSlopes(risingSlopes, "increasing", "B").holds).toBe(true);
  });

  it("a diverged run makes a trend inconclusive, never a pass; one level is an error", () => {
    const s = sweep([0.01, 0.02], (l) => (l === 0.01 ? 50 : 20));
    const broken: Sweep = [s[0]!, { level: 0.02, runs: [{ ...s[1]!.runs[0]!, status: "diverged" }, ...s[1]!.runs.slice(1)] }];
    expect(decideRankTrend(broken, "decreasing", "λ").inconclusive).toBeDefined();
    expect(Number.isNaN(rankFraction({ ...run(0, [1, 1, 1]), status: "diverged" }))).toBe(true);
    expect(() => perSeedSlopes([s[0]!], (r) => r.totalRank)).toThrow(/expected ≥ 2 distinct levels/);
  });

  it("regime: no divergence and training accuracy ≥ 0.9", () => {
    expect(inRankRegime(run(0, [1, 1, 1]))).toBe(true);
    expect(inRankRegime(run(0, [1, 1, 1], { finalAccuracy: 0.98 }))).toBe(true);
    expect(inRankRegime(run(0, [1, 1, 1], { finalAccuracy: 0.85 }))).toBe(false);
    expect(inRankRegime(run(0, [1, 1, 1], { status: "diverged" }))).toBe(false);
    expect(olsSlope([0, 1, 2], [1, 3, 5])).toBe(2);
  });
});
