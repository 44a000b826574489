import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import type { Matrix } from "ml-matrix";
import type { Dataset } from "../../src/data/dataset.ts";
import { targetsFor } from "../../src/data/targets.ts";
import type { ConvNetConfig } from "../../src/nets/convNet.ts";
import { forwardHost } from "../../src/nets/forwardHost.ts";
import { squareLossHost } from "../../src/nets/squareLossHost.ts";
import { inputMatrix, weightMatrices } from "../../src/nets/weightMatrices.ts";
import { createRng } from "../../src/random/rng.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import { TOLERANCE } from "../../src/tolerances.ts";
import { numericGradient, relativeDifference } from "../helpers/finiteDifferences.ts";

function randomData(count: number, dim: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed);
  return {
    inputs: Float32Array.from({ length: count * dim }, () => rng.normal()),
    labels: Int32Array.from({ length: count }, (_, i) => i % classes),
    count,
    dim,
    classes,
  };
}

const conv1d: ConvNetConfig = {
  kind: "conv",
  inputShape: [8],
  inputChannels: 2,
  conv: [
    { kernel: 3, stride: 1, channels: 3 },
    { kernel: 2, stride: 2, channels: 2 },
  ],
  outputDim: 3,
  normalization: "none",
};
const conv2d: ConvNetConfig = {
  kind: "conv",
  inputShape: [5, 4],
  inputChannels: 1,
  conv: [{ kernel: [2, 2], stride: [1, 2], channels: 2 }],
  outputDim: 2,
  normalization: "weight",
};

describe("sgdTrainer on local-kernel CNNs", () => {
  for (const config of [conv1d, conv2d]) {
    const dim = config.inputShape.reduce((a, b) => a * b, 1) * config.inputChannels;
    const data = randomData(6, dim, config.outputDim, 5);
    const lossOf = (weights: Matrix[]) =>
      squareLossHost(forwardHost(weights, inputMatrix(data), config).at(-1)!, targetsFor(data, config.outputDim));

    it(`${config.inputShape.length}-D, ${config.normalization}: the recorded loss is the host loss and one GD step follows the gradient`, async () => {
      const lambda = 0.01;
      const eta = 0.05;
      const [run] = await sgdTrainer().train({
        architecture: config,
        runs: [{ seed: 2, data, weightDecay: lambda, learningRate: eta }],
        batchSize: "full",
        steps: 1,
      });
      const w0 = weightMatrices(run!.snapshots[0]!.weights, config);
      const w1 = weightMatrices(run!.snapshots[1]!.weights, config);
      expect(Math.abs(run!.snapshots[0]!.loss - lossOf(w0)) / lossOf(w0)).toBeLessThan(TOLERANCE.float32.relative);
      const grad = numericGradient(lossOf, w0);
      w0.forEach((w, k) => {
        if (config.normalization === "none") {
          const predicted = grad[k]!.clone().add(w.clone().mul(2 * lambda)).mul(-eta);
          expect(relativeDifference(w1[k]!.clone().sub(w), predicted)).toBeLessThan(TOLERANCE.float32.relative);
        } else {
          // Weight normalisation: the scale follows ∂L/∂g = ⟨∇_W L, V⟩ plus decay.
          const g0 = w.norm();
          const radial = w.clone().div(g0).mul(grad[k]!).sum();
          expect(Math.abs(w1[k]!.norm() - (g0 - eta * (radial + 2 * lambda * g0))) / g0).toBeLessThan(TOLERANCE.float32.relative);
        }
      });
    });
  }

  it("leaks no tensors when training a CNN", async () => {
    const data = randomData(6, 16, 3, 1);
    const request = {
      architecture: conv1d,
      runs: [{ seed: 1, data, weightDecay: 0.01, learningRate: 0.01 }],
      batchSize: 3,
      steps: 4,
    } as const;
    await sgdTrainer().train(request);
    const before = tf.memory().numTensors;
    await sgdTrainer().train(request);
    expect(tf.memory().numTensors).toBe(before);
  });
});
