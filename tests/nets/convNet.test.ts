import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import * as tf from "@tensorflow/tfjs";
import { Matrix } from "ml-matrix";
import { initBackend } from "../../src/backend.ts";
import { compileArchitecture, parameterShapes } from "../../src/nets/architecture.ts";
import { compileConvLayers, type ConvNetConfig } from "../../src/nets/convNet.ts";
import { forwardHost } from "../../src/nets/forwardHost.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import { localLayerHost } from "../../src/nets/localLayerHost.ts";
import { createRng } from "../../src/random/rng.ts";
import { TOLERANCE } from "../../src/tolerances.ts";

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Matrix.from1DArray(rows, cols, Array.from({ length: rows * cols }, () => rng.normal()));
}

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    err = Math.max(err, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return err / Math.max(scale, 1e-30);
}

/** Our kernel matrix w [c_out, k·c_in] (column o·c_in + c) as a TF filter [k…, c_in, c_out]. */
function toTfFilter(w: Matrix, taps: number, cIn: number): Float32Array {
  const f = new Float32Array(taps * cIn * w.rows);
  for (let o = 0; o < taps; o++)
    for (let c = 0; c < cIn; c++) for (let co = 0; co < w.rows; co++) f[(o * cIn + c) * w.rows + co] = w.get(co, o * cIn + c);
  return f;
}

const conv1dCases = fc.record({
  length: fc.integer({ min: 2, max: 24 }),
  cIn: fc.integer({ min: 1, max: 3 }),
  cOut: fc.integer({ min: 1, max: 3 }),
  kernel: fc.integer({ min: 1, max: 4 }),
  stride: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer(),
});

const conv2dCases = fc.record({
  height: fc.integer({ min: 2, max: 9 }),
  width: fc.integer({ min: 2, max: 9 }),
  cIn: fc.integer({ min: 1, max: 3 }),
  cOut: fc.integer({ min: 1, max: 3 }),
  kh: fc.integer({ min: 1, max: 3 }),
  kw: fc.integer({ min: 1, max: 3 }),
  sh: fc.integer({ min: 1, max: 2 }),
  sw: fc.integer({ min: 1, max: 2 }),
  seed: fc.integer(),
});

describe("local (convolutional) layers on the host agree with TensorFlow.js convolutions", () => {
  test.prop([conv1dCases], { numRuns: 40 })("1-D, valid padding: localLayerHost = tf.conv1d", async (c) => {
    fc.pre(c.kernel <= c.length);
    await initBackend();
    const config: ConvNetConfig = { kind: "conv", inputShape: [c.length], inputChannels: c.cIn, conv: [{ kernel: c.kernel, stride: c.stride, channels: c.cOut }], outputDim: 1, normalization: "none" };
    const [plan] = compileConvLayers(config);
    const n = 3;
    const x = randomMatrix(n, c.length * c.cIn, c.seed);
    const w = randomMatrix(c.cOut, c.kernel * c.cIn, c.seed + 1);
    const ours = localLayerHost(x, w, plan!);
    const theirs = tf.tidy(() =>
      tf.conv1d(tf.tensor3d(x.to1DArray(), [n, c.length, c.cIn]), tf.tensor3d(toTfFilter(w, c.kernel, c.cIn), [c.kernel, c.cIn, c.cOut]), c.stride, "valid").dataSync(),
    );
    expect(ours.columns).toBe(plan!.positionsOut * c.cOut);
    expect(maxRelativeError(ours.to1DArray(), theirs)).toBeLessThan(TOLERANCE.float32.relative);
  });

  test.prop([conv2dCases], { numRuns: 40 })("2-D, valid padding: localLayerHost = tf.conv2d", async (c) => {
    fc.pre(c.kh <= c.height && c.kw <= c.width);
    await initBackend();
    const config: ConvNetConfig = { kind: "conv", inputShape: [c.height, c.width], inputChannels: c.cIn, conv: [{ kernel: [c.kh, c.kw], stride: [c.sh, c.sw], channels: c.cOut }], outputDim: 1, normalization: "none" };
    const [plan] = compileConvLayers(config);
    const n = 2;
    const x = randomMatrix(n, c.height * c.width * c.cIn, c.seed);
    const taps = c.kh * c.kw;
    const w = randomMatrix(c.cOut, taps * c.cIn, c.seed + 1);
    const ours = localLayerHost(x, w, plan!);
    const theirs = tf.tidy(() =>
      tf.conv2d(tf.tensor4d(x.to1DArray(), [n, c.height, c.width, c.cIn]), tf.tensor4d(toTfFilter(w, taps, c.cIn), [c.kh, c.kw, c.cIn, c.cOut]), [c.sh, c.sw], "valid").dataSync(),
    );
    expect(maxRelativeError(ours.to1DArray(), theirs)).toBeLessThan(TOLERANCE.float32.relative);
  });
});

describe("convolutional network plans", () => {
  it("the tree CNN (kernel 2, stride 2, input 2^L) halves the length at every layer", () => {
    const L = 5;
    const config: ConvNetConfig = {
      kind: "conv",
      inputShape: [2 ** L],
      inputChannels: 1,
      conv: Array.from({ length: L - 1 }, () => ({ kernel: 2, channels: 3 })),
      outputDim: 2,
      normalization: "none",
    };
    const plan = compileArchitecture(config);
    expect(plan.layers.map((l) => (l.kind === "local" ? l.positionsOut : 0))).toEqual([16, 8, 4, 2, 0]);
    expect(parameterShapes(config)).toEqual([[3, 2], [3, 6], [3, 6], [3, 6], [2, 6]]);
    expect(plan.inputSize).toBe(32);
    const weights = initWeights(config, 1).map((w, k) => Matrix.from1DArray(parameterShapes(config)[k]![0], parameterShapes(config)[k]![1], w));
    const acts = forwardHost(weights, randomMatrix(4, 32, 2), config);
    expect(acts.map((a) => a.columns)).toEqual([32, 48, 24, 12, 6, 2]);
  });

  it("rejects kernels that do not fit and bad sizes, naming them", () => {
    const base: ConvNetConfig = { kind: "conv", inputShape: [4], inputChannels: 1, conv: [{ kernel: 2, channels: 1 }], outputDim: 1, normalization: "none" };
    expect(() => compileConvLayers({ ...base, conv: [{ kernel: 5, channels: 1 }] })).toThrow(/conv\[0\]: kernel \[5\] does not fit its input of shape \[4\]/);
    expect(() => compileConvLayers({ ...base, inputChannels: 0 })).toThrow(/inputChannels = 0/);
    expect(() => compileConvLayers({ ...base, conv: [] })).toThrow(/conv is empty/);
    expect(() => compileConvLayers({ ...base, conv: [{ kernel: 2, stride: 0, channels: 1 }] })).toThrow(/conv\[0\]\.stride = 0/);
    expect(() => compileArchitecture({ ...base, outputDim: 0 })).toThrow(/outputDim = 0/);
    expect(() => localLayerHost(new Matrix(1, 3), new Matrix(1, 2), compileConvLayers(base)[0]!)).toThrow(/input has 3 columns; expected positions × channels = 4 × 1 = 4/);
  });
});
