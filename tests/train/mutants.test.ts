import { describe, expect, it } from "vitest";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";
import { dropWeightNormalisation, fullBatchInstead, shuffleLabels, TRAINER_MUTANTS } from "../../src/train/mutants.ts";
import type { Trainer, TrainingRequest } from "../../src/train/types.ts";

function spy(): { trainer: Trainer; seen: TrainingRequest[] } {
  const seen: TrainingRequest[] = [];
  return {
    seen,
    trainer: {
      name: "spy",
      async train(request) {
        seen.push(request);
        return request.runs.map((spec) => ({ spec, status: "ok" as const, snapshots: [] }));
      },
    },
  };
}

const data = gaussianMixture({ classes: 3, dim: 2, perClass: 5, separation: 1, noise: 1, seed: 1 }).train;
const request: TrainingRequest = {
  architecture: { inputDim: 2, hidden: [3], outputDim: 3, normalization: "weight" },
  runs: [{ seed: 4, data, weightDecay: 0.1, learningRate: 0.1 }],
  batchSize: 5,
  steps: 1,
};

describe("trainer mutants", () => {
  it("each changes exactly what it says and reports the runs as requested", async () => {
    const a = spy();
    const out = await dropWeightNormalisation(a.trainer).train(request);
    expect(a.seen[0]!.architecture.normalization).toBe("none");
    expect(out[0]!.spec).toBe(request.runs[0]);
    const b = spy();
    await fullBatchInstead(b.trainer).train(request);
    expect(b.seen[0]!.batchSize).toBe("full");
    const c = spy();
    await shuffleLabels(c.trainer).train(request);
    const shuffled = c.seen[0]!.runs[0]!.data.labels;
    expect(Array.from(shuffled).sort()).toEqual(Array.from(data.labels).sort());
    expect(Array.from(shuffled)).not.toEqual(Array.from(data.labels));
  });

  it("the kill matrix lists five named trainer mutants", () => {
    expect(TRAINER_MUTANTS.map((m) => m.name)).toHaveLength(5);
    for (const m of TRAINER_MUTANTS) expect(m.wrap(spy().trainer).name).toMatch(/mutant/);
  });
});
