import { gaussianMixture } from "./gaussianMixture.ts";
import type { Dataset } from "./dataset.ts";

/** The Gaussian-mixture fields an experiment configuration carries (see `gaussianMixture`). */
export interface MixtureFields {
  /** Classes C. */
  readonly classes: number;
  /** Input dimension d. */
  readonly dim: number;
  /** Training samples per class (N = C · perClass). */
  readonly perClass: number;
  /** Class-centre norm and within-class noise scale. */
  readonly separation: number;
  readonly noise: number;
}

/**
 * One training set per run seed: run i's data is the mixture drawn from its own seed, so seeds are
 * independent replicates of the whole experiment, and arms that share a seed share its data.
 */
export function mixtureTrainingSets(config: MixtureFields, seeds: readonly number[]): Dataset[] {
  return seeds.map(
    (seed) =>
      gaussianMixture({
        classes: config.classes,
        dim: config.dim,
        perClass: config.perClass,
        separation: config.separation,
        noise: config.noise,
        seed,
      }).train,
  );
}
