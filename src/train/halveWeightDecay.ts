import type { Trainer } from "./types.ts";

/**
 * A deliberately broken trainer: the weight-decay convention applied wrong — the step uses λW
 * instead of 2λW (as if the loss added λ/2 ‖W‖², or PyTorch's `weight_decay = λ` were passed for
 * the CLAIMS λ). Runs are reported as requested.
 */
export function halveWeightDecay(inner: Trainer): Trainer {
  return {
    name: `${inner.name} (mutant: λ instead of 2λ in the step)`,
    async train(request) {
      const trained = await inner.train({ ...request, runs: request.runs.map((r) => ({ ...r, weightDecay: r.weightDecay / 2 })) });
      return trained.map((run, i) => ({ ...run, spec: request.runs[i]! }));
    },
  };
}
