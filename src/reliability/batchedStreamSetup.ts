/**
 * Set-up file of a batched stream's child vitest (`batchedVitestConfig.ts`): the reference
 * trainer `sgdTrainer(options)` is replaced, in every module the spec files load, by the same
 * trainer run by the coalescing server (`coalescingClient.ts`), which trains it with the very
 * `sgdTrainer(options)` — merged with other streams' requests of the same shape. Nothing else
 * changes: `THEOREM_SPEC_TRAINER` stays unset, so the specs describe their implementation as the
 * reference trainer, as they do unbatched (the results are bit for bit those of unbatched
 * training; docs/reliability.md, "Running streams").
 */
import { vi } from "vitest";

vi.mock(import("../train/sgdTrainer.ts"), async (importOriginal) => {
  const original = await importOriginal();
  const { coalescingTrainer } = await import("./coalescingClient.ts");
  return {
    ...original,
    sgdTrainer: (options: Parameters<typeof original.sgdTrainer>[0] = {}) => {
      const reference = original.sgdTrainer(options);
      return coalescingTrainer(reference.name, {
        ...(options.trainOnlyLastLayer === undefined ? {} : { trainOnlyLastLayer: options.trainOnlyLastLayer }),
        ...(options.wasmSteps === undefined ? {} : { wasmSteps: options.wasmSteps }),
      });
    },
  };
});
