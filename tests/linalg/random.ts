/**
 * Seeded random matrices for the linear-algebra and metric tests. fast-check generates the small
 * parameters (shapes, seeds), so counterexamples print as a few integers and replay exactly; the
 * matrices are then drawn from a deterministic PRNG seeded by them.
 */
import { fc } from "@fast-check/vitest";
import { Matrix, QrDecomposition } from "ml-matrix";
import { activeProfile } from "../../src/profile.ts";

/** fast-check runs per exact property (profile `exactRuns`: 100 in `ci`, 500 in `full`). */
export const EXACT_RUNS = activeProfile().exactRuns;

/** Mulberry32: a small, fast, seedable 32-bit PRNG; returns uniforms in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded stream of standard normal draws (Box–Muller). */
export function gaussianStream(seed: number): () => number {
  const uniform = mulberry32(seed);
  return () => {
    const u = 1 - uniform(); // (0, 1]
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** `[m, n]` with i.i.d. N(0, scale²) entries. */
export function gaussianMatrix(seed: number, m: number, n: number, scale = 1): Matrix {
  const next = gaussianStream(seed);
  const a = new Matrix(m, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a.set(i, j, scale * next());
  return a;
}

/** A random orthogonal `[n, n]` matrix: the Q factor of a Gaussian matrix. */
export function orthogonalMatrix(seed: number, n: number): Matrix {
  if (n === 0) return new Matrix(0, 0);
  return new QrDecomposition(gaussianMatrix(seed, n, n)).orthogonalMatrix;
}

/** `[m, n]` with orthonormal columns (`m ≥ n`): the first n columns of a random orthogonal matrix. */
export function orthonormalColumns(seed: number, m: number, n: number): Matrix {
  const q = orthogonalMatrix(seed, m);
  return n === 0 ? new Matrix(m, 0) : q.subMatrix(0, m - 1, 0, n - 1);
}

/** `U diag(sigma) Vᵀ` with random orthonormal U `[m, k]`, V `[n, k]`, `k = sigma.length`. */
export function matrixWithSpectrum(seed: number, m: number, n: number, sigma: readonly number[]): Matrix {
  const k = sigma.length;
  if (k === 0) return new Matrix(m, n);
  const u = orthonormalColumns(seed, m, k);
  const v = orthonormalColumns(seed + 1, n, k);
  return u.mmul(Matrix.diag([...sigma])).mmul(v.transpose());
}

/** A seed for `gaussianMatrix` and friends. */
export const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

/** Shape and seed of a random matrix. */
export interface MatrixSpec {
  readonly seed: number;
  readonly m: number;
  readonly n: number;
}

/** Shapes `[m, n]` with `1 ≤ m, n ≤ maxDim` (tall, wide and square) and a seed. */
export function matrixSpecArb(maxDim = 12): fc.Arbitrary<MatrixSpec> {
  return fc.record({
    seed: seedArb,
    m: fc.integer({ min: 1, max: maxDim }),
    n: fc.integer({ min: 1, max: maxDim }),
  });
}
