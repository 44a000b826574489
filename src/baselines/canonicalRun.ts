/**
 * A claim family's canonical run: a CI-sized seeded run (a few seconds) whose key measurements are
 * baselined in `fixtures/baselines/<family>.json`. It takes the trainer, so a changed or
 * deliberately perturbed trainer can be compared with the baseline. Each family declares its
 * runs in `src/families/<family>/`; `canonicalRuns.ts` lists them all.
 */
import type { Trainer } from "../train/types.ts";
import type { Quantities } from "./baseline.ts";

/** `family`: the file name of its baseline (`fixtures/baselines/<family>.json`); `parameters`: the configuration, recorded with it. */
export interface CanonicalRun {
  readonly family: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  measure(trainer?: Trainer): Promise<Quantities>;
}
