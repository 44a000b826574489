/**
 * The exact part of CLAIMS N1 case by case: generated fixed-V problems (`scaleProblem`), and for
 * each the closed-form ρ-equilibrium against a numerical minimiser that does not use it —
 * single scale (`singleScaleRho` vs float32 gradient descent on ρ through tfjs) and per-layer
 * scales (`perLayerRho` vs float64 minimisation over the g_k). `specs/normalization.spec.ts`
 * asserts these checks over `exactRuns` problems; the CLI runs a few.
 */
import fc from "fast-check";
import { layerImbalance, perLayerRho, singleScaleRho } from "../../metrics/index.ts";
import { deriveSeed } from "../../random/rng.ts";
import { closeTo, TOLERANCE } from "../../tolerances.ts";
import { numericPerLayerScales, numericSingleScaleRho, type PerLayerMinimum } from "./normalizationMinimizers.ts";
import { scaleProblem, type ScaleProblemSpec } from "./normalizationProblems.ts";

/** A generated problem and its weight decay λ. */
export type ScaleProblemCase = ScaleProblemSpec & { readonly lambda: number };

/** Gradient steps of the float32 single-scale minimiser (its fixed point is reached well before). */
export const SINGLE_SCALE_DESCENT_STEPS = 120;

/**
 * When the per-layer equation has no positive root, the minimiser must run to ρ → 0: below this
 * fraction of its start a/b.
 */
export const NO_EQUILIBRIUM_MAX_RHO_FRACTION = 1e-6;

/**
 * Random fixed-V problems: depth 1–4 (widths 1–12), d = 1–10, N = 1–24, binary or one-hot with
 * C = 3–5, λ log-uniform in [1e-4, 1]; the problem seeds derive from `base`. Small, so `exactRuns`
 * of them take a few seconds.
 */
export function scaleProblemCases(base: number): fc.Arbitrary<ScaleProblemCase> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      binary: fc.boolean(),
      classes: fc.integer({ min: 3, max: 5 }),
      dim: fc.integer({ min: 1, max: 10 }),
      count: fc.integer({ min: 1, max: 24 }),
      hidden: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 0, maxLength: 3 }),
      log10Lambda: fc.double({ min: -4, max: 0, noNaN: true }),
    })
    .map(({ seed, binary, classes, dim, count, hidden, log10Lambda }) => ({
      seed: deriveSeed(base, `normalization/exact/${seed}`),
      view: binary ? ("binary" as const) : ("one-hot" as const),
      classes: binary ? 2 : classes,
      dim,
      count,
      hidden,
      lambda: 10 ** log10Lambda,
    }));
}

/** The single-scale check of one problem: what is recorded and the comparison. */
export interface SingleScaleCheck {
  readonly record: {
    readonly lambda: number;
    readonly depth: number;
    readonly N: number;
    readonly view: string;
    /** Moments a = (1/N)Σ⟨y_n, f_n⟩ and b = (1/N)Σ‖f_n‖². */
    readonly a: number;
    readonly b: number;
    readonly closed: number;
    readonly numeric: number;
    /** |ρ_numeric − ρ*| / scale, scale = max(|ρ*|, √(cb)/(b + λ)). */
    readonly relativeToScale: number;
  };
  /** `closeTo` within float32 tolerance relative to the scale. */
  readonly check: ReturnType<typeof closeTo>;
}

/**
 * Single scale: the float32 gradient-descent minimiser of `(1/N)Σ‖y_n − ρ f_n‖² + λρ²` against
 * the closed form, within `TOLERANCE.float32.relative` of max(|ρ*|, √(c·b)/(b + λ)) — the largest
 * |ρ*| the moments allow (Cauchy–Schwarz |a| ≤ √(cb)); the scale, not |ρ*|, because ρ* ≈ 0 when V
 * is uncorrelated with the targets.
 */
export async function checkSingleScale(spec: ScaleProblemCase): Promise<SingleScaleCheck> {
  const problem = scaleProblem(spec);
  const { alignment: a, outputEnergy: b, targetEnergy: c } = problem.moments;
  const closed = singleScaleRho(problem.moments, spec.lambda);
  const numeric = await numericSingleScaleRho({
    directions: problem.directions,
    inputs: problem.inputs,
    targets: problem.targets,
    lambda: spec.lambda,
    steps: SINGLE_SCALE_DESCENT_STEPS,
  });
  const scale = Math.max(Math.abs(closed), Math.sqrt(c * b) / (b + spec.lambda));
  const check = closeTo(numeric, closed, { relative: 0, absolute: TOLERANCE.float32.relative * scale + 1e-30 });
  return {
    record: { lambda: spec.lambda, depth: problem.directions.length, N: spec.count, view: spec.view, a, b, closed, numeric, relativeToScale: check.absoluteError / Math.max(scale, 1e-300) },
    check,
  };
}

/** The per-layer check of one problem. */
export interface PerLayerCheck {
  readonly record: {
    readonly lambda: number;
    readonly L: number;
    readonly a: number;
    readonly b: number;
    /** `perLayerRho` (NaN: no positive equilibrium). */
    readonly closed: number;
    readonly numeric: number;
    /** max_k |g_k²/ρ^{2/L} − 1| at the minimiser. */
    readonly imbalance: number;
    readonly converged: boolean;
  };
  readonly found: PerLayerMinimum;
  /** The minimiser's start, ρ = a/b. */
  readonly start0: number;
  /** Every condition the spec asserts, and a sentence saying which failed. */
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Per-layer scales: float64 minimisation over the g_k of c − 2aρ + bρ² + λΣg_k², started at ρ = a/b
 * with the layers unbalanced by up to e^{±0.3}, against `perLayerRho`: equal within float64
 * tolerance, the layers balanced (L > 1), converged — or, when there is no positive equilibrium,
 * ρ → 0. The sign of V_L is flipped when a < 0 (the equilibrium is odd in a); `undefined` when
 * a ≤ 0 or b = 0 after that (a dead network: nothing to check).
 */
export function checkPerLayer(spec: ScaleProblemCase): PerLayerCheck | undefined {
  const problem = scaleProblem(spec);
  const L = problem.directions.length;
  const flip = problem.moments.alignment < 0 ? -1 : 1; // flipping V_L's sign flips a; the equilibrium is odd in a
  const moments = { ...problem.moments, alignment: flip * problem.moments.alignment };
  if (!(moments.alignment > 0 && moments.outputEnergy > 0)) return undefined;
  const closed = perLayerRho(moments, spec.lambda, L);
  const start0 = moments.alignment / moments.outputEnergy;
  const wobble = Array.from({ length: L }, (_, k) => 0.3 * Math.sin(spec.seed + 7 * k));
  const meanWobble = wobble.reduce((s, x) => s + x, 0) / L;
  const start = wobble.map((x) => start0 ** (1 / L) * Math.exp(x - meanWobble));
  const found = numericPerLayerScales(moments, spec.lambda, start);
  const imbalance = layerImbalance(found.layerScales);
  const record = { lambda: spec.lambda, L, a: moments.alignment, b: moments.outputEnergy, closed, numeric: found.rho, imbalance, converged: found.converged };
  if (Number.isNaN(closed)) {
    const ok = found.rho < NO_EQUILIBRIUM_MAX_RHO_FRACTION * start0;
    return { record, found, start0, ok, message: `no positive equilibrium; the minimiser ${ok ? "ran" : "did not run"} to ρ → 0 (ρ = ${found.rho})` };
  }
  const check = closeTo(found.rho, closed, "float64");
  const balanced = L <= 1 || imbalance <= TOLERANCE.float64.relative;
  const problems = [
    ...(found.converged ? [] : ["the minimiser did not converge"]),
    ...(check.ok ? [] : [`per-layer ρ*: ${check.message}`]),
    ...(balanced ? [] : [`layer imbalance ${imbalance.toExponential(2)} > ${TOLERANCE.float64.relative}`]),
  ];
  return { record, found, start0, ok: problems.length === 0, message: problems.length === 0 ? `ρ* = ${closed} matched (${check.message})` : problems.join("; ") };
}
