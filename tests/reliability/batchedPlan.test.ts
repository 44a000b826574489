import { describe, expect, it } from "vitest";
import { batchedWaves } from "../../src/reliability/batchedPlan.ts";

const A = "specs/a.spec.ts";
const B = "specs/b.spec.ts";
const C = "specs/c.spec.ts";

describe("batchedWaves", () => {
  it("K streams at a time, one spec file at a time, in family order; each stream × file exactly once", () => {
    const runs = [
      { stream: 0, specFiles: [B, C] },
      { stream: 1, specFiles: [A, B, C] },
      { stream: 2, specFiles: [A, B, C] },
      { stream: 3, specFiles: [A, B, C] },
      { stream: 4, specFiles: [C] },
    ];
    const waves = batchedWaves(runs, 2);
    expect(waves).toEqual([
      [{ stream: 1, specFiles: [A] }],
      [{ stream: 0, specFiles: [B] }, { stream: 1, specFiles: [B] }],
      [{ stream: 0, specFiles: [C] }, { stream: 1, specFiles: [C] }],
      [{ stream: 2, specFiles: [A] }, { stream: 3, specFiles: [A] }],
      [{ stream: 2, specFiles: [B] }, { stream: 3, specFiles: [B] }],
      [{ stream: 2, specFiles: [C] }, { stream: 3, specFiles: [C] }],
      [{ stream: 4, specFiles: [C] }],
    ]);
    const pairs = waves.flat().map((r) => `${r.stream}:${r.specFiles[0]}`).sort();
    expect(pairs).toEqual(runs.flatMap((r) => r.specFiles.map((f) => `${r.stream}:${f}`)).sort());
  });

  it("rejects a bad K", () => {
    expect(() => batchedWaves([], 0)).toThrow(/k is 0; expected an integer ≥ 1/);
  });
});
