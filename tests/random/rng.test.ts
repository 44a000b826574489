import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { createRng, deriveSeed } from "../../src/random/rng.ts";

describe("createRng", () => {
  test.prop([fc.integer()])("the same seed gives the same stream", (seed) => {
    const a = createRng(seed);
    const b = createRng(seed);
    for (let i = 0; i < 20; i++) expect(a.uniform()).toBe(b.uniform());
    expect(Array.from(a.permutation(10))).toEqual(Array.from(b.permutation(10)));
  });

  test.prop([fc.integer({ min: 1, max: 200 }), fc.integer()])("permutation is a permutation", (n, seed) => {
    const p = Array.from(createRng(seed).permutation(n)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it("uniforms lie in [0, 1) with mean ≈ 1/2 and normals have mean ≈ 0, variance ≈ 1", () => {
    const rng = createRng(7);
    const n = 20000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    // Standard errors: uniform mean 0.29/√n ≈ 0.002, normal mean 1/√n ≈ 0.007, variance √2/√n ≈ 0.01.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * 0.0021);
    expect(Math.abs(sn / n)).toBeLessThan(5 * 0.0071);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * 0.01);
  });

  it("permutation(n) is Fisher–Yates on the stream's next n − 1 uniforms, and the stream goes on after them", () => {
    for (const [seed, n] of [[3, 1000], [11, 2], [12, 1], [13, 0], [-5, 37]] as const) {
      const rng = createRng(seed);
      const reference = createRng(seed);
      rng.normal(); // a spare normal pending must not change what permutation draws
      reference.normal();
      const expected = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(reference.uniform() * (i + 1));
        [expected[i], expected[j]] = [expected[j]!, expected[i]!];
      }
      expect(rng.permutation(n)).toEqual(expected);
      expect([rng.uniform(), rng.normal(), rng.int(7)]).toEqual([reference.uniform(), reference.normal(), reference.int(7)]);
    }
  });

  it("rejects a non-integer seed and a bad bound, naming them", () => {
    expect(() => createRng(1.5)).toThrow(/seed = 1.5/);
    expect(() => createRng(1).int(0)).toThrow(/n = 0/);
    expect(() => deriveSeed(Number.NaN, "x")).toThrow(/base = NaN/);
  });

  it("derived streams differ by tag and by seed", () => {
    expect(deriveSeed(1, "init")).not.toBe(deriveSeed(1, "batches"));
    expect(deriveSeed(1, "init")).not.toBe(deriveSeed(2, "init"));
    expect(deriveSeed(1, "init")).toBe(deriveSeed(1, "init"));
  });
});
