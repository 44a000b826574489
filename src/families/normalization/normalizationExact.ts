/**
 * The exact part of N1 for the CLI: a few generated fixed-V problems (the spec's
 * `scaleProblemCases`, drawn from the configuration seed), each closed-form ρ* against its
 * numerical minimiser — single scale and per-layer scales — as a table and two exact decisions.
 */
import fc from "fast-check";
import {
  checkPerLayer,
  checkSingleScale,
  scaleProblemCases,
  type PerLayerCheck,
  type SingleScaleCheck,
} from "./normalizationExactCases.ts";
import type { DecisionLike } from "../../report/attachDecision.ts";
import { TOLERANCE } from "../../tolerances.ts";
import type { MeasurementTable } from "../../cli/format.ts";

/** Rows of each exact table printed (every case is in the export). */
const SHOWN = 10;

export interface ExactResult {
  readonly problems: number;
  readonly single: readonly SingleScaleCheck[];
  /** Per-layer checks of the problems with a live network (a > 0 after the sign flip, b > 0). */
  readonly perLayer: readonly PerLayerCheck[];
}

/** Draws `problems` cases from `seed` and checks both closed forms on each. */
export async function runExactPart(seed: number, problems: number): Promise<ExactResult> {
  const cases = fc.sample(scaleProblemCases(seed), { seed, numRuns: problems });
  const single: SingleScaleCheck[] = [];
  for (const c of cases) single.push(await checkSingleScale(c));
  const perLayer = cases.map(checkPerLayer).filter((c): c is PerLayerCheck => c !== undefined);
  return { problems, single, perLayer };
}

/** "Holds on every case" over a list of per-case verdicts (exact: no statistical error). */
function everyCase(rule: string, verdicts: ReadonlyArray<{ ok: boolean; message: string }>): DecisionLike {
  const failed = verdicts.filter((v) => !v.ok);
  if (verdicts.length === 0) return { holds: false, rule, summary: "no cases to check: inconclusive", inconclusive: "no cases to check" };
  return {
    holds: failed.length === 0,
    rule,
    summary:
      failed.length === 0
        ? `held on all ${verdicts.length} cases: held`
        : `failed on ${failed.length} of ${verdicts.length} cases, e.g. ${failed[0]!.message}: not held`,
  };
}

export function singleScaleDecision(r: ExactResult): DecisionLike {
  const worst = Math.max(0, ...r.single.map((c) => c.record.relativeToScale));
  const d = everyCase(
    `for each generated (V, data, λ): the float32 gradient-descent minimiser of (1/N)Σ‖y_n − ρf_n‖² + λρ² equals the closed form ` +
      `ρ* = a/(λ + b) within ${TOLERANCE.float32.relative} of max(|ρ*|, √(cb)/(b + λ))`,
    r.single.map((c) => ({ ok: c.check.ok, message: c.check.message })),
  );
  return { ...d, summary: `${d.summary.replace(/: (held|not held)$/, "")}; worst |ρ_num − ρ*|/scale = ${worst.toExponential(2)}: ${d.holds ? "held" : "not held"}` };
}

export function perLayerDecision(r: ExactResult): DecisionLike {
  return everyCase(
    `for each generated (V, data, λ, L) with a live network: float64 minimisation over the layer scales g_k ends balanced ` +
      `(max_k |g_k²/ρ^{2/L} − 1| ≤ ${TOLERANCE.float64.relative}) at ρ = perLayerRho(a, b, λ, L) (relative ${TOLERANCE.float64.relative}), ` +
      "or at ρ → 0 when perLayerRho finds no positive equilibrium",
    r.perLayer.map((c) => ({ ok: c.ok, message: c.message })),
  );
}

export function exactTables(r: ExactResult): MeasurementTable[] {
  const more = (n: number) => (n > SHOWN ? `; first ${SHOWN} of ${n} shown, all in the export` : "");
  return [
    {
      title: "N1 exact, single scale: closed form vs float32 minimiser (fixed V)",
      columns: ["view", "L", "N", "λ", "a", "b", "ρ* closed", "ρ numeric", "|Δ|/scale"],
      rows: r.single.slice(0, SHOWN).map(({ record: c }) => [c.view, c.depth, c.N, c.lambda, c.a, c.b, c.closed, c.numeric, c.relativeToScale]),
      note: `tolerance ${TOLERANCE.float32.relative} of the scale${more(r.single.length)}`,
    },
    {
      title: "N1 exact, per-layer scales: perLayerRho vs float64 minimiser over the g_k",
      columns: ["L", "λ", "a", "b", "ρ* closed", "ρ numeric", "imbalance", "converged", "ok"],
      rows: r.perLayer.slice(0, SHOWN).map(({ record: c, ok }) => [c.L, c.lambda, c.a, c.b, c.closed, c.numeric, c.imbalance, c.converged ? "yes" : "no", ok ? "yes" : "no"]),
      note: `ρ* closed NaN = no positive equilibrium (the minimiser must run to ρ → 0); ${r.problems - r.perLayer.length} dead networks skipped${more(r.perLayer.length)}`,
    },
  ];
}
