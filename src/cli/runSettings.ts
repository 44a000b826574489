/**
 * Helpers the family runners share to build a configuration from `CommonSettings` and their own
 * options the way the specs do: seeds and steps from the profile, lengths tied to the number of
 * steps, and refusing options a claim does not use.
 */
import type { ClaimId } from "../claims/catalog.ts";
import { UsageError, type OptionValues } from "./options.ts";
import type { CommonSettings } from "./runnerTypes.ts";

/** Seeds per arm: `--seeds`, else the profile's `seedsPerConfig`. */
export function seedsPerArm(settings: CommonSettings): number {
  return settings.seeds ?? settings.profile.seedsPerConfig;
}

/**
 * Training steps: `--steps`, else the spec's `ciSteps` times the profile's `trainingScale` (as the
 * specs scale them).
 * @example trainingSteps({ profile: profileByName("full"), seed: 1 }, 4000) // 6000
 */
export function trainingSteps(settings: CommonSettings, ciSteps: number): number {
  return settings.steps ?? Math.round(ciSteps * settings.profile.trainingScale);
}

/**
 * A length tied to training (a warm-up, a final window) for a run of `steps` steps: the spec's
 * `length` (set for runs of `specSteps` steps), shrunk in proportion when the run is shorter, at
 * least `min`. Runs at least as long as the spec's keep the spec's length.
 * @example scaledLength(1000, 3000, 600) // 200
 */
export function scaledLength(length: number, specSteps: number, steps: number, min = 1): number {
  return Math.max(min, Math.min(length, Math.round((length * steps) / specSteps)));
}

/**
 * Refuses options `claim` does not use: each name of `names` given in `options` is a usage error
 * that says which claims it is for.
 * @throws UsageError e.g. "run: --batch 4 is an option of D1; D2 trains by full-batch GD".
 */
export function rejectOptions(claim: ClaimId, options: OptionValues, names: readonly string[], why: string): void {
  for (const name of names) {
    const value = options[name];
    if (value === undefined) continue;
    const shown = Array.isArray(value) ? value.join(",") : String(value);
    throw new UsageError(`run: --${name} ${shown} does not apply to ${claim}; ${why}`, "run");
  }
}

/**
 * Checks that a `numbers` option's values are strictly ascending (a grid or sweep of levels).
 * @throws UsageError naming the option, the values and what was expected.
 */
export function requireAscending(name: string, values: readonly number[], minLength = 1): void {
  const ascending = values.every((v, i) => i === 0 || v > values[i - 1]!);
  if (!ascending || values.length < minLength) {
    const count = minLength > 1 ? `at least ${minLength} ` : "";
    throw new UsageError(`run: --${name} ${values.join(",")} is not valid; expected ${count}strictly ascending values`, "run");
  }
}

/**
 * Checks that every batch size of `--batches` is an integer below the training set's `n` samples.
 * @throws UsageError e.g. "run: --batches 2,64 is not valid; expected integers below N = 48 (B = 64 is not)".
 */
export function requireBatchesBelow(values: readonly number[], n: number): void {
  const bad = values.find((b) => !Number.isInteger(b) || b >= n);
  if (bad !== undefined) throw new UsageError(`run: --batches ${values.join(",")} is not valid; expected integers below N = ${n} (B = ${bad} is not)`, "run");
}
