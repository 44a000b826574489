/**
 * Differential mode (`npx theorem-spec diff`): the canonical runs of `fixtures/baselines` trained
 * by the reference trainer and by an external trainer in aligned mode (same initial weights, same
 * minibatches), compared snapshot by snapshot. In the first `EARLY_STEPS` steps the two must agree
 * to float32 rounding (`float32StepTolerance.ts`); after that the gap is allowed to grow (SGD on a
 * non-convex loss amplifies rounding differences) and its growth is measured, not judged.
 */
import { CANONICAL_RUNS, type CanonicalRun } from "../baselines/canonicalRuns.ts";
import { compileArchitecture } from "../nets/architecture.ts";
import { olsSlope } from "../stats/olsSlope.ts";
import { sgdTrainer } from "../train/sgdTrainer.ts";
import { constantSchedule } from "../train/schedule.ts";
import type { TrainedRun, Trainer, TrainingRequest } from "../train/types.ts";
import { compareTrainedRuns, relativeStepSizes, type RunGap } from "./compareTrainedRuns.ts";
import { diffSteps, EARLY_STEPS } from "./diffSteps.ts";
import { float32StepTolerance } from "./float32StepTolerance.ts";

export interface TrainerDiffOptions {
  /** The trainer under test, in aligned mode. */
  readonly external: Trainer;
  /** Families to compare (default: every canonical run). */
  readonly families?: readonly string[];
  /** Train each request for at most this many steps (default: its own number of steps). */
  readonly maxSteps?: number;
  /** The reference (default `sgdTrainer()`). */
  readonly reference?: Trainer;
  /** Progress of each training: a label, steps done, steps in all. */
  readonly progress?: (label: string, done: number, total: number) => void;
}

/** The comparison of one family's canonical runs. */
export interface FamilyDiff {
  readonly family: string;
  readonly requests: number;
  readonly runs: number;
  /** Runs that could not be compared (a diverged side, other snapshot steps), with the reason. */
  readonly problems: readonly string[];
  /** Every comparable run's every layer within τ(t) for t ≤ EARLY_STEPS, and no problems. */
  readonly agrees: boolean;
  /** The largest gap/τ(t) over runs, layers and early steps t, and where. */
  readonly worstEarly: { readonly ratio: number; readonly step: number; readonly gap: number; readonly tolerance: number };
  /** Weight gap at the last early step: the median over runs, and τ there (median). */
  readonly earlyGap: { readonly step: number; readonly median: number; readonly tolerance: number };
  /** At the last compared step: the median and largest weight gap, the median loss gap. */
  readonly final: { readonly step: number; readonly medianGap: number; readonly maxGap: number; readonly medianLossGap: number };
  /** Slope of log10(median weight gap) against the step after the early steps, in decades per 1 000 steps (NaN when too few points). */
  readonly growthDecadesPer1000Steps: number;
  /** The median weight gap at every compared step. */
  readonly medianGapByStep: ReadonlyArray<{ readonly step: number; readonly gap: number }>;
}

interface Recorded {
  readonly request: TrainingRequest;
  readonly reference: readonly TrainedRun[];
}

/** Length of the longest float32 sum in one step of `request` (see `float32StepTolerance.ts`). */
export function longestSum(request: TrainingRequest): number {
  const plan = compileArchitecture(request.architecture);
  const n = request.runs[0]!.data.count;
  const b = request.batchSize === "full" ? n : request.batchSize;
  const perLayer = plan.layers.map((l) => Math.max(l.rows, l.cols, b * (l.kind === "local" ? l.positionsOut : 1)));
  return Math.max(...perLayer, n * plan.outputDim);
}

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * A trainer that trains with `reference` at the experiment's snapshot steps plus the diff steps,
 * hands the experiment its own snapshots, and keeps the request and the diff snapshots.
 */
function recordingTrainer(reference: Trainer, maxSteps: number | undefined, into: Recorded[]): Trainer {
  return {
    name: reference.name,
    async train(request) {
      const cap = Math.min(request.steps, maxSteps ?? request.steps);
      const wanted = new Set([0, request.steps, ...(request.recordAt ?? [])]);
      const extra = diffSteps(cap);
      const runs = await reference.train({ ...request, recordAt: [...new Set([...(request.recordAt ?? []), ...extra])].sort((a, b) => a - b) });
      const extraSet = new Set(extra);
      into.push({ request, reference: runs.map((r) => ({ ...r, snapshots: r.snapshots.filter((s) => extraSet.has(s.step)) })) });
      return runs.map((r) => ({ ...r, snapshots: r.snapshots.filter((s) => wanted.has(s.step)) }));
    },
  };
}

function summarise(family: string, recorded: readonly Recorded[], gaps: ReadonlyArray<{ request: TrainingRequest; reference: TrainedRun; gap: RunGap }>): FamilyDiff {
  const problems: string[] = [];
  let worstEarly = { ratio: 0, step: 0, gap: 0, tolerance: 0 };
  const earlyGaps: number[] = [];
  const earlyTols: number[] = [];
  const byStep = new Map<number, number[]>();
  const lossByStep = new Map<number, number[]>();
  let early = EARLY_STEPS;
  gaps.forEach(({ request, reference, gap }, i) => {
    if (!gap.comparable) {
      problems.push(`run ${i} (seed ${reference.spec.seed}, λ ${reference.spec.weightDecay}): ${gap.reason}`);
      return;
    }
    const steps = relativeStepSizes(reference);
    const depth = steps.length;
    const k = longestSum(request);
    const tol = steps.map((r) => float32StepTolerance({ depth, longestSum: k, relativeSteps: r }));
    early = Math.min(early, (tol[0]?.length ?? 1) - 1);
    for (const s of gap.steps) {
      if (s.step <= EARLY_STEPS && s.step < (tol[0]?.length ?? 0)) {
        s.layerGaps.forEach((g, layer) => {
          const t = tol[layer]![s.step]!;
          const ratio = Number.isFinite(g) ? g / t : Infinity;
          if (ratio > worstEarly.ratio || Number.isNaN(g)) worstEarly = { ratio: Number.isNaN(g) ? Infinity : ratio, step: s.step, gap: g, tolerance: t };
        });
      }
      byStep.set(s.step, [...(byStep.get(s.step) ?? []), s.weightGap]);
      lossByStep.set(s.step, [...(lossByStep.get(s.step) ?? []), s.lossGap]);
    }
    const atEarly = gap.steps.find((s) => s.step === early);
    if (atEarly !== undefined) {
      earlyGaps.push(atEarly.weightGap);
      earlyTols.push(Math.min(...tol.map((t) => t[early]!)));
    }
  });
  const stepsSorted = [...byStep.keys()].sort((a, b) => a - b);
  const medianGapByStep = stepsSorted.map((step) => ({ step, gap: median(byStep.get(step)!) }));
  const last = stepsSorted.at(-1) ?? 0;
  const later = medianGapByStep.filter((p) => p.step >= early && p.gap > 0 && Number.isFinite(p.gap));
  const growth = later.length >= 2 ? 1000 * olsSlope(later.map((p) => p.step), later.map((p) => Math.log10(p.gap))) : NaN;
  return {
    family,
    requests: recorded.length,
    runs: gaps.length,
    problems,
    agrees: problems.length === 0 && worstEarly.ratio <= 1,
    worstEarly,
    earlyGap: { step: early, median: median(earlyGaps), tolerance: median(earlyTols) },
    final: { step: last, medianGap: median(byStep.get(last) ?? []), maxGap: Math.max(...(byStep.get(last) ?? [NaN])), medianLossGap: median(lossByStep.get(last) ?? []) },
    growthDecadesPer1000Steps: growth,
    medianGapByStep,
  };
}

/** Trains and compares the canonical runs of each family (see the module comment). */
export async function runTrainerDiff(options: TrainerDiffOptions): Promise<FamilyDiff[]> {
  const { external, maxSteps, progress } = options;
  if (maxSteps !== undefined && !(Number.isSafeInteger(maxSteps) && maxSteps >= 1)) {
    throw new Error(`runTrainerDiff: maxSteps = ${maxSteps}; expected an integer ≥ 1`);
  }
  const known = CANONICAL_RUNS.map((c) => c.family);
  for (const f of options.families ?? []) {
    if (!known.includes(f)) throw new Error(`runTrainerDiff: family ${JSON.stringify(f)} has no canonical run; expected one of ${known.join(", ")}`);
  }
  const chosen: CanonicalRun[] = CANONICAL_RUNS.filter((c) => options.families === undefined || options.families.includes(c.family));
  const reference = options.reference ?? sgdTrainer();
  const out: FamilyDiff[] = [];
  for (const canonical of chosen) {
    const recorded: Recorded[] = [];
    progress?.(`${canonical.family}: reference`, 0, 1);
    await canonical.measure(recordingTrainer(reference, maxSteps, recorded));
    progress?.(`${canonical.family}: reference`, 1, 1);
    const gaps: Array<{ request: TrainingRequest; reference: TrainedRun; gap: RunGap }> = [];
    for (const [i, { request, reference: refRuns }] of recorded.entries()) {
      const total = request.steps;
      const steps = Math.min(total, maxSteps ?? total);
      const schedule = request.schedule ?? constantSchedule;
      const label = `${canonical.family}: ${external.name}, request ${i + 1}/${recorded.length} (${request.runs.length} runs × ${steps} steps)`;
      const trained = await external.train({
        ...request,
        steps,
        recordAt: diffSteps(steps),
        // The schedule of the whole training, cut at `steps` (a decay at a fraction of T stays where it was).
        schedule: (t) => schedule(t, total),
        onProgress: (done, all) => progress?.(label, done, all),
      });
      trained.forEach((run, s) => gaps.push({ request, reference: refRuns[s]!, gap: compareTrainedRuns(run, refRuns[s]!) }));
    }
    out.push(summarise(canonical.family, recorded, gaps));
  }
  return out;
}
