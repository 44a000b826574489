/**
 * Bad training requests (issue #8, item 4): λ < 0, η ≤ 0, non-finite hyperparameters, B > N,
 * B = 0, non-integer B or steps, record steps out of range, runs of different sizes, data that does
 * not fit the architecture, non-finite data — each rejected by `validateRequest` (which every
 * trainer entry calls) with a message naming the field, the value and what was expected.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import type { Dataset } from "../../src/data/dataset.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import type { RunSpec, TrainingRequest } from "../../src/train/types.ts";
import { validateRequest } from "../../src/train/validateRequest.ts";
import { badInteger, badNonNegative, badPositive, expectRejects, expectRejectsAsync, nonFinite, nonInteger, shown } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

/** N = 6 samples in 2 dimensions, 2 classes. */
function data(count = 6): Dataset {
  return {
    inputs: Float32Array.from({ length: count * 2 }, (_, i) => (i % 5) - 2),
    labels: Int32Array.from({ length: count }, (_, i) => i % 2),
    count,
    dim: 2,
    classes: 2,
  };
}

function run(overrides: Partial<RunSpec> = {}): RunSpec {
  return { seed: 1, data: data(), weightDecay: 1e-3, learningRate: 0.1, ...overrides };
}

function request(overrides: Partial<TrainingRequest> = {}): TrainingRequest {
  return {
    architecture: { inputDim: 2, hidden: [3], outputDim: 2, normalization: "none" },
    runs: [run(), run({ seed: 2 })],
    batchSize: 3,
    steps: 4,
    ...overrides,
  };
}

describe("validateRequest", () => {
  it("accepts the valid request the properties perturb", () => {
    validateRequest(request());
  });

  test.prop([fc.integer({ min: 0, max: 1 }), badNonNegative], RUNS)("rejects weight decay λ < 0 or non-finite", (i, lambda) => {
    const runs = [run(), run()];
    runs[i] = run({ weightDecay: lambda });
    expectRejects(() => validateRequest(request({ runs })), { fn: "TrainingRequest", arg: `runs[${i}].weightDecay`, value: shown(lambda), expected: "expected a finite λ ≥ 0" });
  });

  test.prop([fc.integer({ min: 0, max: 1 }), badPositive], RUNS)("rejects a learning rate η ≤ 0 or non-finite", (i, eta) => {
    const runs = [run(), run()];
    runs[i] = run({ learningRate: eta });
    expectRejects(() => validateRequest(request({ runs })), { fn: "TrainingRequest", arg: `runs[${i}].learningRate`, value: shown(eta), expected: "expected a finite η > 0" });
  });

  test.prop([fc.oneof(badInteger(1), fc.integer({ min: 7, max: 1000 }), fc.constantFrom("Full", "all", ""))], RUNS)(
    "rejects a batch size that is not \"full\" or an integer in [1, N] (B > N included)",
    (batchSize) => {
      expectRejects(() => validateRequest(request({ batchSize: batchSize as never })), {
        fn: "TrainingRequest",
        arg: "batchSize",
        value: String(batchSize),
        expected: 'expected "full" or an integer B with 1 ≤ B ≤ N = 6',
      });
    },
  );

  test.prop([badInteger(1)], RUNS)("rejects steps that are not an integer ≥ 1", (steps) => {
    expectRejects(() => validateRequest(request({ steps })), { fn: "TrainingRequest", arg: "steps", value: shown(steps), expected: "expected an integer ≥ 1" });
  });

  test.prop([fc.oneof(fc.integer({ min: 5, max: 1000 }), fc.integer({ min: -1000, max: -1 }), nonInteger, nonFinite)], RUNS)("rejects a record step outside [0, steps]", (t) => {
    expectRejects(() => validateRequest(request({ recordAt: [0, t] })), { fn: "TrainingRequest", arg: "recordAt", value: `contains ${shown(t)}`, expected: "expected integers in [0, steps = 4]" });
  });

  test.prop([fc.oneof(nonInteger, nonFinite)], RUNS)("rejects a run seed that is not an integer", (seed) => {
    expectRejects(() => validateRequest(request({ runs: [run(), run({ seed })] })), { fn: "TrainingRequest", arg: "runs[1].seed", value: shown(seed), expected: "expected an integer" });
  });

  test.prop([fc.integer({ min: 1, max: 12 }).filter((n) => n !== 6)], RUNS)("rejects runs whose training sets differ in size (mismatched N)", (count) => {
    expectRejects(() => validateRequest(request({ runs: [run(), run({ data: data(count) })] })), {
      fn: "TrainingRequest",
      arg: "runs[1].data.count",
      value: shown(count),
      expected: "expected 6, the size of runs[0]",
    });
  });

  test.prop([fc.integer({ min: 1, max: 8 }).filter((d) => d !== 2)], RUNS)("rejects data whose dimension is not the architecture's input size", (inputDim) => {
    expectRejects(() => validateRequest(request({ architecture: { inputDim, hidden: [3], outputDim: 2, normalization: "none" } })), {
      fn: "TrainingRequest",
      arg: "runs[0].data.dim",
      value: "2",
      expected: `expected the architecture's input size = ${inputDim}`,
    });
  });

  test.prop([fc.integer({ min: 3, max: 10 })], RUNS)("rejects data whose classes do not fit the outputs", (outputDim) => {
    expectRejects(() => validateRequest(request({ architecture: { inputDim: 2, hidden: [3], outputDim, normalization: "none" } })), {
      fn: "TrainingRequest",
      arg: "runs[0].data.classes",
      value: `2 does not fit architecture.outputDim = ${outputDim}`,
      expected: "expected outputDim = classes (one-hot) or 1 with 2 classes",
    });
  });

  test.prop([fc.integer({ min: 0, max: 11 }), nonFinite], RUNS)("rejects non-finite training data", (at, value) => {
    const d = data();
    const inputs = Float32Array.from(d.inputs);
    inputs[at] = value;
    expectRejects(() => validateRequest(request({ runs: [run(), run({ data: { ...d, inputs } })] })), {
      fn: "TrainingRequest",
      arg: `runs[1].data.inputs[${Math.floor(at / 2)}, ${at % 2}]`,
      value: shown(value),
      expected: "expected finite values",
    });
  });

  test.prop([fc.oneof(fc.double({ min: -10, max: 1, noNaN: true }), fc.constant(Number.NaN), fc.constant("1e3"))], RUNS)("rejects a divergence factor that is not a number > 1", (factor) => {
    expectRejects(() => validateRequest(request({ divergenceFactor: factor as never })), {
      fn: "TrainingRequest",
      arg: "divergenceFactor",
      value: typeof factor === "string" ? `string "${factor}"` : shown(factor),
      expected: "expected a number > 1",
    });
  });

  it("rejects a missing request, no runs, a run that is not a RunSpec, and non-function callbacks", () => {
    expectRejects(() => validateRequest(null as never), { fn: "TrainingRequest", arg: "TrainingRequest", value: "null", expected: /expected \{ architecture, runs/ });
    expectRejects(() => validateRequest(request({ runs: [] })), { fn: "TrainingRequest", arg: "runs", value: "empty", expected: "expected at least one run" });
    expectRejects(() => validateRequest(request({ runs: [run(), undefined as never] })), { fn: "TrainingRequest", arg: "runs[1]", value: "undefined", expected: /expected a RunSpec/ });
    expectRejects(() => validateRequest(request({ runs: [{ ...run(), data: undefined as never }] })), { fn: "TrainingRequest", arg: "runs[0].data", value: "undefined", expected: /expected a Dataset/ });
    expectRejects(() => validateRequest(request({ recordAt: 3 as never })), { fn: "TrainingRequest", arg: "recordAt", value: "3", expected: /expected an array of steps/ });
    expectRejects(() => validateRequest(request({ schedule: 0.5 as never })), { fn: "TrainingRequest", arg: "schedule", value: "0.5", expected: /expected a function/ });
    expectRejects(() => validateRequest(request({ onProgress: "log" as never })), { fn: "TrainingRequest", arg: "onProgress", value: 'string "log"', expected: /expected a function/ });
  });
});

describe("sgdTrainer", () => {
  it("rejects a bad request before training (B > N)", async () => {
    await expectRejectsAsync(() => sgdTrainer().train(request({ batchSize: 7 })), {
      fn: "TrainingRequest",
      arg: "batchSize",
      value: "7",
      expected: "expected \"full\" or an integer B with 1 ≤ B ≤ N = 6",
    });
  });
});
