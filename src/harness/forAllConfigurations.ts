/**
 * Runs a claim's check over generated configurations with fast-check, the way training
 * properties need: few runs (the profile's `configRuns`), no shrinking (`endOnFailure` — each
 * shrink step would retrain), the global seed (`THEOREM_SPEC_FC_SEED`), and a failure message
 * that ends with the replay command.
 */
import fc from "fast-check";
import { activeProfile, baseSeed } from "../profile.ts";

export interface ConfigurationCheckOptions {
  /** Number of configurations (default: the active profile's `configRuns`). */
  readonly numRuns?: number;
  /** Spec file and test name, for the replay command in a failure message. */
  readonly where?: { readonly file?: string; readonly test?: string };
}

/** The replay command of a failed property run. */
export function replayHint(seed: number, path: string | undefined, where: ConfigurationCheckOptions["where"]): string {
  const env = [
    `THEOREM_SPEC_PROFILE=${activeProfile().name}`,
    `THEOREM_SPEC_SEED=${baseSeed()}`,
    `THEOREM_SPEC_FC_SEED=${seed}`,
    ...(path === undefined ? [] : [`THEOREM_SPEC_FC_PATH=${path}`]),
  ].join(" ");
  const file = where?.file ?? "<spec file>";
  const test = where?.test === undefined ? "" : ` -t ${JSON.stringify(where.test)}`;
  return `${env} npx vitest run ${file}${test}`;
}

/**
 * Checks `check(config)` for every generated configuration; resolves with the configurations
 * checked, in order. On the first failure it rethrows the check's own error (so an assertion
 * stays an assertion in the report), its message extended with the configuration, the fast-check
 * seed and path, and the replay command.
 */
export async function forAllConfigurations<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (config: T) => Promise<void>,
  options: ConfigurationCheckOptions = {},
): Promise<T[]> {
  const seen: T[] = [];
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (config) => {
      seen.push(config);
      await check(config);
    }),
    { numRuns: options.numRuns ?? activeProfile().configRuns, endOnFailure: true },
  );
  if (details.failed) {
    const counterexample = details.counterexample?.[0];
    const replay = replayHint(details.seed, details.counterexamplePath ?? undefined, options.where);
    const addendum = `\n\nConfiguration: ${JSON.stringify(counterexample)}\nfast-check seed ${details.seed}, path ${details.counterexamplePath}\nReplay: ${replay}`;
    const error = details.errorInstance;
    if (error instanceof Error) {
      error.message += addendum;
      throw error;
    }
    throw new Error(`property failed: ${String(error)}${addendum}`);
  }
  return seen;
}
