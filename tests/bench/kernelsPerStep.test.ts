import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { activeBackend, initBackend } from "../../src/backend.ts";
import { kernelsPerStep } from "../../src/bench/kernelsPerStep.ts";
import { claimMlpWorkload } from "../../src/bench/workloads.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";

beforeAll(async () => {
  await initBackend();
});

describe("kernelsPerStep", () => {
  it("counts the kernels of a fixed number per step, setup and teardown cancelling", async () => {
    const setup = 3;
    const perStep = 2;
    const train = async (steps: number) => {
      tf.tidy(() => {
        for (let i = 0; i < setup; i++) tf.add(tf.scalar(1), tf.scalar(2));
        for (let t = 0; t < steps; t++) tf.mul(tf.relu(tf.scalar(t)), tf.scalar(2));
      });
    };
    const count = await kernelsPerStep(train, [4, 9]);
    expect(count.perStep).toBe(perStep);
    expect(count.byKernel).toEqual({ Relu: 1, Multiply: 1 });
  });

  it("restores the engine after counting, also when training throws", async () => {
    const engine = tf.engine() as unknown as { runKernel: unknown };
    const before = engine.runKernel;
    await expect(kernelsPerStep(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(engine.runKernel).toBe(before);
    await expect(kernelsPerStep(async () => undefined, [5, 5])).rejects.toThrow(/steps = \[5, 5\]; expected integers 0 < short < long/);
  });

  it("the claim MLP's step on wasm: no TF.js kernel at all (whole steps in wasm; 23 kernels with TF.js ops per step, 106 before the hand-written backward pass)", async () => {
    if (activeBackend() !== "wasm") return;
    const count = await kernelsPerStep((n) => claimMlpWorkload(n).run(), [3, 8]);
    expect(count.perStep).toBe(0);
    const ops = await kernelsPerStep((n) => claimMlpWorkload(n, sgdTrainer({ wasmSteps: false })).run(), [3, 8]);
    expect(ops.perStep).toBe(23);
    expect(ops.byKernel.TheoremSpecBlockedMatMul).toBe(8);
    expect(ops.byKernel.TheoremSpecWeightNormStep).toBe(3);
  }, 60_000);
});
