import { Matrix } from "ml-matrix";
import { frobeniusNorm } from "../linalg/frobeniusNorm.ts";
import { spectralNorm } from "../linalg/spectralNorm.ts";
import { assertFiniteMatrix, describeValue, shapeOf } from "../linalg/validate.ts";
import { decayCoefficient } from "../train/weightDecay.ts";

/** The right side of the low-rank bound of CLAIMS R1, in two norms. */
export interface RankBound {
  /** `‖∇_W L^λ_S̃(W)‖_2 / (2λ‖W‖_F)`: bounds `σ_{B+1}(W)/‖W‖_F` (see `distanceToRank(W, B).spectral`). */
  readonly spectral: number;
  /** `‖∇_W L^λ_S̃(W)‖_F / (2λ‖W‖_F)`: bounds `√(Σ_{i>B} σ_i²)/‖W‖_F` (`distanceToRank(W, B).frobenius`). */
  readonly frobenius: number;
}

/**
 * The right side of the rank bound of CLAIMS R1 for one layer W `[m, n]`, from the gradient of the
 * *unregularised* minibatch loss `G = ∇_W L_S̃(W)` `[m, n]` and the weight decay λ > 0 (convention
 * `L^λ = L + λ‖W‖_F²`, `src/train/weightDecay.ts`):
 *
 *   ∇_W L^λ_S̃ = G + 2λW,     spectral = ‖G + 2λW‖_2 / (2λ‖W‖_F),     frobenius = ‖G + 2λW‖_F / (2λ‖W‖_F).
 *
 * Why it bounds the distance to rank B (CLAIMS R1, checked here and in `specs/low-rank.spec.ts`):
 * `W/‖W‖_F = M + ∇L^λ_S̃/(2λ‖W‖_F)` with `M = −G/(2λ‖W‖_F)`, and G is a sum of B outer products
 * (`gradientHost`), so rank M ≤ B. Weyl's inequality `σ_{B+1}(A + E) ≤ σ_{B+1}(A) + ‖E‖_2` with
 * σ_{B+1}(M) = 0 gives `σ_{B+1}(W)/‖W‖_F ≤ spectral`; M is a rank-≤ B matrix at Frobenius distance
 * `frobenius` from W/‖W‖_F, so the Frobenius distance to rank B is at most `frobenius`. Both hold for
 * every W, every minibatch and every λ > 0 — they are identities plus Weyl, not asymptotics.
 *
 * Under SGD in the plain parametrisation, one step is `ΔW = −η ∇L^λ_S̃(W)`, so
 * `spectral = ‖ΔW‖_2/(2ηλ‖W‖_F)` (CLAIMS S2).
 *
 * @param w            the layer's weights `[m, n]`, not all zero
 * @param lossGradient `∇_W L_S̃(W)` `[m, n]` without the penalty (e.g. `gradientHost(...).gradients[k]`)
 * @param lambda       weight decay λ > 0 (the loss adds λ‖W‖_F²)
 * @example
 *   // At a stationary point of the minibatch objective (G = −2λW) the bound is 0:
 *   rankBound(new Matrix([[1, 0], [0, 0]]), new Matrix([[-0.2, 0], [0, 0]]), 0.1).spectral // => 0
 * @throws on shape mismatch, non-finite entries, W = 0, or λ not finite and > 0.
 */
export function rankBound(w: Matrix, lossGradient: Matrix, lambda: number): RankBound {
  assertFiniteMatrix("rankBound", "w", w);
  assertFiniteMatrix("rankBound", "lossGradient", lossGradient);
  if (lossGradient.rows !== w.rows || lossGradient.columns !== w.columns) {
    throw new Error(`rankBound: lossGradient has shape ${shapeOf(lossGradient)}; expected the shape of w, ${shapeOf(w)}`);
  }
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda <= 0) {
    throw new Error(`rankBound: lambda is ${describeValue(lambda)}; expected a finite weight decay λ > 0`);
  }
  const norm = frobeniusNorm(w);
  if (norm === 0) throw new Error(`rankBound: w ${shapeOf(w)} is zero; expected ‖W‖_F > 0 (the bound divides by it)`);
  const regularized = lossGradient.clone().add(w.clone().mul(decayCoefficient(lambda)));
  const scale = decayCoefficient(lambda) * norm;
  return { spectral: spectralNorm(regularized) / scale, frobenius: frobeniusNorm(regularized) / scale };
}
