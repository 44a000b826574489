/**
 * Same seed → identical numbers: within one process, across processes, and on every backend this
 * machine has (tfjs-node's `tensorflow` only where it installed).
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend.ts";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import { trainingFingerprint } from "../../scripts/fingerprint.ts";

function fingerprintInChild(backend?: string): string {
  const env = { ...process.env, ...(backend === undefined ? {} : { THEOREM_SPEC_BACKEND: backend }) };
  return execFileSync("npx", ["tsx", "scripts/fingerprint.ts", "7"], { env, encoding: "utf8" }).trim();
}

describe("determinism", () => {
  it("the same seed gives bit-identical snapshots twice in one process", async () => {
    expect(await trainingFingerprint(7)).toBe(await trainingFingerprint(7));
    expect(await trainingFingerprint(7)).not.toBe(await trainingFingerprint(8));
  });

  it("and in another process, on the same backend", async () => {
    const backend = await initBackend();
    const [childBackend, childHash] = fingerprintInChild(backend).split(" ");
    expect(childBackend).toBe(backend);
    expect(childHash).toBe(await trainingFingerprint(7));
  }, 60_000);

  it("on each backend available, two processes agree with each other", () => {
    const backends = ["wasm", "cpu"];
    for (const backend of backends) {
      const a = fingerprintInChild(backend);
      const b = fingerprintInChild(backend);
      expect(a.startsWith(`${backend} `)).toBe(true);
      expect(b).toBe(a);
    }
  }, 120_000);
});

describe("memory", () => {
  it("stays flat over 100 consecutive trainings (no tensor leaks)", async () => {
    const data = gaussianMixture({ classes: 2, dim: 4, perClass: 4, separation: 2, noise: 1, seed: 1 }).train;
    const request = {
      architecture: { inputDim: 4, hidden: [5], outputDim: 2, normalization: "weight" as const },
      runs: [{ seed: 1, data, weightDecay: 1e-3, learningRate: 0.01 }],
      batchSize: 4,
      steps: 3,
    };
    await sgdTrainer().train(request);
    const before = tf.memory();
    for (let i = 0; i < 100; i++) await sgdTrainer().train(request);
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
  });
});
