/**
 * A Trainer decorator for the CLI: reports each training call's progress under a label and keeps
 * the `TrainedRun`s it returned (raw snapshots: effective weights and loss), so `export` can write
 * the weights that an experiment only measures.
 */
import type { TrainedRun, Trainer, TrainingRequest } from "../train/types.ts";

export interface CapturingTrainer extends Trainer {
  /** Every training call so far, in order, with its request and runs. */
  readonly calls: ReadonlyArray<{ readonly request: TrainingRequest; readonly runs: readonly TrainedRun[] }>;
}

/**
 * Wraps `inner`: `label(request)` names each call for `progress` (e.g. "λ > 0 and λ = 0 (10 runs)").
 * @example const t = captureTrainer(sgdTrainer(), (r) => `${r.runs.length} runs`, ctx.progress);
 */
export function captureTrainer(
  inner: Trainer,
  label: (request: TrainingRequest) => string,
  progress: (label: string, done: number, total: number) => void,
): CapturingTrainer {
  const calls: Array<{ request: TrainingRequest; runs: readonly TrainedRun[] }> = [];
  return {
    name: inner.name,
    calls,
    async train(request) {
      const name = label(request);
      progress(name, 0, request.steps);
      const runs = await inner.train({
        ...request,
        onProgress: (done, total) => {
          request.onProgress?.(done, total);
          progress(name, done, total);
        },
      });
      calls.push({ request, runs });
      return runs;
    },
  };
}
