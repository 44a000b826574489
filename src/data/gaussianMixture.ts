import { describeValue } from "../linalg/validate.ts";
import { createRng, deriveSeed } from "../random/rng.ts";
import type { Dataset, SplitDataset } from "./dataset.ts";

/** Parameters of {@link gaussianMixture}. */
export interface GaussianMixtureConstraints {
  /** Number of classes C (integer ≥ 2). */
  classes: number;
  /** Input dimension d (integer ≥ 1). */
  dim: number;
  /** Training samples per class (integer ≥ 1); the training set has N = C · perClass samples. */
  perClass: number;
  /** Test samples per class (integer ≥ 0; default 0). */
  testPerClass?: number;
  /** Norm of every class centre (> 0): centres are `separation · u_c` with u_c uniform on the sphere. */
  separation: number;
  /**
   * Scale of the within-class Gaussian noise (≥ 0): ε ~ N(0, (noise²/d) I_d), so E‖ε‖² = noise²
   * whatever the dimension, and `separation / noise` is the signal-to-noise ratio.
   */
  noise: number;
  /** Seed of the centres and samples. */
  seed: number;
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`gaussianMixture: ${name} = ${value}; expected an integer ≥ ${min}`);
  }
}

function sample(
  centres: Float64Array[],
  perClass: number,
  dim: number,
  noise: number,
  rng: ReturnType<typeof createRng>,
): Dataset {
  const classes = centres.length;
  const count = classes * perClass;
  const std = noise / Math.sqrt(dim);
  const inputs = new Float32Array(count * dim);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const c = n % classes;
    labels[n] = c;
    const centre = centres[c]!;
    for (let j = 0; j < dim; j++) inputs[n * dim + j] = centre[j]! + std * rng.normal();
  }
  return { inputs, labels, count, dim, classes };
}

/**
 * A balanced Gaussian-mixture classification problem: class c has centre `separation · u_c`
 * (u_c uniform on the unit sphere of ℝ^d) and samples `x = centre_c + noise · ε / √d`, ε ~ N(0, I_d)
 * (so E‖x − centre_c‖² = noise²).
 * Samples are interleaved by class (sample n has label n mod C). Train and test sets share the
 * centres and draw their samples from independent streams of `seed`.
 *
 * @example
 *   const { train, test } = gaussianMixture({ classes: 4, dim: 32, perClass: 25, testPerClass: 25,
 *                                             separation: 3, noise: 1, seed: 7 });
 *   train.count; // 100
 */
export function gaussianMixture(constraints: GaussianMixtureConstraints): SplitDataset {
  if (constraints === null || typeof constraints !== "object") {
    throw new Error(
      `gaussianMixture: constraints is ${describeValue(constraints)}; expected { classes, dim, perClass, separation, noise, seed }`,
    );
  }
  const { classes, dim, perClass, separation, noise, seed } = constraints;
  const testPerClass = constraints.testPerClass ?? 0;
  checkInteger("classes", classes, 2);
  checkInteger("dim", dim, 1);
  checkInteger("perClass", perClass, 1);
  checkInteger("testPerClass", testPerClass, 0);
  if (!(Number.isFinite(separation) && separation > 0)) {
    throw new Error(`gaussianMixture: separation = ${separation}; expected a finite number > 0`);
  }
  if (!(Number.isFinite(noise) && noise >= 0)) {
    throw new Error(`gaussianMixture: noise = ${noise}; expected a finite number ≥ 0`);
  }
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`gaussianMixture: seed = ${seed}; expected an integer`);
  }
  const centreRng = createRng(deriveSeed(seed, "gaussian-mixture/centres"));
  const centres: Float64Array[] = [];
  for (let c = 0; c < classes; c++) {
    const u = new Float64Array(dim);
    let norm = 0;
    do {
      norm = 0;
      for (let j = 0; j < dim; j++) {
        u[j] = centreRng.normal();
        norm += u[j]! * u[j]!;
      }
    } while (norm === 0);
    const scale = separation / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) u[j] = u[j]! * scale;
    centres.push(u);
  }
  const train = sample(centres, perClass, dim, noise, createRng(deriveSeed(seed, "gaussian-mixture/train")));
  const test = sample(centres, testPerClass, dim, noise, createRng(deriveSeed(seed, "gaussian-mixture/test")));
  return {
    train,
    test,
    provenance: { generator: "gaussianMixture", classes, dim, perClass, testPerClass, separation, noise, seed },
  };
}
