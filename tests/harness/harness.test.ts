import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { forAllConfigurations, replayHint } from "../../src/harness/forAllConfigurations.ts";
import { memoizeAsync } from "../../src/harness/memoize.ts";
import { dropWeightDecay } from "../../src/train/dropWeightDecay.ts";
import type { Trainer, TrainingRequest } from "../../src/train/types.ts";
import { gaussianMixture } from "../../src/data/gaussianMixture.ts";

describe("forAllConfigurations", () => {
  it("checks the profile's number of configurations and returns them", async () => {
    const seen = await forAllConfigurations(fc.integer(), async () => {}, { numRuns: 3 });
    expect(seen).toHaveLength(3);
  });

  it("rethrows the check's own error with the configuration, the seed, the path and a replay command", async () => {
    const failure = forAllConfigurations(
      fc.integer({ min: 0, max: 100 }),
      async (n) => {
        expect(n).toBeLessThan(0);
      },
      { numRuns: 5, where: { file: "specs/x.spec.ts", test: "X" } },
    );
    await expect(failure).rejects.toThrow(/Configuration: \d+\nfast-check seed -?\d+, path \S+\nReplay: .*THEOREM_SPEC_FC_PATH=\S+ npx vitest run specs\/x\.spec\.ts -t "X"/);
  });

  it("stops at the first failure without shrinking (each shrink would retrain)", async () => {
    let calls = 0;
    await expect(
      forAllConfigurations(
        fc.integer({ min: 10, max: 1000 }),
        async () => {
          calls += 1;
          throw new Error("no");
        },
        { numRuns: 5 },
      ),
    ).rejects.toThrow(/no/);
    expect(calls).toBe(1);
  });

  it("the replay hint names the profile, the seeds and, when given, the path", () => {
    expect(replayHint(7, undefined, undefined)).toMatch(/^THEOREM_SPEC_PROFILE=\w+ THEOREM_SPEC_SEED=-?\d+ THEOREM_SPEC_FC_SEED=7 npx vitest run <spec file>$/);
    expect(replayHint(7, "3:1", { file: "a.ts" })).toContain("THEOREM_SPEC_FC_PATH=3:1 npx vitest run a.ts");
  });
});

describe("memoizeAsync", () => {
  it("computes once per distinct argument and forgets failures", async () => {
    let calls = 0;
    const f = memoizeAsync(async (x: { a: number }) => {
      calls += 1;
      if (x.a < 0) throw new Error("negative");
      return x.a * 2;
    });
    expect(await f({ a: 1 })).toBe(2);
    expect(await f({ a: 1 })).toBe(2);
    expect(calls).toBe(1);
    await expect(f({ a: -1 })).rejects.toThrow(/negative/);
    await expect(f({ a: -1 })).rejects.toThrow(/negative/);
    expect(calls).toBe(3);
  });
});

describe("dropWeightDecay (mutant)", () => {
  it("trains with λ = 0 but reports the runs as requested", async () => {
    let received: TrainingRequest | undefined;
    const inner: Trainer = {
      name: "spy",
      async train(request) {
        received = request;
        return request.runs.map((spec) => ({ spec, status: "ok", snapshots: [] }));
      },
    };
    const data = gaussianMixture({ classes: 2, dim: 2, perClass: 2, separation: 1, noise: 1, seed: 1 }).train;
    const runs = [{ seed: 1, data, weightDecay: 0.1, learningRate: 0.1 }];
    const mutant = dropWeightDecay(inner);
    const out = await mutant.train({ architecture: { inputDim: 2, hidden: [2], outputDim: 2, normalization: "none" }, runs, batchSize: 2, steps: 1 });
    expect(received!.runs[0]!.weightDecay).toBe(0);
    expect(out[0]!.spec.weightDecay).toBe(0.1);
    expect(mutant.name).toMatch(/mutant: weight decay dropped/);
  });
});
