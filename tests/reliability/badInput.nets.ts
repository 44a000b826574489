/**
 * Bad input to the network definitions and host passes (issue #8, item 4): invalid widths,
 * kernels, seeds, shapes that do not chain and non-finite inputs, weights or targets are rejected
 * with a message naming the function (or config), the argument, the value and the expectation.
 */
import { describe, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { compileArchitecture, parameterShapes } from "../../src/nets/architecture.ts";
import type { ConvNetConfig } from "../../src/nets/convNet.ts";
import { forwardHost } from "../../src/nets/forwardHost.ts";
import { gradientHost } from "../../src/nets/gradientHost.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import { layerShapes, validateMlpConfig, type MlpConfig } from "../../src/nets/mlp.ts";
import { normalizedForm } from "../../src/nets/normalizedForm.ts";
import { squareLossHost } from "../../src/nets/squareLossHost.ts";
import { inputMatrix, weightMatrices } from "../../src/nets/weightMatrices.ts";
import { badInteger, expectRejects, nonFinite, nonInteger, shown } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

const MLP: MlpConfig = { inputDim: 3, hidden: [4], outputDim: 2, normalization: "none" };
const CONV: ConvNetConfig = { kind: "conv", inputShape: [8], inputChannels: 1, conv: [{ kernel: 2, channels: 2 }], outputDim: 2, normalization: "none" };

/** The weights of MLP as matrices: W_1 [4, 3], W_2 [2, 4]. */
function mlpWeights(): Matrix[] {
  return [Matrix.ones(4, 3), Matrix.ones(2, 4).mul(0.5)];
}

describe("MlpConfig", () => {
  const fields = fc.constantFrom("inputDim", "outputDim", "hidden[0]", "hidden[1]");
  test.prop([fields, badInteger(1)], RUNS)("rejects widths that are not integers ≥ 1, in every entry point", (field, value) => {
    const config: MlpConfig =
      field === "hidden[0]" ? { ...MLP, hidden: [value, 4] } : field === "hidden[1]" ? { ...MLP, hidden: [4, value] } : { ...MLP, [field]: value };
    const rejection = { fn: "MlpConfig", arg: `.${field}`, value: shown(value), expected: "expected an integer ≥ 1" };
    expectRejects(() => validateMlpConfig(config), rejection);
    expectRejects(() => layerShapes(config), rejection);
    expectRejects(() => parameterShapes(config), rejection);
    expectRejects(() => initWeights(config, 1), rejection);
  });

  it("rejects no hidden layer, an unknown normalisation and a missing config", () => {
    expectRejects(() => validateMlpConfig({ ...MLP, hidden: [] }), { fn: "MlpConfig", arg: ".hidden", value: "[]", expected: /expected at least one hidden width/ });
    expectRejects(() => validateMlpConfig({ ...MLP, normalization: "batch" as never }), { fn: "MlpConfig", arg: ".normalization", value: '"batch"', expected: 'expected "none" or "weight"' });
    expectRejects(() => validateMlpConfig(null as never), { fn: "MlpConfig", arg: "MlpConfig", value: "null", expected: /expected \{ inputDim/ });
    expectRejects(() => compileArchitecture(undefined as never), { fn: "compileArchitecture", arg: "architecture", value: "undefined", expected: /expected an MlpConfig or a ConvNetConfig/ });
  });
});

describe("ConvNetConfig", () => {
  test.prop([fc.constantFrom("inputShape[0]", "inputChannels", "conv[0].channels", "outputDim"), badInteger(1)], RUNS)(
    "rejects sizes that are not integers ≥ 1",
    (field, value) => {
      const config: ConvNetConfig =
        field === "inputShape[0]" ? { ...CONV, inputShape: [value] }
        : field === "conv[0].channels" ? { ...CONV, conv: [{ kernel: 2, channels: value }] }
        : { ...CONV, [field]: value };
      expectRejects(() => compileArchitecture(config), { fn: "ConvNetConfig", arg: field, value: shown(value), expected: "expected an integer ≥ 1" });
    },
  );

  test.prop([fc.constantFrom("kernel", "stride"), badInteger(1)], RUNS)("rejects a kernel or stride that is not an integer ≥ 1", (field, value) => {
    const config: ConvNetConfig = { ...CONV, conv: [{ kernel: 2, channels: 2, [field]: value }] };
    expectRejects(() => compileArchitecture(config), { fn: "ConvNetConfig", arg: `conv[0].${field}`, value: shown(value), expected: "expected an integer ≥ 1" });
  });

  test.prop([fc.integer({ min: 9, max: 64 })], RUNS)("rejects a kernel larger than its input (valid padding)", (kernel) => {
    expectRejects(() => compileArchitecture({ ...CONV, conv: [{ kernel, channels: 2 }] }), {
      fn: "ConvNetConfig",
      arg: "conv[0]",
      value: `kernel [${kernel}]`,
      expected: "expected kernel ≤ input size",
    });
  });

  it("rejects no conv layer, a missing layer and a 3-D input", () => {
    expectRejects(() => compileArchitecture({ ...CONV, conv: [] }), { fn: "ConvNetConfig", arg: "conv", value: "empty", expected: /expected at least one convolutional layer/ });
    expectRejects(() => compileArchitecture({ ...CONV, conv: [null as never] }), { fn: "ConvNetConfig", arg: "conv[0]", value: "null", expected: /expected \{ kernel/ });
    expectRejects(() => compileArchitecture({ ...CONV, inputShape: [2, 2, 2] as never }), { fn: "ConvNetConfig", arg: "inputShape", value: "[2,2,2]", expected: /expected \[length\] or \[height, width\]/ });
  });
});

describe("initWeights", () => {
  test.prop([fc.oneof(nonInteger, nonFinite)], RUNS)("rejects a seed that is not an integer", (seed) => {
    expectRejects(() => initWeights(MLP, seed), { fn: "initWeights", arg: "seed", value: shown(seed), expected: "expected an integer" });
  });
});

describe("forwardHost and gradientHost", () => {
  const x = new Matrix([[1, 2, 3], [0, 1, 0]]);
  const targets = Float32Array.from([1, 0, 0, 1]);

  test.prop([fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 2 }), nonFinite], RUNS)("rejects a non-finite input", (i, j, value) => {
    const bad = x.clone();
    bad.set(i, j, value);
    const rejection = { fn: "forwardHost", arg: "inputs", value: `non-finite entry ${shown(value)} at row ${i}, column ${j}`, expected: "expected finite numbers" };
    expectRejects(() => forwardHost(mlpWeights(), bad), rejection);
    expectRejects(() => gradientHost(mlpWeights(), bad, targets), rejection);
  });

  test.prop([fc.integer({ min: 0, max: 1 }), nonFinite], RUNS)("rejects a non-finite weight (a diverged network is not measured)", (k, value) => {
    const weights = mlpWeights();
    weights[k]!.set(0, 0, value);
    expectRejects(() => forwardHost(weights, x), { fn: "forwardHost", arg: `weights[${k}]`, value: shown(value), expected: "expected finite numbers" });
  });

  test.prop([fc.integer({ min: 1, max: 6 }).filter((c) => c !== 3)], RUNS)("rejects weights that do not chain with the inputs", (columns) => {
    expectRejects(() => forwardHost([Matrix.ones(4, columns), Matrix.ones(2, 4)], x), {
      fn: "forwardHost",
      arg: "weights[0]",
      value: `[4, ${columns}]`,
      expected: "expected in_k = 3",
    });
  });

  it("rejects no weights, and arguments that are not matrices", () => {
    expectRejects(() => forwardHost([], x), { fn: "forwardHost", arg: "weights", value: "empty", expected: /expected at least one layer/ });
    expectRejects(() => forwardHost([[1, 2]] as never, x), { fn: "forwardHost", arg: "weights[0]", value: "an array of length 2", expected: /expected an ml-matrix Matrix/ });
    expectRejects(() => forwardHost(mlpWeights(), [[1, 2, 3]] as never), { fn: "forwardHost", arg: "inputs", value: "an array of length 1", expected: /expected an ml-matrix Matrix/ });
    expectRejects(() => gradientHost(mlpWeights(), new Matrix(0, 3), new Float32Array(0)), { fn: "gradientHost", arg: "inputs", value: "0 rows", expected: /expected a batch of B ≥ 1/ });
  });

  test.prop([fc.integer({ min: 0, max: 12 }).filter((n) => n !== 4)], RUNS)("rejects targets of the wrong length", (length) => {
    expectRejects(() => gradientHost(mlpWeights(), x, new Float32Array(length)), { fn: "gradientHost", arg: "targets", value: `length ${length}`, expected: "expected B × out_L = 2 × 2 = 4" });
    expectRejects(() => squareLossHost(Matrix.ones(2, 2), new Float32Array(length)), { fn: "squareLossHost", arg: "targets", value: `length ${length}`, expected: "expected N × C = 2 × 2 = 4" });
  });

  test.prop([fc.integer({ min: 0, max: 3 }), nonFinite], RUNS)("rejects a non-finite target", (at, value) => {
    const bad = Float32Array.from(targets);
    bad[at] = value;
    expectRejects(() => gradientHost(mlpWeights(), x, bad), { fn: "gradientHost", arg: `targets[${at}]`, value: shown(value), expected: "expected finite numbers" });
    expectRejects(() => squareLossHost(Matrix.ones(2, 2), bad), { fn: "squareLossHost", arg: `targets[${at}]`, value: shown(value), expected: "expected finite numbers" });
  });

  it("squareLossHost rejects outputs without rows (the mean over samples is undefined)", () => {
    expectRejects(() => squareLossHost(new Matrix(0, 2), new Float32Array(0)), { fn: "squareLossHost", arg: "outputs", value: "[0, 2]", expected: /expected \[N, C\] with N ≥ 1/ });
  });
});

describe("normalizedForm, weightMatrices, inputMatrix", () => {
  test.prop([fc.integer({ min: 0, max: 1 }), fc.oneof(nonFinite, fc.constant(0))], RUNS)("normalizedForm rejects a zero or non-finite layer", (k, value) => {
    const weights = mlpWeights();
    weights[k] = Matrix.zeros(weights[k]!.rows, weights[k]!.columns).add(value);
    expectRejects(() => normalizedForm(weights), { fn: "normalizedForm", arg: `layer ${k + 1}`, value: `= ${Number.isNaN(value) ? "NaN" : Math.abs(value)}`, expected: "expected a finite norm > 0" });
  });

  it("normalizedForm rejects an empty list", () => {
    expectRejects(() => normalizedForm([]), { fn: "normalizedForm", arg: "weights", value: "an array of length 0", expected: /expected a non-empty array/ });
  });

  test.prop([fc.integer({ min: 0, max: 5 }).filter((n) => n !== 2)], RUNS)("weightMatrices rejects the wrong number of layers", (layers) => {
    const weights = Array.from({ length: layers }, () => new Float32Array(12));
    expectRejects(() => weightMatrices(weights, MLP), { fn: "weightMatrices", arg: "layers", value: `got ${layers}`, expected: "expected L = 2" });
  });

  test.prop([fc.integer({ min: 0, max: 30 }).filter((n) => n !== 12)], RUNS)("weightMatrices rejects a layer of the wrong length", (length) => {
    expectRejects(() => weightMatrices([new Float32Array(length), new Float32Array(8)], MLP), { fn: "weightMatrices", arg: "layer 1", value: `${length} entries`, expected: "expected 4 × 3 = 12" });
  });

  test.prop([fc.integer({ min: 0, max: 20 }).filter((n) => n !== 6)], RUNS)("inputMatrix rejects inputs of the wrong length", (length) => {
    expectRejects(() => inputMatrix({ inputs: new Float32Array(length), count: 2, dim: 3 }), {
      fn: "inputMatrix",
      arg: "data.inputs",
      value: `a Float32Array of length ${length}`,
      expected: "expected count × dim = 2 × 3 = 6 entries",
    });
  });
});
