/**
 * The closed forms of CLAIMS N1 and the margin measures of N2 (`scaleMoments`, `singleScaleRho`,
 * `perLayerRho`, `layerImbalance`, `targetMargins`, `marginSpread`): the loss identity, the
 * stationarity and minimality of the returned scales, their special cases (L = 1, 2, λ = 0, sign
 * of a, no positive equilibrium), and hand-computed examples.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import {
  layerImbalance,
  marginSpread,
  perLayerRho,
  scaleMoments,
  singleScaleRho,
  targetMargins,
  type ScaleMoments,
} from "../../src/metrics/index.ts";
import { squareLossHost } from "../../src/nets/squareLossHost.ts";
import { FLOAT64, expectClose } from "../tolerances.ts";
import { EXACT_RUNS, gaussianMatrix, seedArb } from "../linalg/random.ts";

const runs = { numRuns: EXACT_RUNS };

/** Moments with a > 0, b > 0 and c ≥ a²/b (Cauchy–Schwarz, as for real outputs/targets). */
const momentsArb: fc.Arbitrary<ScaleMoments> = fc
  .record({ a: fc.double({ min: 1e-3, max: 10, noNaN: true }), b: fc.double({ min: 1e-3, max: 10, noNaN: true }), slack: fc.double({ min: 0, max: 5, noNaN: true }) })
  .map(({ a, b, slack }) => ({ alignment: a, outputEnergy: b, targetEnergy: (a * a) / b + slack }));
const lambdaArb = fc.double({ min: 1e-5, max: 1, noNaN: true });
const depthArb = fc.integer({ min: 1, max: 6 });

/** The per-layer objective along the balanced curve g_k = ρ^{1/L}. */
function balancedObjective(m: ScaleMoments, lambda: number, depth: number, rho: number): number {
  return m.targetEnergy - 2 * m.alignment * rho + m.outputEnergy * rho * rho + lambda * depth * rho ** (2 / depth);
}

describe("scaleMoments", () => {
  test.prop([seedArb, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 4 }), fc.double({ min: -5, max: 5, noNaN: true })], runs)(
    "gives the square loss of ρ f for every ρ: c − 2aρ + bρ² = (1/N) Σ‖y_n − ρ f_n‖²",
    (seed, n, c, rho) => {
      const f = gaussianMatrix(seed, n, c);
      const y = Float64Array.from(gaussianMatrix(seed + 1, n, c).to1DArray());
      const m = scaleMoments(f, y);
      const loss = squareLossHost(f.clone().mul(rho), y);
      expectClose(m.targetEnergy - 2 * m.alignment * rho + m.outputEnergy * rho * rho, loss, { rel: FLOAT64.rel, abs: 1e-12 * (1 + loss) }, "loss identity");
    },
  );

  it("rejects bad shapes and targets, naming them", () => {
    expect(() => scaleMoments(new Matrix(0, 2), [])).toThrow(/scaleMoments: outputs has shape \[0, 2\]; expected \[N, C\] with N ≥ 1/);
    expect(() => scaleMoments(new Matrix(2, 2), [1, 0, 0])).toThrow(/scaleMoments: targets has length 3; expected row-major \[N, C\] of length 2 × 2 = 4/);
    expect(() => scaleMoments(new Matrix(1, 1), [Number.NaN])).toThrow(/scaleMoments: targets\[0\] = NaN; expected finite numbers/);
  });
});

describe("singleScaleRho", () => {
  test.prop([momentsArb, fc.double({ min: 0, max: 1, noNaN: true })], runs)(
    "is the stationary point and the minimum of c − 2aρ + bρ² + λρ²",
    (m, lambda) => {
      const rho = singleScaleRho(m, lambda);
      const f = (r: number) => m.targetEnergy - 2 * m.alignment * r + (m.outputEnergy + lambda) * r * r;
      expectClose(-2 * m.alignment + 2 * (m.outputEnergy + lambda) * rho, 0, { rel: 0, abs: 1e-12 * m.alignment }, "derivative");
      for (const d of [1e-3, 0.1, 1]) {
        expect(f(rho + d * (1 + rho))).toBeGreaterThan(f(rho));
        expect(f(rho - d * (1 + rho))).toBeGreaterThan(f(rho));
      }
    },
  );

  it("is the least-squares scale a/b at λ = 0 and rejects b + λ = 0 and negative λ", () => {
    expect(singleScaleRho({ alignment: 3, outputEnergy: 2 }, 0)).toBe(1.5);
    expect(() => singleScaleRho({ alignment: 0, outputEnergy: 0 }, 0)).toThrow(/singleScaleRho: outputEnergy b = 0 and lambda = 0/);
    expect(() => singleScaleRho({ alignment: 1, outputEnergy: 1 }, -1)).toThrow(/singleScaleRho: lambda is -1; expected a finite weight decay λ ≥ 0/);
    expect(() => singleScaleRho({ alignment: Number.NaN, outputEnergy: 1 }, 0)).toThrow(/moments.alignment is NaN/);
    expect(() => singleScaleRho({ alignment: 1, outputEnergy: -1 }, 0)).toThrow(/moments.outputEnergy is -1; expected a finite number ≥ 0/);
  });
});

describe("perLayerRho", () => {
  test.prop([momentsArb, lambdaArb, depthArb], runs)(
    "when finite, solves a − ρb = λρ^{2/L−1} and is a local minimum of the balanced objective (the larger root)",
    (m, lambda, depth) => {
      const rho = perLayerRho(m, lambda, depth);
      fc.pre(Number.isFinite(rho));
      expect(rho).toBeGreaterThan(0);
      const residual = m.alignment - rho * m.outputEnergy - lambda * rho ** (2 / depth - 1);
      expectClose(residual, 0, { rel: 0, abs: 1e-10 * (m.alignment + lambda * rho ** (2 / depth - 1)) }, "a − ρb − λρ^{2/L−1}");
      for (const d of [1e-4, 1e-2]) {
        expect(balancedObjective(m, lambda, depth, rho * (1 + d))).toBeGreaterThan(balancedObjective(m, lambda, depth, rho));
        expect(balancedObjective(m, lambda, depth, rho * (1 - d))).toBeGreaterThan(balancedObjective(m, lambda, depth, rho));
      }
    },
  );

  test.prop([momentsArb, lambdaArb, depthArb], runs)(
    "balanced layers g_k = ρ^{1/L} at the returned ρ satisfy every stationarity condition λ g_k² = ρ(a − ρb)",
    (m, lambda, depth) => {
      const rho = perLayerRho(m, lambda, depth);
      fc.pre(Number.isFinite(rho));
      const g2 = rho ** (2 / depth);
      expectClose(lambda * g2, rho * (m.alignment - rho * m.outputEnergy), { rel: 1e-9, abs: 1e-12 }, "λ g_k² = ρ(a − ρb)");
    },
  );

  test.prop([momentsArb, lambdaArb, depthArb], runs)("is odd in the alignment a: ρ*(−a) = −ρ*(a)", (m, lambda, depth) => {
    const plus = perLayerRho(m, lambda, depth);
    const minus = perLayerRho({ ...m, alignment: -m.alignment }, lambda, depth);
    if (Number.isNaN(plus)) expect(minus).toBeNaN();
    else expect(minus).toBe(-plus);
  });

  test.prop([momentsArb, lambdaArb], runs)("is the single-scale equilibrium for L = 1 and (a − λ)/b for L = 2", (m, lambda) => {
    expect(perLayerRho(m, lambda, 1)).toBe(singleScaleRho(m, lambda));
    const two = perLayerRho(m, lambda, 2);
    if (m.alignment > lambda) expectClose(two, (m.alignment - lambda) / m.outputEnergy, FLOAT64, "L = 2");
    else expect(two).toBeNaN();
  });

  test.prop([momentsArb, depthArb], runs)("tends to the least-squares scale a/b as λ → 0 and equals it at λ = 0", (m, depth) => {
    expect(perLayerRho(m, 0, depth)).toBe(m.alignment / m.outputEnergy);
    expectClose(perLayerRho(m, 1e-12, depth), m.alignment / m.outputEnergy, { rel: 1e-4, abs: 0 }, "λ = 1e-12");
  });

  it("reports no positive equilibrium (NaN) when weight decay outweighs the fit, and a root just below the threshold", () => {
    // L = 3: h(ρ) = a − ρb − λρ^{−1/3} has max at ρ_peak = (λ/(3b))^{3/4}; with a = 1, b = 1 the
    // threshold λ* solves h(ρ_peak) = 0: 1 = ρ_peak + λ ρ_peak^{−1/3}.
    const m = { alignment: 1, outputEnergy: 1, targetEnergy: 1 };
    const h = (lambda: number) => {
      const peak = (lambda / 3) ** 0.75;
      return 1 - peak - lambda * peak ** (-1 / 3);
    };
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (h(mid) > 0) lo = mid;
      else hi = mid;
    }
    expect(Number.isFinite(perLayerRho(m, lo * (1 - 1e-6), 3))).toBe(true);
    expect(perLayerRho(m, hi * (1 + 1e-6), 3)).toBeNaN();
    expect(perLayerRho({ alignment: 0, outputEnergy: 1 }, 0.1, 3)).toBeNaN();
  });

  it("matches a hand-computed case and rejects bad depth or b = 0", () => {
    // L = 4, λ = 0.1, b = 1: a − ρ = 0.1 ρ^{−1/2}; at ρ = 4: a = 4.05.
    expectClose(perLayerRho({ alignment: 4.05, outputEnergy: 1 }, 0.1, 4), 4, FLOAT64, "ρ* = 4");
    expect(() => perLayerRho({ alignment: 1, outputEnergy: 1 }, 0.1, 0)).toThrow(/perLayerRho: depth is 0; expected an integer number of layers L ≥ 1/);
    expect(() => perLayerRho({ alignment: 1, outputEnergy: 0 }, 0.1, 3)).toThrow(/perLayerRho: moments.outputEnergy b = 0; expected b > 0/);
  });
});

describe("layerImbalance", () => {
  test.prop([fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0.01, max: 100, noNaN: true })], runs)(
    "is scale-free, 0 for equal scales, and max_k |g_k²/ρ^{2/L} − 1| by the definition",
    (g, t) => {
      const L = g.length;
      const rho = g.reduce((p, x) => p * x, 1);
      const direct = Math.max(...g.map((x) => Math.abs((x * x) / rho ** (2 / L) - 1)));
      expectClose(layerImbalance(g), direct, { rel: 1e-9, abs: 1e-12 }, "definition");
      expectClose(layerImbalance(g.map((x) => x * t)), layerImbalance(g), { rel: 1e-9, abs: 1e-12 }, "scale-free");
      expect(layerImbalance(g.map(() => g[0]!))).toBeCloseTo(0, 12);
    },
  );

  it("rejects empty input and zero scales", () => {
    expect(() => layerImbalance([])).toThrow(/layerImbalance: layerScales is an array of length 0/);
    expect(() => layerImbalance([1, 0])).toThrow(/layerImbalance: layerScales\[1\] is 0; expected a finite non-zero scale/);
  });
});

describe("targetMargins and marginSpread", () => {
  it("take the sample's own output (one-hot) or y·f (binary)", () => {
    expect(Array.from(targetMargins(new Matrix([[0.2, 0.9, 0.1], [0.5, 0, 0.3]]), [0, 1, 0, 0, 0, 1]))).toEqual([0.9, 0.3]);
    expect(Array.from(targetMargins(new Matrix([[2], [-3]]), [1, -1]))).toEqual([2, 3]);
  });

  /** Margins on a 1e-3 grid in [−10, 10] (no subnormals, whose scaled squares would underflow). */
  const marginsArb = fc.array(fc.integer({ min: -10_000, max: 10_000 }).map((k) => k / 1000), { minLength: 1, maxLength: 20 });

  test.prop([marginsArb, fc.double({ min: 0.01, max: 100, noNaN: true })], runs)(
    "spread = std/rms lies in [0, 1] and is invariant under positive scaling",
    (m, t) => {
      fc.pre(m.some((x) => x !== 0));
      const s = marginSpread(m);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expectClose(marginSpread(m.map((x) => x * t)), s, { rel: 1e-9, abs: 1e-12 }, "scaling");
    },
  );

  it("is 0 for equal margins, 1 for margins scattered around 0, NaN for all zeros", () => {
    expect(marginSpread([0.7, 0.7, 0.7, 0.7])).toBeCloseTo(0, 12);
    expect(marginSpread([2, -2, 1, -1])).toBe(1);
    expect(marginSpread([0, 0])).toBeNaN();
    expect(() => marginSpread([])).toThrow(/marginSpread: margins is an array of length 0/);
    expect(() => marginSpread([1, Number.POSITIVE_INFINITY])).toThrow(/marginSpread: margins\[1\] = Infinity/);
  });
});
