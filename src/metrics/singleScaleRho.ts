import { describeValue } from "../linalg/validate.ts";
import type { ScaleMoments } from "./scaleMoments.ts";

/**
 * The ρ-equilibrium of the *single-scale* parametrisation (CLAIMS N1): one scalar ρ times a fixed
 * normalised network V, weight decay `λρ²`. With `a, b` the moments of `f_V` (`scaleMoments`),
 *
 *   (1/N) Σ_n ‖y_n − ρ f_n‖² + λρ² = c − 2aρ + (b + λ)ρ²   is minimised at   ρ* = a / (λ + b),
 *
 * i.e. `ρ* = (1/N) Σ_n ⟨y_n, f_n⟩ / (λ + (1/N) Σ_n ‖f_n‖²)`; with λ = 0 the least-squares scale a/b.
 * The minimum is unique (the objective is a parabola with curvature `2(b + λ) > 0`).
 *
 * @param moments `alignment` a and `outputEnergy` b of `f_V`
 * @param lambda weight decay λ ≥ 0 (the loss adds λρ²)
 * @example
 *   singleScaleRho({ alignment: 0.5, outputEnergy: 0.2, targetEnergy: 1 }, 0.05) // => 2
 * @throws if λ is negative or not finite, a moment is not finite, b < 0, or `b + λ = 0` (then every
 *   ρ is a minimiser).
 */
export function singleScaleRho(moments: Pick<ScaleMoments, "alignment" | "outputEnergy">, lambda: number): number {
  const { alignment: a, outputEnergy: b } = checkScaleArguments("singleScaleRho", moments, lambda);
  if (!(b + lambda > 0)) {
    throw new Error("singleScaleRho: outputEnergy b = 0 and lambda = 0: the objective does not depend on ρ; expected b + λ > 0");
  }
  return a / (lambda + b);
}

/** @internal Checks the moments and λ of the ρ-equilibria; returns the moments. */
export function checkScaleArguments(
  fn: string,
  moments: Pick<ScaleMoments, "alignment" | "outputEnergy">,
  lambda: number,
): { alignment: number; outputEnergy: number } {
  if (moments === null || typeof moments !== "object") {
    throw new Error(`${fn}: moments is ${describeValue(moments)}; expected { alignment, outputEnergy } (scaleMoments)`);
  }
  const { alignment, outputEnergy } = moments;
  if (typeof alignment !== "number" || !Number.isFinite(alignment)) {
    throw new Error(`${fn}: moments.alignment is ${describeValue(alignment)}; expected a finite number`);
  }
  if (typeof outputEnergy !== "number" || !Number.isFinite(outputEnergy) || outputEnergy < 0) {
    throw new Error(`${fn}: moments.outputEnergy is ${describeValue(outputEnergy)}; expected a finite number ≥ 0`);
  }
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
    throw new Error(`${fn}: lambda is ${describeValue(lambda)}; expected a finite weight decay λ ≥ 0`);
  }
  return { alignment, outputEnergy };
}
