/**
 * Fixes the fast-check seed for every test from the environment, so that generated cases and test
 * names stay stable (`@fast-check/vitest` 0.5 appends "(with seed=N)" to every property's name; with
 * the seed fixed, N is the same on every run) and any failure replays with
 *   THEOREM_SPEC_FC_SEED=<seed> THEOREM_SPEC_FC_PATH=<path> npx vitest run <file> -t "<name>"
 */
import fc from "fast-check";
import { fastCheckSeed, fastCheckPath } from "../../src/profile.ts";

const path = fastCheckPath();
fc.configureGlobal({ seed: fastCheckSeed(), ...(path === undefined ? {} : { path }) });
