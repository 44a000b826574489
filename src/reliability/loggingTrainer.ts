/**
 * A profiling trainer module (`THEOREM_SPEC_TRAINER=src/reliability/loggingTrainer.ts`): the
 * reference trainer, timed. Appends one JSON line per training request to the file named by
 * `THEOREM_SPEC_TRAIN_LOG` — the spec file's worker pid, the request's shape key
 * (`coalesceKey`), its runs and steps, and the wall time of the request (the first one includes
 * the TF.js/wasm initialisation, timed separately as `initSeconds`). Used to profile a stream
 * (docs/reliability.md, "Running streams"); not used by the measurements themselves.
 */
import { appendFileSync } from "node:fs";
import { initBackend } from "../backend.ts";
import { sgdTrainer } from "../train/sgdTrainer.ts";
import type { Trainer } from "../train/types.ts";
import { coalesceKey } from "./coalesceKey.ts";

export function createTrainer(): Trainer {
  const inner = sgdTrainer();
  const log = process.env.THEOREM_SPEC_TRAIN_LOG;
  let initialised = false;
  return {
    name: inner.name,
    async train(request) {
      let initSeconds = 0;
      if (!initialised) {
        const t0 = performance.now();
        await initBackend();
        initSeconds = (performance.now() - t0) / 1000;
        initialised = true;
      }
      const t0 = performance.now();
      const result = await inner.train(request);
      const seconds = (performance.now() - t0) / 1000;
      if (log !== undefined) {
        const line = { pid: process.pid, file: process.env.VITEST_TEST_FILE ?? null, key: coalesceKey(request, {}), runs: request.runs.length, steps: request.steps, seconds, initSeconds, at: Date.now() };
        appendFileSync(log, `${JSON.stringify(line)}\n`);
      }
      return result;
    },
  };
}
