import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend.ts";
import { type Architecture, compileArchitecture } from "../../src/nets/architecture.ts";
import { createRng } from "../../src/random/rng.ts";
import { type DeviceLayer, deviceLayers, disposeDeviceLayers, layerForward } from "../../src/train/deviceLayers.ts";
import { squareLossGradients } from "../../src/train/squareLossGradients.ts";

beforeAll(async () => {
  await initBackend();
});

const mlp: Architecture = { inputDim: 6, hidden: [9, 5], outputDim: 3, normalization: "none" };
const conv: Architecture = {
  kind: "conv",
  inputShape: [12],
  inputChannels: 2,
  conv: [
    { kernel: 3, stride: 1, channels: 4 },
    { kernel: 4, stride: 2, channels: 3 },
  ],
  outputDim: 3,
  normalization: "none",
};

/** Seeded random weights [S, rows, cols] per layer, inputs [S, M, d] and targets [S, M, C]. */
function problem(architecture: Architecture, runs: number, samples: number, seed: number) {
  const plan = compileArchitecture(architecture);
  const rng = createRng(seed);
  const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const weights = plan.layers.map((l) => tf.tensor3d(normal(runs * l.rows * l.cols), [runs, l.rows, l.cols]));
  const x = tf.tensor3d(normal(runs * samples * plan.inputSize), [runs, samples, plan.inputSize]);
  const y = tf.tensor3d(normal(runs * samples * plan.outputDim), [runs, samples, plan.outputDim]);
  return { plan, weights, x, y };
}

/** A layer's forward product in TF.js's own differentiable ops (`layerForward` with `tf.matMul`). */
function tfLayerForward(layer: DeviceLayer, h: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const { plan } = layer;
  if (plan.kind !== "local") return tf.matMul(h, w, false, true);
  const [S, M] = h.shape;
  const { positionsIn, positionsOut, taps, channelsIn, channelsOut } = plan;
  const byPosition = h.reshape([S * M, positionsIn, channelsIn]).transpose([1, 0, 2]).reshape([positionsIn, S * M * channelsIn]);
  const patches = tf
    .matMul(layer.sel!, byPosition as tf.Tensor2D)
    .reshape([positionsOut * taps, S * M, channelsIn])
    .transpose([1, 0, 2])
    .reshape([S, M * positionsOut, taps * channelsIn]) as tf.Tensor3D;
  return tf.matMul(patches, w, false, true).reshape([S, M, positionsOut * channelsOut]);
}

/** TF.js's autodiff of Σ_s (1/M) Σ_n ‖f(x_n) − y_n‖² through the same forward products. */
function autodiffGradients(architecture: Architecture, weights: tf.Tensor3D[], x: tf.Tensor3D, y: tf.Tensor3D): Float32Array[] {
  const layers = deviceLayers(compileArchitecture(architecture).layers);
  try {
    const loss = (...ws: tf.Tensor[]) => {
      let h = x;
      ws.forEach((w, k) => {
        const z = tfLayerForward(layers[k]!, h, w as tf.Tensor3D);
        h = k < ws.length - 1 ? tf.relu(z) : z;
      });
      return tf.sum(tf.div(tf.sum(tf.squaredDifference(h, y), [1, 2]), x.shape[1])) as tf.Scalar;
    };
    return tf.tidy(() => tf.grads(loss)(weights)).map((g) => {
      const data = g.dataSync() as Float32Array;
      g.dispose();
      return data;
    });
  } finally {
    disposeDeviceLayers(layers);
  }
}

function handGradients(architecture: Architecture, weights: tf.Tensor3D[], x: tf.Tensor3D, y: tf.Tensor3D, from = 0): Array<Float32Array | undefined> {
  const layers = deviceLayers(compileArchitecture(architecture).layers);
  try {
    return tf.tidy(() => squareLossGradients(weights, x, y, layers, { from }).map((g) => g?.dataSync() as Float32Array | undefined));
  } finally {
    disposeDeviceLayers(layers);
  }
}

describe("squareLossGradients: the hand-written backward pass is TF.js's autodiff, bit for bit", () => {
  it("layerForward is the same product as TF.js's ops", () => {
    for (const architecture of [mlp, conv]) {
      const { plan, weights, x, y } = problem(architecture, 2, 5, 10);
      const layers = deviceLayers(plan.layers);
      const [ours, theirs] = tf.tidy(() => [layerForward(layers[0]!, x, weights[0]!).z.dataSync(), tfLayerForward(layers[0]!, x, weights[0]!).dataSync()]);
      expect(ours).toEqual(theirs);
      disposeDeviceLayers(layers);
      tf.dispose([...weights, x, y]);
    }
  });

  for (const [name, architecture] of [
    ["MLP 6-9-5-3", mlp],
    ["1-D CNN with overlapping patches", conv],
  ] as const) {
    it(`${name}, 3 runs batched: every layer's gradient equals tf.grads exactly`, () => {
      const { weights, x, y } = problem(architecture, 3, 7, 11);
      const hand = handGradients(architecture, weights, x, y);
      const auto = autodiffGradients(architecture, weights, x, y);
      hand.forEach((g, k) => expect(g).toEqual(auto[k]));
      tf.dispose([...weights, x, y]);
    });

    it(`${name}: a run's gradient is the same alone as batched with others`, () => {
      const { weights, x, y } = problem(architecture, 3, 7, 12);
      const batched = handGradients(architecture, weights, x, y);
      const one = (t: tf.Tensor3D) => tf.slice(t, [1, 0, 0], [1, -1, -1]) as tf.Tensor3D;
      const alone = handGradients(architecture, weights.map(one), one(x), one(y));
      alone.forEach((g, k) => {
        const size = g!.length;
        expect(g).toEqual(batched[k]!.slice(size, 2 * size));
      });
      tf.dispose([...weights, x, y]);
    });
  }

  it("from = L − 1 gives the last layer's gradient only, the same numbers", () => {
    const { weights, x, y } = problem(mlp, 2, 5, 13);
    const all = handGradients(mlp, weights, x, y);
    const last = handGradients(mlp, weights, x, y, 2);
    expect(last.slice(0, 2)).toEqual([undefined, undefined]);
    expect(last[2]).toEqual(all[2]);
    tf.dispose([...weights, x, y]);
  });

  it("leaks no tensors and names mismatched shapes", () => {
    const { weights, x, y } = problem(mlp, 2, 5, 14);
    const before = tf.memory().numTensors;
    handGradients(mlp, weights, x, y);
    expect(tf.memory().numTensors).toBe(before);
    const layers = deviceLayers(compileArchitecture(mlp).layers);
    expect(() => squareLossGradients(weights.slice(1), x, y, layers)).toThrow(/2 weight tensors for 3 layers/);
    const fewer = tf.zeros([2, 4, 3]) as tf.Tensor3D;
    expect(() => squareLossGradients(weights, x, fewer, layers)).toThrow(/inputs \[2, 5, 6\] and targets \[2, 4, 3\]/);
    disposeDeviceLayers(layers);
    tf.dispose([...weights, x, y, fewer]);
  });
});
