import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import { targetsFor } from "../../src/data/targets.ts";
import { forwardHost } from "../../src/nets/forwardHost.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import type { MlpConfig } from "../../src/nets/mlp.ts";
import { squareLossHost } from "../../src/nets/squareLossHost.ts";
import { inputMatrix, weightMatrices } from "../../src/nets/weightMatrices.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import type { RunSpec, TrainingRequest } from "../../src/train/types.ts";
import { stepDecay } from "../../src/train/schedule.ts";
import { TOLERANCE } from "../../src/tolerances.ts";
import { numericGradient, relativeDifference } from "../helpers/finiteDifferences.ts";

const data = gaussianMixture({ classes: 3, dim: 6, perClass: 4, separation: 2, noise: 1, seed: 11 }).train;
const plain: MlpConfig = { inputDim: 6, hidden: [5, 4], outputDim: 3, normalization: "none" };
const normalized: MlpConfig = { ...plain, normalization: "weight" };
const run = (over: Partial<RunSpec> = {}): RunSpec => ({ seed: 3, data, weightDecay: 0.01, learningRate: 0.05, ...over });
const trainer = sgdTrainer();

/** Host loss as a function of the flattened weights, for central finite differences in float64. */
function hostLoss(weights: Matrix[]): number {
  const acts = forwardHost(weights, inputMatrix(data));
  return squareLossHost(acts[acts.length - 1]!, targetsFor(data, 3));
}

describe("sgdTrainer: one full-batch step matches the CLAIMS update rule with finite-difference gradients", () => {
  it("plain: W₁ = W₀ − η(∇L(W₀) + 2λW₀)", async () => {
    const [result] = await trainer.train({ architecture: plain, runs: [run()], batchSize: "full", steps: 1 });
    const w0 = weightMatrices(result!.snapshots[0]!.weights, plain);
    const w1 = weightMatrices(result!.snapshots[1]!.weights, plain);
    const grad = numericGradient(hostLoss, w0);
    w0.forEach((w, k) => {
      const predictedStep = grad[k]!.clone().add(w.clone().mul(2 * 0.01)).mul(-0.05);
      const actualStep = w1[k]!.clone().sub(w);
      expect(relativeDifference(actualStep, predictedStep)).toBeLessThan(TOLERANCE.float32.relative);
    });
  });

  it("weight-normalised: g ← g − η(⟨∇_W L, V⟩ + 2λg), V ← normalise(V − η g (I − VVᵀ)∇_W L)", async () => {
    const [result] = await trainer.train({ architecture: normalized, runs: [run()], batchSize: "full", steps: 1 });
    const w0 = weightMatrices(result!.snapshots[0]!.weights, normalized);
    const w1 = weightMatrices(result!.snapshots[1]!.weights, normalized);
    const grad = numericGradient(hostLoss, w0);
    w0.forEach((w, k) => {
      const g0 = w.norm();
      const v0 = w.clone().div(g0);
      const gradW = grad[k]!;
      const radial = v0.clone().mul(gradW).sum(); // ⟨∇_W L, V⟩ = ∂L/∂g
      const g1 = g0 - 0.05 * (radial + 2 * 0.01 * g0);
      const tangent = gradW.clone().sub(v0.clone().mul(radial)).mul(g0); // ∂L/∂V on the sphere
      const v1 = v0.clone().sub(tangent.mul(0.05));
      const predicted = v1.clone().div(v1.norm()).mul(g1);
      expect(Math.abs(w1[k]!.norm() - g1) / g1).toBeLessThan(1e-5);
      const step = predicted.clone().sub(w);
      expect(relativeDifference(w1[k]!.clone().sub(w), step)).toBeLessThan(TOLERANCE.float32.relative);
    });
  });

  it("the recorded loss is the host square loss of the recorded weights", async () => {
    const [result] = await trainer.train({ architecture: plain, runs: [run()], batchSize: 4, steps: 3 });
    for (const snap of result!.snapshots) {
      const expected = hostLoss(weightMatrices(snap.weights, plain));
      expect(Math.abs(snap.loss - expected) / expected).toBeLessThan(TOLERANCE.float32.relative);
    }
  });
});

describe("sgdTrainer: runs batched together are independent and reproducible", () => {
  const request = (runs: RunSpec[]): TrainingRequest => ({
    architecture: normalized,
    runs,
    batchSize: 4,
    steps: 25,
    recordAt: [10],
    schedule: stepDecay([0.5], 0.5),
  });

  it("same seed → identical weights and losses", async () => {
    const a = await trainer.train(request([run()]));
    const b = await trainer.train(request([run()]));
    expect(a[0]!.snapshots.map((s) => s.loss)).toEqual(b[0]!.snapshots.map((s) => s.loss));
    expect(a[0]!.snapshots.at(-1)!.weights).toEqual(b[0]!.snapshots.at(-1)!.weights);
  });

  it("a run's trajectory is bit-for-bit the same alone or batched with other runs", async () => {
    const other = gaussianMixture({ classes: 3, dim: 6, perClass: 4, separation: 1, noise: 2, seed: 99 }).train;
    const runs = [run({ seed: 8, data: other, weightDecay: 0 }), run({ seed: 5 }), run({ seed: 9, learningRate: 0.2 }), run({ seed: 4 })];
    const together = await trainer.train(request(runs));
    const pair = await trainer.train(request(runs.slice(1, 3)));
    for (const [i, spec] of runs.entries()) {
      const [alone] = await trainer.train(request([spec]));
      expect(alone!.snapshots.map((s) => s.loss)).toEqual(together[i]!.snapshots.map((s) => s.loss));
      alone!.snapshots.at(-1)!.weights.forEach((w, k) => expect(w).toEqual(together[i]!.snapshots.at(-1)!.weights[k]));
    }
    pair.forEach((r, i) => expect(r.snapshots.at(-1)!.weights).toEqual(together[i + 1]!.snapshots.at(-1)!.weights));
  });

  it("leaks no tensors", async () => {
    await trainer.train(request([run()]));
    const before = tf.memory().numTensors;
    await trainer.train(request([run(), run({ seed: 4 })]));
    await trainer.train({ ...request([run()]), batchSize: "full" });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("sgdTrainer: divergence and bad input", () => {
  it("a learning rate far too large ends the run as diverged, with the reason, never as ok", async () => {
    const results = await trainer.train({
      architecture: normalized,
      runs: [run({ learningRate: 10 }), run({ learningRate: 0.5 })],
      batchSize: "full",
      steps: 30,
      recordAt: [5, 10, 15, 20, 25],
    });
    for (const r of results) {
      expect(r.status).toBe("diverged");
      expect(r.reason).toMatch(/loss is (NaN|Infinity) at step \d+/);
      expect(r.snapshots.every((s) => Number.isFinite(s.loss))).toBe(true);
    }
  });

  it("rejects invalid requests naming the field, the value and what was expected", async () => {
    const ok: TrainingRequest = { architecture: plain, runs: [run()], batchSize: 4, steps: 2 };
    await expect(trainer.train({ ...ok, runs: [] })).rejects.toThrow(/runs is empty/);
    await expect(trainer.train({ ...ok, batchSize: 13 })).rejects.toThrow(/batchSize = 13.*N = 12/);
    await expect(trainer.train({ ...ok, runs: [run({ weightDecay: -1 })] })).rejects.toThrow(/weightDecay = -1.*λ ≥ 0/);
    await expect(trainer.train({ ...ok, runs: [run({ learningRate: 0 })] })).rejects.toThrow(/learningRate = 0/);
    await expect(trainer.train({ ...ok, steps: 0 })).rejects.toThrow(/steps = 0/);
    await expect(trainer.train({ ...ok, architecture: { ...plain, inputDim: 7 } })).rejects.toThrow(/data.dim = 6; expected the architecture's input size = 7/);
    await expect(trainer.train({ ...ok, architecture: { ...plain, hidden: [] } })).rejects.toThrow(/hidden/);
    await expect(trainer.train({ ...ok, recordAt: [5] })).rejects.toThrow(/recordAt contains 5/);
    const smaller = gaussianMixture({ classes: 3, dim: 6, perClass: 3, separation: 2, noise: 1, seed: 1 }).train;
    await expect(trainer.train({ ...ok, runs: [run(), run({ data: smaller })] })).rejects.toThrow(/count = 9; expected 12/);
  });

  it("initial weights are He-normal: per-layer mean square ≈ 2/in", () => {
    const config: MlpConfig = { inputDim: 200, hidden: [300], outputDim: 100, normalization: "none" };
    const [w1, w2] = initWeights(config, 1);
    const ms = (w: Float32Array) => w.reduce((a, v) => a + v * v, 0) / w.length;
    // Relative standard error of a mean of n squared normals: √(2/n) ≈ 0.005 here.
    expect(Math.abs(ms(w1!) / (2 / 200) - 1)).toBeLessThan(0.03);
    expect(Math.abs(ms(w2!) / (2 / 300) - 1)).toBeLessThan(0.03);
  });
});
