/**
 * The cases on which the exact low-rank bound of CLAIMS R1 is checked: a network's weights, a
 * training set and one minibatch S̃ of it, and the weight decay λ. For each layer k the case holds
 * both sides of the bound and the quantities of its controls:
 *
 *   distance  = σ_{B+1}(W_k)/‖W_k‖_F                          (`distanceToRank(W_k, B)`)
 *   bound     = ‖∇_{W_k} L^λ_S̃(W)‖_2 / (2λ‖W_k‖_F)            (`rankBound`, minibatch S̃ of size B)
 *   gradient rank = rank ∇_{W_k} L_S̃(W) ≤ B                   (the fact the bound rests on)
 *
 * and two deliberately wrong versions, which a working check must be able to refute:
 *
 *   σ_B version:         σ_B(W_k)/‖W_k‖_F ≤ bound            (one singular value too many)
 *   full-batch version:  σ_{B+1}(W_k)/‖W_k‖_F ≤ ‖∇L^λ_S(W)‖_2/(2λ‖W_k‖_F), S the whole training set
 *
 * Everything is float64 on the host (`gradientHost`); the weights may come from float32 training
 * (converted exactly), so the bound must hold to float64 rounding.
 */
import { activeMetrics } from "../../implementation/activeImplementation.ts";
import type { MetricSuite } from "../../implementation/metricSuite.ts";
import { Matrix, solve } from "ml-matrix";
import type { Dataset } from "../../data/dataset.ts";
import { targetsFor } from "../../data/targets.ts";
import { distanceToRank, rankBound } from "../../metrics/index.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import { gradientHost } from "../../nets/gradientHost.ts";
import { inputMatrix } from "../../nets/weightMatrices.ts";
import { createRng } from "../../random/rng.ts";

/**
 * Tolerance of "rank ∇_{W_k} L_S̃ ≤ B": singular values below 1e-9 · ‖G‖_F do not count. The
 * gradient is a float64 sum of B outer products; its singular values beyond the B-th are rounding,
 * ≈ 1e-16 · (dimensions) relative — seven orders of magnitude below this threshold.
 */
export const GRADIENT_RANK_TOLERANCE = 1e-9;

/** One layer of a bound case. */
export interface LayerBoundCase {
  /** Layer index k (1-based). */
  readonly layer: number;
  readonly shape: readonly [number, number];
  /** σ_{B+1}(W_k)/‖W_k‖_F. */
  readonly distance: number;
  /** ‖∇L^λ_S̃‖_2/(2λ‖W_k‖_F) with the minibatch S̃. */
  readonly bound: number;
  /** Frobenius versions: √(Σ_{i>B} σ_i²)/‖W_k‖_F and ‖∇L^λ_S̃‖_F/(2λ‖W_k‖_F). */
  readonly distanceFrobenius: number;
  readonly boundFrobenius: number;
  /** Numerical rank (tolerance `GRADIENT_RANK_TOLERANCE`) of the unregularised minibatch gradient. */
  readonly gradientRank: number;
  /** Numerical rank of the unregularised full-batch gradient (a control: it can exceed B). */
  readonly fullGradientRank: number;
  /**
   * rank_τ(W_k) at τ = the bound (× (1 + 1e-9), the float64 slack of the bound check): R1 read as a
   * numerical-rank statement, σ_{B+1}/‖W‖_F ≤ bound ⟺ #{i : σ_i/‖W‖_F > bound} ≤ B. 0 when the
   * bound is ≥ 1 (no singular value exceeds ‖W‖_F).
   */
  readonly rankAtBound: number;
  /** σ_B(W_k)/‖W_k‖_F (control: the σ_B version of the bound). */
  readonly distanceB: number;
  /** ‖∇L^λ_S‖_2/(2λ‖W_k‖_F) with the whole training set S (control: the full-batch version). */
  readonly fullBatchBound: number;
}

/** A bound case: where it came from, and its layers. */
export interface BoundCase {
  readonly batchSize: number;
  readonly weightDecay: number;
  /** Minibatch square loss at W. */
  readonly loss: number;
  readonly layers: readonly LayerBoundCase[];
}

/** Rows `indices` of `inputs [N, d]` and of the row-major targets `[N, C]`. */
export function selectRows(
  inputs: Matrix,
  targets: Float32Array,
  outputs: number,
  indices: ArrayLike<number>,
): { inputs: Matrix; targets: Float64Array } {
  const rows: number[][] = [];
  const y = new Float64Array(indices.length * outputs);
  for (let i = 0; i < indices.length; i++) {
    const n = indices[i]!;
    if (!(Number.isSafeInteger(n) && n >= 0 && n < inputs.rows)) {
      throw new Error(`selectRows: indices[${i}] = ${n}; expected an integer in [0, ${inputs.rows})`);
    }
    rows.push(inputs.getRow(n));
    for (let c = 0; c < outputs; c++) y[i * outputs + c] = targets[n * outputs + c]!;
  }
  return { inputs: new Matrix(rows), targets: y };
}

/** A minibatch of B distinct indices of 0..N−1, drawn from `seed` (uniform without replacement). */
export function drawMinibatch(seed: number, count: number, batchSize: number): Int32Array {
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1 && batchSize <= count)) {
    throw new Error(`drawMinibatch: batchSize = ${batchSize}; expected an integer in [1, ${count}]`);
  }
  return createRng(seed).permutation(count).slice(0, batchSize);
}

/**
 * The bound case of weights `weights` (`[out_k, in_k]`, float64), training set `data`, minibatch
 * `batch` (indices into `data`) and weight decay λ > 0 (see the module comment).
 */
export function boundCase(weights: readonly Matrix[], data: Dataset, batch: ArrayLike<number>, weightDecay: number, metrics: MetricSuite = activeMetrics()): BoundCase {
  const outputs = weights.at(-1)!.rows;
  const x = inputMatrix(data);
  const y = targetsFor(data, outputs);
  const mini = selectRows(x, y, outputs, batch);
  const B = batch.length;
  const { loss, gradients } = gradientHost(weights, mini.inputs, mini.targets);
  const full = gradientHost(weights, x, y).gradients;
  const layers = weights.map((w, k): LayerBoundCase => {
    const distance = distanceToRank(w, B);
    const bound = rankBound(w, gradients[k]!, weightDecay);
    return {
      layer: k + 1,
      shape: [w.rows, w.columns] as const,
      distance: distance.spectral,
      bound: bound.spectral,
      distanceFrobenius: distance.frobenius,
      boundFrobenius: bound.frobenius,
      gradientRank: metrics.numericalRank(gradients[k]!, GRADIENT_RANK_TOLERANCE),
      fullGradientRank: metrics.numericalRank(full[k]!, GRADIENT_RANK_TOLERANCE),
      rankAtBound: bound.spectral * (1 + 1e-9) < 1 ? metrics.numericalRank(w, bound.spectral * (1 + 1e-9)) : 0,
      distanceB: distanceToRank(w, B - 1).spectral,
      fullBatchBound: rankBound(w, full[k]!, weightDecay).spectral,
    };
  });
  return { batchSize: B, weightDecay, loss, layers };
}

/**
 * The weights with the last layer replaced by the minimiser of the (mini)batch objective in that
 * layer, `(1/B) Σ_{n∈S̃} ‖W_L h_n − y_n‖² + λ‖W_L‖_F²` (ridge regression on the features h):
 *
 *   W_Lᵀ = (HᵀH + λB I)⁻¹ Hᵀ Y,     H = features of S̃ `[B, p]`, Y = targets `[B, C]`,
 *
 * so `∇_{W_L} L^λ_S̃ = 0` there: the right side of the R1 bound is 0 for the last layer, which is a
 * point "at convergence" where the σ_B and full-batch versions of the bound can be refuted.
 */
export function ridgeLastLayer(weights: readonly Matrix[], data: Dataset, batch: ArrayLike<number>, weightDecay: number): Matrix[] {
  if (!(Number.isFinite(weightDecay) && weightDecay > 0)) {
    throw new Error(`ridgeLastLayer: weightDecay = ${weightDecay}; expected λ > 0`);
  }
  const outputs = weights.at(-1)!.rows;
  const mini = selectRows(inputMatrix(data), targetsFor(data, outputs), outputs, batch);
  const h = forwardHost(weights, mini.inputs).at(-2)!;
  const B = batch.length;
  const y = Matrix.from1DArray(B, outputs, mini.targets);
  const gram = h.transpose().mmul(h).add(Matrix.eye(h.columns).mul(weightDecay * B));
  const last = solve(gram, h.transpose().mmul(y)).transpose();
  return [...weights.slice(0, -1).map((w) => w.clone()), last];
}
