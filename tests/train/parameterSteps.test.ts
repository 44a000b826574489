import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { activeBackend, initBackend } from "../../src/backend.ts";
import { createRng } from "../../src/random/rng.ts";
import { PLAIN_STEP_KERNEL, plainStep, WEIGHT_NORM_STEP_KERNEL, weightNormStep } from "../../src/train/parameterSteps.ts";

beforeAll(async () => {
  await initBackend();
});

function normal(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

/** Parameters of S runs: V of unit norm per run, g, ∇_W, η, 2λ (one run with λ = 0). */
function parameters(S: number, rows: number, cols: number, seed: number) {
  return tf.tidy(() => {
    const raw = tf.tensor3d(normal(S * rows * cols, seed), [S, rows, cols]);
    const v = tf.div(raw, tf.sqrt(tf.sum(tf.square(raw), [1, 2], true))) as tf.Tensor3D;
    const g = tf.tensor3d(normal(S, seed + 1, 3).map(Math.abs), [S, 1, 1]);
    const gradW = tf.tensor3d(normal(S * rows * cols, seed + 2, 0.1), [S, rows, cols]);
    const lr = tf.tensor3d(normal(S, seed + 3, 0.05).map(Math.abs), [S, 1, 1]);
    const decay = tf.tensor3d(Float32Array.from({ length: S }, (_, s) => (s === 0 ? 0 : 0.01 * (s + 1))), [S, 1, 1]);
    return { v, g, gradW, lr, decay };
  });
}

/** The steps as TF.js ops (the definition the kernels reproduce). */
function weightNormStepOps(v: tf.Tensor3D, g: tf.Tensor3D, gradW: tf.Tensor3D, lr: tf.Tensor3D, decay: tf.Tensor3D): Float32Array[] {
  return tf.tidy(() => {
    const radial = tf.sum(tf.mul(gradW, v), [1, 2], true);
    const stepped = tf.sub(v, tf.mul(lr, tf.mul(g, tf.sub(gradW, tf.mul(radial, v)))));
    const nextV = tf.div(stepped, tf.sqrt(tf.sum(tf.square(stepped), [1, 2], true)));
    const nextG = tf.sub(g, tf.mul(lr, tf.add(radial, tf.mul(decay, g))));
    return [nextV.dataSync() as Float32Array, nextG.dataSync() as Float32Array];
  });
}

describe("parameterSteps: the fused steps are the TF.js ops, bit for bit", () => {
  // S around the 4 runs whose sums advance together; n = rows·cols around the SIMD width.
  for (const [S, rows, cols] of [
    [1, 1, 1],
    [1, 3, 2],
    [3, 5, 7],
    [4, 64, 32],
    [5, 4, 64],
    [10, 64, 64],
  ] as const) {
    it(`weight-normalised, S = ${S}, ${rows} × ${cols}`, () => {
      const { v, g, gradW, lr, decay } = parameters(S, rows, cols, S * 100 + rows + cols);
      const before = tf.memory().numTensors;
      const [nextV, nextG] = weightNormStep(v, g, gradW, lr, decay);
      const [expectedV, expectedG] = weightNormStepOps(v, g, gradW, lr, decay);
      expect(nextV.shape).toEqual([S, rows, cols]);
      expect(nextG.shape).toEqual([S, 1, 1]);
      expect(nextV.dataSync()).toEqual(expectedV);
      expect(nextG.dataSync()).toEqual(expectedG);
      tf.dispose([nextV, nextG]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([v, g, gradW, lr, decay]);
    });

    it(`plain, S = ${S}, ${rows} × ${cols}`, () => {
      const { v, g, gradW, lr, decay } = parameters(S, rows, cols, S * 100 + rows + cols + 50);
      const w = tf.mul(v, g) as tf.Tensor3D;
      const next = plainStep(w, gradW, lr, decay);
      const expected = tf.tidy(() => tf.sub(w, tf.mul(lr, tf.add(gradW, tf.mul(decay, w)))).dataSync());
      expect(next.dataSync()).toEqual(expected);
      tf.dispose([next, w, v, g, gradW, lr, decay]);
    });
  }

  it("on wasm the fused kernels are the ones that ran", () => {
    if (activeBackend() !== "wasm") return;
    expect(tf.getKernel(WEIGHT_NORM_STEP_KERNEL, "wasm")).toBeDefined();
    expect(tf.getKernel(PLAIN_STEP_KERNEL, "wasm")).toBeDefined();
  });

  it("on the cpu backend the steps are the TF.js ops themselves", async () => {
    const previous = tf.getBackend();
    await tf.setBackend("cpu");
    try {
      const { v, g, gradW, lr, decay } = parameters(3, 4, 5, 77);
      const [nextV, nextG] = weightNormStep(v, g, gradW, lr, decay);
      const [expectedV, expectedG] = weightNormStepOps(v, g, gradW, lr, decay);
      expect(nextV.dataSync()).toEqual(expectedV);
      expect(nextG.dataSync()).toEqual(expectedG);
      const next = plainStep(v, gradW, lr, decay);
      expect(next.dataSync()).toEqual(tf.tidy(() => tf.sub(v, tf.mul(lr, tf.add(gradW, tf.mul(decay, v)))).dataSync()));
      tf.dispose([nextV, nextG, next, v, g, gradW, lr, decay]);
    } finally {
      await tf.setBackend(previous);
    }
  });

  it("names mismatched shapes", () => {
    const { v, g, gradW, lr, decay } = parameters(2, 3, 4, 9);
    const wrong = tf.zeros([3, 1, 1]) as tf.Tensor3D;
    const wrongGrad = tf.zeros([2, 4, 3]) as tf.Tensor3D;
    expect(() => weightNormStep(v, wrong, gradW, lr, decay)).toThrow(/weightNormStep: g \[3, 1, 1\]; expected \[2, 1, 1\]/);
    expect(() => plainStep(v, wrongGrad, lr, decay)).toThrow(/plainStep: gradient \[2, 4, 3\] for parameters \[2, 3, 4\]/);
    tf.dispose([v, g, gradW, lr, decay, wrong, wrongGrad]);
  });
});
