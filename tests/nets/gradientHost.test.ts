/**
 * `gradientHost` (src/nets/gradientHost.ts): the float64 minibatch gradient of the square loss,
 * against central finite differences, against the reference trainer's one-step update in the plain
 * parametrisation, and the fact the R1 bound rests on — every layer's gradient has rank ≤ B.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Matrix } from "ml-matrix";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import { targetsFor } from "../../src/data/targets.ts";
import { numericalRank } from "../../src/metrics/index.ts";
import { forwardHost } from "../../src/nets/forwardHost.ts";
import { gradientHost } from "../../src/nets/gradientHost.ts";
import { initWeights } from "../../src/nets/initWeights.ts";
import type { MlpConfig } from "../../src/nets/mlp.ts";
import { squareLossHost } from "../../src/nets/squareLossHost.ts";
import { inputMatrix, weightMatrices } from "../../src/nets/weightMatrices.ts";
import { createRng } from "../../src/random/rng.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import { TOLERANCE } from "../../src/tolerances.ts";
import { EXACT_RUNS } from "../linalg/random.ts";

/**
 * Central differences with step h = 1e-6 in float64: truncation ≈ h² · |f'''| and cancellation
 * ≈ ε/h ≈ 2e-10 relative, so 1e-6 relative (Frobenius, all layers) leaves a wide margin; a
 * pre-activation within h of a ReLU kink would break it, which random Gaussian data makes a
 * probability-1e-6 event.
 */
const FD_TOLERANCE = 1e-6;
const FD_STEP = 1e-6;

const cases = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  inputDim: fc.integer({ min: 1, max: 6 }),
  hidden: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
  outputDim: fc.integer({ min: 1, max: 4 }),
  batch: fc.integer({ min: 1, max: 7 }),
});

function randomMatrix(rows: number, columns: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Matrix.from1DArray(rows, columns, Array.from({ length: rows * columns }, () => rng.normal()));
}

function setup(c: { seed: number; inputDim: number; hidden: number[]; outputDim: number; batch: number }) {
  const config: MlpConfig = { inputDim: c.inputDim, hidden: c.hidden, outputDim: c.outputDim, normalization: "none" };
  const weights = weightMatrices(initWeights(config, c.seed), config);
  const x = randomMatrix(c.batch, c.inputDim, c.seed + 1);
  const y = Float64Array.from(randomMatrix(c.batch, c.outputDim, c.seed + 2).to1DArray());
  return { weights, x, y };
}

function loss(weights: Matrix[], x: Matrix, y: Float64Array): number {
  return squareLossHost(forwardHost(weights, x).at(-1)!, y);
}

function finiteDifferences(weights: Matrix[], x: Matrix, y: Float64Array): Matrix[] {
  return weights.map((w, k) =>
    Matrix.from1DArray(
      w.rows,
      w.columns,
      Array.from({ length: w.rows * w.columns }, (_, idx) => {
        const i = Math.floor(idx / w.columns);
        const j = idx % w.columns;
        const plus = weights.map((m) => m.clone());
        const minus = weights.map((m) => m.clone());
        plus[k]!.set(i, j, w.get(i, j) + FD_STEP);
        minus[k]!.set(i, j, w.get(i, j) - FD_STEP);
        return (loss(plus, x, y) - loss(minus, x, y)) / (2 * FD_STEP);
      }),
    ),
  );
}

describe("gradientHost", () => {
  test.prop([cases], { numRuns: Math.min(EXACT_RUNS, 60) })(
    "equals central finite differences of the host square loss (float64)",
    (c) => {
      const { weights, x, y } = setup(c);
      const { loss: l, gradients } = gradientHost(weights, x, y);
      expect(l).toBeCloseTo(loss(weights, x, y), 12);
      const fd = finiteDifferences(weights, x, y);
      let diff = 0;
      let norm = 0;
      gradients.forEach((g, k) => {
        expect([g.rows, g.columns]).toEqual([weights[k]!.rows, weights[k]!.columns]);
        diff += g.clone().sub(fd[k]!).norm() ** 2;
        norm += fd[k]!.norm() ** 2;
      });
      expect(Math.sqrt(diff)).toBeLessThanOrEqual(FD_TOLERANCE * Math.sqrt(norm) + 1e-9);
    },
  );

  test.prop([cases], { numRuns: EXACT_RUNS })(
    "every layer's gradient is a sum of B outer products: rank ≤ B (and ≤ min(out, in))",
    (c) => {
      const { weights, x, y } = setup(c);
      gradientHost(weights, x, y).gradients.forEach((g) => {
        expect(numericalRank(g, 1e-9)).toBeLessThanOrEqual(Math.min(c.batch, g.rows, g.columns));
      });
    },
  );

  it("a batch of one sample gives rank-1 gradients δ hᵀ in every layer with a non-zero gradient", () => {
    const { weights, x, y } = setup({ seed: 5, inputDim: 6, hidden: [6, 6], outputDim: 3, batch: 1 });
    const ranks = gradientHost(weights, x, y).gradients.map((g) => numericalRank(g, 1e-9));
    expect(ranks.every((r) => r <= 1)).toBe(true);
    expect(ranks.at(-1)).toBe(1);
  });

  it("equals the reference trainer's one-step update in the plain parametrisation: W₁ = W₀ − η(∇L(W₀) + 2λW₀)", async () => {
    const data = gaussianMixture({ classes: 3, dim: 5, perClass: 4, separation: 2, noise: 1, seed: 8 }).train;
    const architecture: MlpConfig = { inputDim: 5, hidden: [7, 6], outputDim: 3, normalization: "none" };
    const [eta, lambda] = [0.05, 0.01];
    const [run] = await sgdTrainer().train({
      architecture,
      runs: [{ seed: 4, data, weightDecay: lambda, learningRate: eta }],
      batchSize: "full",
      steps: 1,
    });
    const w0 = weightMatrices(run!.snapshots[0]!.weights, architecture);
    const w1 = weightMatrices(run!.snapshots[1]!.weights, architecture);
    const { gradients } = gradientHost(w0, inputMatrix(data), targetsFor(data, 3));
    w0.forEach((w, k) => {
      const predicted = gradients[k]!.clone().add(w.clone().mul(2 * lambda)).mul(-eta);
      const actual = w1[k]!.clone().sub(w);
      expect(actual.clone().sub(predicted).norm() / predicted.norm()).toBeLessThan(TOLERANCE.float32.relative);
    });
  });

  it("rejects an empty batch and targets of the wrong length, naming the shapes", () => {
    const { weights, x, y } = setup({ seed: 1, inputDim: 3, hidden: [4], outputDim: 2, batch: 3 });
    expect(() => gradientHost(weights, new Matrix(0, 3), new Float64Array(0))).toThrow(/inputs has 0 rows; expected a batch of B ≥ 1/);
    expect(() => gradientHost(weights, x, y.slice(1))).toThrow(/targets has length 5; expected B × out_L = 3 × 2 = 6/);
  });
});
