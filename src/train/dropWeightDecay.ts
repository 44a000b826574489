import type { Trainer } from "./types.ts";

/**
 * A deliberately broken trainer: it trains every run with λ = 0 while reporting the runs as
 * requested — weight decay silently dropped. Used as the control of the NC-WD comparison (the
 * comparison must then find no difference) and as a mutant for the reliability matrix.
 */
export function dropWeightDecay(inner: Trainer): Trainer {
  return {
    name: `${inner.name} (mutant: weight decay dropped)`,
    async train(request) {
      const trained = await inner.train({ ...request, runs: request.runs.map((r) => ({ ...r, weightDecay: 0 })) });
      return trained.map((run, i) => ({ ...run, spec: request.runs[i]! }));
    },
  };
}
