/**
 * The canonical runs of every claim family whose key measurements are baselined
 * (`fixtures/baselines/`), in catalogue order. Each family declares its own in
 * `src/families/<family>/` (its `ClaimFamilyModule.canonicalRuns`).
 */
import { FAMILIES } from "../families/registry.ts";
import type { CanonicalRun } from "./canonicalRun.ts";

export type { CanonicalRun } from "./canonicalRun.ts";

/** Every baselined family. */
export const CANONICAL_RUNS: readonly CanonicalRun[] = FAMILIES.flatMap((f) => f.canonicalRuns);
