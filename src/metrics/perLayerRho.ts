import { describeValue } from "../linalg/validate.ts";
import type { ScaleMoments } from "./scaleMoments.ts";
import { checkScaleArguments } from "./singleScaleRho.ts";

/**
 * The ρ-equilibrium of the *per-layer* parametrisation (CLAIMS N1): weight normalisation
 * `W_k = g_k V_k`, `‖V_k‖_F = 1`, `ρ = ∏_k g_k`, weight decay `λ Σ_k g_k²` — the parametrisation of
 * `sgdTrainer` with `normalization: "weight"`. With V fixed and `a, b` the moments of `f_V`
 * (`scaleMoments`), stationarity of `c − 2aρ + bρ² + λ Σ_k g_k²` in every g_k reads
 *
 *   λ g_k² = ρ (a − ρ b)   for all k,
 *
 * so the layer scales balance (`g_k² = |ρ|^{2/L}`) and ρ solves
 *
 *   h(ρ) = a − ρ b − λ ρ^{2/L − 1} = 0     (ρ > 0 when a > 0; ρ*(−a) = −ρ*(a)).
 *
 * Returned: the root that is a local **minimum** of the objective. For L ≥ 3, h is concave on
 * ρ > 0 and tends to −∞ at 0 and at ∞, so there are either two roots — the smaller a saddle (a
 * maximum along the balanced curve), the larger the minimum, returned here — or none, when weight
 * decay outweighs the fit and the only minimiser is g = 0 (NaN is returned). L = 2: ρ* = (a − λ)/b
 * if a > λ, else NaN. L = 1 is the single-scale equilibrium a/(λ + b). λ = 0: the least-squares
 * scale a/b for every L (stationarity no longer forces balance). Computed by bisection on
 * `[ρ_peak, a/b]` (`ρ_peak` the maximiser of h) to full float64 precision.
 *
 * @param moments `alignment` a and `outputEnergy` b of `f_V`
 * @param lambda weight decay λ ≥ 0 (the loss adds λ Σ_k g_k²)
 * @param depth number of scaled layers L ≥ 1
 * @example
 *   perLayerRho({ alignment: 0.5, outputEnergy: 0.2, targetEnergy: 1 }, 0.05, 2) // => 2.25
 *   perLayerRho({ alignment: 0.5, outputEnergy: 0.2, targetEnergy: 1 }, 0.05, 1) // => 2
 *   Number.isNaN(perLayerRho({ alignment: 0.01, outputEnergy: 1, targetEnergy: 1 }, 0.5, 3)) // => true
 * @throws if λ or a moment is invalid (see `singleScaleRho`), `depth` is not an integer ≥ 1, or
 *   b = 0 with a ≠ 0 or λ = 0 (no finite least-squares scale).
 */
export function perLayerRho(
  moments: Pick<ScaleMoments, "alignment" | "outputEnergy">,
  lambda: number,
  depth: number,
): number {
  const { alignment, outputEnergy: b } = checkScaleArguments("perLayerRho", moments, lambda);
  if (typeof depth !== "number" || !Number.isSafeInteger(depth) || depth < 1) {
    throw new Error(`perLayerRho: depth is ${describeValue(depth)}; expected an integer number of layers L ≥ 1`);
  }
  if (!(b > 0)) {
    throw new Error(`perLayerRho: moments.outputEnergy b = ${b}; expected b > 0 (a network whose outputs are all 0 has no scale)`);
  }
  const sign = alignment < 0 ? -1 : 1;
  const a = Math.abs(alignment);
  if (lambda === 0) return alignment / b;
  if (depth === 1) return alignment / (lambda + b);
  if (a === 0) return Number.NaN;
  if (depth === 2) return a > lambda ? (sign * (a - lambda)) / b : Number.NaN;
  const p = 2 / depth - 1; // in (−1, 0)
  const h = (rho: number) => a - rho * b - lambda * rho ** p;
  // h'(ρ) = −b − λ p ρ^{p−1} = 0  ⇔  ρ_peak = (−λ p / b)^{1/(1−p)}.
  const peak = ((-lambda * p) / b) ** (1 / (1 - p));
  if (!(h(peak) > 0)) return Number.NaN;
  let lo = peak;
  let hi = a / b; // h(a/b) = −λ (a/b)^p < 0
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (h(mid) > 0) lo = mid;
    else hi = mid;
  }
  return sign * 0.5 * (lo + hi);
}
