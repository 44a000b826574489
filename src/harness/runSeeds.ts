/**
 * The seeds and training sets of an experiment's runs, written once: run i of a configuration
 * uses `deriveSeed(seed, "run/i")` for its data, initialisation and minibatches, so seeds are
 * independent replicates of the whole experiment and every arm that trains seed i trains it on
 * the same data from the same initialisation.
 */
import { mixtureTrainingSets, type MixtureFields } from "../data/mixtureTrainingSets.ts";
import type { Dataset } from "../data/dataset.ts";
import { deriveSeed } from "../random/rng.ts";
import type { RunSpec } from "../train/types.ts";

/** Seed of a configuration and its number of runs. */
export interface RunSeedFields {
  /** Seed of this configuration; run i uses `deriveSeed(seed, "run/i")` for data, init and batches. */
  readonly seed: number;
  /** Independent seeds (runs) per setting. */
  readonly seeds: number;
}

/**
 * The seeds of the runs of a configuration: `deriveSeed(seed, "run/i")`, i = 0 … seeds − 1.
 * @example runSeeds({ seed: 7, seeds: 3 }); // three seeds, the same for every setting
 */
export function runSeeds(config: RunSeedFields): number[] {
  return Array.from({ length: config.seeds }, (_, i) => deriveSeed(config.seed, `run/${i}`));
}

/**
 * The runs' seeds and one Gaussian-mixture training set per seed (`mixtureTrainingSets`): `data[i]`
 * is run i's.
 */
export function seededTrainingSets(config: MixtureFields & RunSeedFields): { seeds: number[]; data: Dataset[] } {
  const seeds = runSeeds(config);
  return { seeds, data: mixtureTrainingSets(config, seeds) };
}

/**
 * One `RunSpec` per seed with the same (λ, η): seed i on `data[i]`. The runs of one setting, in
 * seed order, as a training request lists them.
 */
export function settingRuns(
  seeds: readonly number[],
  data: readonly Dataset[],
  setting: { readonly weightDecay: number; readonly learningRate: number },
): RunSpec[] {
  return seeds.map((seed, i) => ({ seed, data: data[i]!, weightDecay: setting.weightDecay, learningRate: setting.learningRate }));
}

/**
 * `snapshots` training steps evenly spaced over [0, steps], both ends included: step
 * round(i · steps/(snapshots − 1)), i = 0 … snapshots − 1 (one snapshot: step 0).
 * @example evenlySpacedSteps(100, 5); // [0, 25, 50, 75, 100]
 */
export function evenlySpacedSteps(steps: number, snapshots: number): number[] {
  return Array.from({ length: snapshots }, (_, i) => Math.round((i * steps) / Math.max(1, snapshots - 1)));
}
