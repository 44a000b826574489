import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend.ts";
import { createRng } from "../../src/random/rng.ts";
import { blockedMatMul } from "../../src/train/blockedMatMul.ts";
import { SHARED_BLOCK, trainerWasmSupported } from "../../src/train/trainerWasm.ts";

beforeAll(async () => {
  await initBackend();
});

/** Seeded float32 entries over many magnitudes, with exact zeros, so sums round in every way. */
function entries(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => {
    const u = rng.normal();
    return Math.abs(u) < 0.1 ? 0 : u * 10 ** Math.round(3 * rng.normal());
  });
}

/** The generic loop's product through TF.js's own kernel (an explicit transpose for a batch of 1 without transposes). */
function reference(a: tf.Tensor3D, b: tf.Tensor3D, transposeA: boolean, transposeB: boolean): Float32Array {
  return tf.tidy(() => {
    const generic = a.shape[0] === 1 && !transposeA && !transposeB ? tf.matMul(a, tf.transpose(b, [0, 2, 1]), false, true) : tf.matMul(a, b, transposeA, transposeB);
    return generic.dataSync() as Float32Array;
  });
}

describe("blockedMatMul: TF.js's generic BatchMatMul loop, bit for bit", () => {
  it("the wasm module is valid on this runtime (Node has WebAssembly with SIMD)", () => {
    expect(trainerWasmSupported()).toBe(true);
  });

  // Shared dimensions around the loop's block of 48; row and column counts around the 4 × 4 tile;
  // narrow results with rows a multiple of 4 (a transposed: computed as cᵀ, then transposed out).
  const shapes = [
    [10, 8, 256, 2],
    [2, 4, SHARED_BLOCK + 2, 3],
    [1, 1, 1, 1],
    [1, 5, 3, 7],
    [2, 16, 32, 64],
    [3, 4, SHARED_BLOCK, 4],
    [2, 7, SHARED_BLOCK + 1, 9],
    [10, 16, 64, 4],
    [2, 3, 150, 97],
    [1, 50, 100, 10],
  ] as const;
  for (const [S, rows, shared, cols] of shapes) {
    for (const [transposeA, transposeB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      it(`S = ${S}, ${rows} × ${shared} · ${shared} × ${cols}${transposeA ? ", a transposed" : ""}${transposeB ? ", b transposed" : ""}`, () => {
        const seed = S * 1000 + rows * 100 + shared * 10 + cols + (transposeA ? 7 : 0) + (transposeB ? 13 : 0);
        const a = tf.tensor3d(entries(S * rows * shared, seed), transposeA ? [S, shared, rows] : [S, rows, shared]);
        const b = tf.tensor3d(entries(S * shared * cols, seed + 1), transposeB ? [S, cols, shared] : [S, shared, cols]);
        const before = tf.memory().numTensors;
        const product = blockedMatMul(a, b, transposeA, transposeB);
        expect(product.shape).toEqual([S, rows, cols]);
        expect(product.dataSync()).toEqual(reference(a, b, transposeA, transposeB));
        product.dispose();
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([a, b]);
      });
    }
  }

  it("non-finite entries propagate as in TF.js (NaN, ±∞)", () => {
    const values = entries(2 * 4 * 6, 5);
    values[3] = Number.NaN;
    values[10] = Number.POSITIVE_INFINITY;
    values[30] = Number.NEGATIVE_INFINITY;
    const a = tf.tensor3d(values, [2, 4, 6]);
    const b = tf.tensor3d(entries(2 * 5 * 6, 6), [2, 5, 6]);
    const got = tf.tidy(() => blockedMatMul(a, b, false, true).dataSync());
    expect(got).toEqual(reference(a, b, false, true));
    tf.dispose([a, b]);
  });

  it("signed zeros come out as in TF.js (one block and several: sums of −0 terms, −0 first terms)", () => {
    for (const shared of [3, SHARED_BLOCK, 2 * SHARED_BLOCK + 1]) {
      // entries ±0 and a few ±1: many products and partial sums are −0
      const signedZeros = (n: number, seed: number) => {
        const rng = createRng(seed);
        return Float32Array.from({ length: n }, () => (rng.uniform() < 0.2 ? (rng.uniform() < 0.5 ? -1 : 1) : rng.uniform() < 0.5 ? -0 : 0));
      };
      const a = tf.tensor3d(signedZeros(2 * 8 * shared, shared), [2, 8, shared]);
      const b = tf.tensor3d(signedZeros(2 * shared * 8, shared + 1), [2, shared, 8]);
      const got = tf.tidy(() => blockedMatMul(a, b, false, false).dataSync());
      const expected = reference(a, b, false, false);
      const differing = Array.from(got).findIndex((x, e) => !Object.is(x, expected[e]));
      expect(differing, `shared ${shared}: element ${differing} is ${got[differing]}, TF.js ${expected[differing]}`).toBe(-1);
      tf.dispose([a, b]);
    }
  });

  it("on the cpu backend it is tf.matMul (the batch of 1 without transposes through an explicit transpose)", async () => {
    const previous = tf.getBackend();
    await tf.setBackend("cpu");
    try {
      for (const [S, transposeB] of [
        [1, false],
        [2, true],
      ] as const) {
        const a = tf.tensor3d(entries(S * 5 * 6, 40 + S), [S, 5, 6]);
        const b = tf.tensor3d(entries(S * 6 * 7, 50 + S), transposeB ? [S, 7, 6] : [S, 6, 7]);
        const got = tf.tidy(() => blockedMatMul(a, b, false, transposeB).dataSync());
        expect(got).toEqual(reference(a, b, false, transposeB));
        tf.dispose([a, b]);
      }
    } finally {
      await tf.setBackend(previous);
    }
  });

  it("refuses operands that do not fit, naming their shapes", () => {
    const a = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const b = tf.zeros([3, 4, 5]) as tf.Tensor3D;
    expect(() => blockedMatMul(a, b)).toThrow(/a \[2, 3, 4\] · b \[3, 4, 5\].*same batch and shared dimension/);
    expect(() => blockedMatMul(a, a)).toThrow(/a \[2, 3, 4\] · b \[2, 3, 4\]/);
    tf.dispose([a, b]);
  });
});
