import { DEFAULT_SEED } from "../profile.ts";
import { deriveSeed } from "../random/rng.ts";

/**
 * The seed of the k-th independent seed stream of the false-failure measurement
 * (`THEOREM_SPEC_SEED` = `THEOREM_SPEC_FC_SEED` = this): stream 0 is the CI default, the seed
 * `npm test` runs; the others are derived from it.
 * @example streamSeed(0) // 20230024
 */
export function streamSeed(k: number): number {
  if (!Number.isSafeInteger(k) || k < 0) throw new Error(`streamSeed: k is ${k}; expected an integer ≥ 0`);
  return k === 0 ? DEFAULT_SEED : deriveSeed(DEFAULT_SEED, `flake-stream/${k}`) % 2 ** 31;
}
