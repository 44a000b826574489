/**
 * The run profile: one place that sets how much work the claim specs do.
 *
 * - `ci`   — what `npm test` runs on every push: few generated configurations, few seeds each,
 *            training just long enough for the predicted effect to be unambiguous.
 * - `full` — what `npm run verify` runs: more configurations and seeds, longer training.
 *
 * Select with `THEOREM_SPEC_PROFILE=ci|full` (default `ci`). Seeds: `THEOREM_SPEC_SEED` moves every
 * claim's seed stream at once; `THEOREM_SPEC_FC_SEED` / `THEOREM_SPEC_FC_PATH` replay fast-check.
 */

export type ProfileName = "ci" | "full";

export interface Profile {
  /** Profile name, reported with every result. */
  readonly name: ProfileName;
  /** fast-check runs (generated configurations) per training property. */
  readonly configRuns: number;
  /** Independent seeds trained per generated configuration (batched over the seed axis). */
  readonly seedsPerConfig: number;
  /** fast-check runs for exact, cheap properties (identities, metric invariances). */
  readonly exactRuns: number;
  /** Multiplier on the training lengths the specs state for the `ci` profile. */
  readonly trainingScale: number;
}

const PROFILES: Record<ProfileName, Profile> = {
  ci: { name: "ci", configRuns: 2, seedsPerConfig: 5, exactRuns: 100, trainingScale: 1 },
  full: { name: "full", configRuns: 6, seedsPerConfig: 8, exactRuns: 500, trainingScale: 1.5 },
};

/** Default base seed of the claim specs; the paper's article number. */
export const DEFAULT_SEED = 20230024;

function readEnvInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not an integer; expected e.g. ${name}=${fallback}`);
  }
  return value;
}

/** The active profile, from `THEOREM_SPEC_PROFILE` (default `ci`). */
export function activeProfile(): Profile {
  const raw = process.env.THEOREM_SPEC_PROFILE ?? "ci";
  if (raw !== "ci" && raw !== "full") {
    throw new Error(`THEOREM_SPEC_PROFILE=${JSON.stringify(raw)} is not a profile; expected "ci" or "full"`);
  }
  return PROFILES[raw];
}

/** Base seed of the claim specs' data, initialisation and batch order (`THEOREM_SPEC_SEED`). */
export function baseSeed(): number {
  return readEnvInt("THEOREM_SPEC_SEED", DEFAULT_SEED);
}

/** Global fast-check seed (`THEOREM_SPEC_FC_SEED`), fixed so runs and test names are stable. */
export function fastCheckSeed(): number {
  return readEnvInt("THEOREM_SPEC_FC_SEED", DEFAULT_SEED);
}

/**
 * fast-check replay path (`THEOREM_SPEC_FC_PATH`), set only to replay a reported failure: the
 * `path` fast-check prints, colon-separated run and shrink indices such as `3` or `3:0:1`.
 */
export function fastCheckPath(): string | undefined {
  const raw = process.env.THEOREM_SPEC_FC_PATH;
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+(:\d+)*$/.test(raw)) {
    throw new Error(
      `THEOREM_SPEC_FC_PATH=${JSON.stringify(raw)} is not a fast-check path; expected colon-separated indices, e.g. THEOREM_SPEC_FC_PATH=3:0:1`,
    );
  }
  return raw;
}
