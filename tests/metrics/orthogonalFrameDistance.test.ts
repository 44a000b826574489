import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { nc2FromMeans } from "../../src/metrics/nc2FromMeans.ts";
import { orthogonalFrameDistance } from "../../src/metrics/orthogonalFrameDistance.ts";
import { createRng } from "../../src/random/rng.ts";

function randomOrthogonal(p: number, seed: number): Matrix {
  const rng = createRng(seed);
  const a = Matrix.from1DArray(p, p, Array.from({ length: p * p }, () => rng.normal()));
  // Gram–Schmidt on the columns
  const q = new Matrix(p, p);
  for (let j = 0; j < p; j++) {
    let v = a.getColumnVector(j);
    for (let k = 0; k < j; k++) {
      const u = q.getColumnVector(k);
      v = v.sub(u.clone().mul(u.transpose().mmul(v).get(0, 0)));
    }
    q.setColumn(j, v.div(v.norm()).to1DArray());
  }
  return q;
}

describe("orthogonalFrameDistance", () => {
  it("is 0 for orthogonal equinorm means in any rotation and scale, and their centred version is a simplex ETF", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (C, seed, scale) => {
        const p = C + 2;
        const means = Matrix.eye(C, p).mul(scale).mmul(randomOrthogonal(p, seed));
        expect(orthogonalFrameDistance(means)).toBeLessThan(1e-12);
        expect(nc2FromMeans(means).etfDistance).toBeLessThan(1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it("is invariant under rotation, scaling and relabelling, and at most 2", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1e6 }), (C, seed) => {
        const p = 6;
        const rng = createRng(seed);
        const means = Matrix.from1DArray(C, p, Array.from({ length: C * p }, () => rng.normal()));
        const d = orthogonalFrameDistance(means);
        expect(d).toBeLessThanOrEqual(2);
        expect(orthogonalFrameDistance(means.mmul(randomOrthogonal(p, seed + 1)).mul(7))).toBeCloseTo(d, 10);
        const reversed = new Matrix(means.to2DArray().reverse());
        expect(orthogonalFrameDistance(reversed)).toBeCloseTo(d, 12);
      }),
      { numRuns: 50 },
    );
  });

  it("equals the closed form for C equal means: ‖11ᵀ/C − I/√C‖_F = √(2 − 2/√C)", () => {
    for (const C of [2, 3, 5]) {
      const means = new Matrix(Array.from({ length: C }, () => [1, 2, 3]));
      expect(orthogonalFrameDistance(means)).toBeCloseTo(Math.sqrt(2 - 2 / Math.sqrt(C)), 12);
    }
  });

  it("refuses a single mean or a non-finite entry, naming the argument", () => {
    expect(() => orthogonalFrameDistance(new Matrix([[1, 2]]))).toThrow(/orthogonalFrameDistance: means has shape \[1, 2\]; expected \[C, p\] with C ≥ 2/);
    expect(() => orthogonalFrameDistance(new Matrix([[1, Number.NaN], [0, 1]]))).toThrow(/orthogonalFrameDistance/);
  });
});
