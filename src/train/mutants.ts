/**
 * Deliberately broken trainers — the mutants of the reliability kill matrix. Each wraps a correct
 * trainer behind the same `Trainer` interface a user's own implementation would use, changes one
 * thing silently, and reports the runs as requested. A claim "kills" a mutant when its check fails
 * on the mutant's runs.
 */
import { createRng, deriveSeed } from "../random/rng.ts";
import { dropWeightDecay } from "./dropWeightDecay.ts";
import { halveWeightDecay } from "./halveWeightDecay.ts";
import type { Trainer, TrainingRequest } from "./types.ts";

function relabel(inner: Trainer, name: string, change: (request: TrainingRequest) => TrainingRequest): Trainer {
  return {
    name: `${inner.name} (mutant: ${name})`,
    async train(request) {
      const trained = await inner.train(change(request));
      return trained.map((run, i) => ({ ...run, spec: request.runs[i]! }));
    },
  };
}

/** Weight normalisation silently dropped: plain weights even when the architecture asks for WN. */
export function dropWeightNormalisation(inner: Trainer): Trainer {
  return relabel(inner, "weight normalisation dropped", (r) => ({ ...r, architecture: { ...r.architecture, normalization: "none" } }));
}

/** Full-batch gradient descent used when minibatches were asked for. */
export function fullBatchInstead(inner: Trainer): Trainer {
  return relabel(inner, "full batch instead of minibatches", (r) => ({ ...r, batchSize: "full" }));
}

/** Training labels shuffled (stream "mutant/shuffle" of each run's seed) before training. */
export function shuffleLabels(inner: Trainer): Trainer {
  return relabel(inner, "labels shuffled", (r) => ({
    ...r,
    runs: r.runs.map((run) => {
      const order = createRng(deriveSeed(run.seed, "mutant/shuffle")).permutation(run.data.count);
      return { ...run, data: { ...run.data, labels: Int32Array.from(order, (i) => run.data.labels[i]!) } };
    }),
  }));
}

export interface TrainerMutant {
  readonly name: string;
  readonly wrap: (inner: Trainer) => Trainer;
}

/** The trainer mutants of the kill matrix. */
export const TRAINER_MUTANTS: readonly TrainerMutant[] = [
  { name: "weight decay dropped", wrap: dropWeightDecay },
  { name: "weight normalisation dropped", wrap: dropWeightNormalisation },
  { name: "full batch instead of minibatches", wrap: fullBatchInstead },
  { name: "λ instead of 2λ in the step", wrap: halveWeightDecay },
  { name: "labels shuffled", wrap: shuffleLabels },
];
