/**
 * The options of `run` and `export` that every family shares; a family's own options
 * (`FamilyRunner.options`) must not reuse these names (`registryProblems` checks).
 */
import { DEFAULT_SEED } from "../profile.ts";
import type { OptionSpec } from "./options.ts";

/** Options of `run` and `export` for every family. */
export const COMMON_RUN_OPTIONS: readonly OptionSpec[] = [
  { name: "profile", kind: "choice", choices: ["ci", "full"], placeholder: "<ci|full>", description: "seeds per arm and training length", defaultText: "$THEOREM_SPEC_PROFILE, else ci" },
  { name: "seed", kind: "int", min: 0, max: 2 ** 32 - 1, placeholder: "<int>", description: "seed of the configuration (data, initialisation, batches)", defaultText: `$THEOREM_SPEC_SEED, else ${DEFAULT_SEED}` },
  { name: "seeds", kind: "int", min: 1, max: 64, placeholder: "<n>", description: "independent seeds per arm (the decision rule needs ≥ 2)", defaultText: "the profile's: ci 5, full 8" },
  { name: "steps", kind: "int", min: 1, max: 10_000_000, placeholder: "<n>", description: "training steps", defaultText: "the family's, × 1.5 at full" },
  { name: "dry-run", kind: "flag", description: "print the configuration and stop before training" },
  { name: "json", kind: "flag", description: "print the configuration, measured values and decisions as JSON (stdout)" },
];

/** Shown in every command's option list; `parseArgs` handles `--help`/`-h` itself. */
export const HELP_OPTION: OptionSpec = { name: "help", kind: "flag", description: "this text" };

/** Options of `export` only. */
export const EXPORT_OPTIONS: readonly OptionSpec[] = [
  { name: "out", kind: "string", placeholder: "<file>", description: "where to write the JSON", defaultText: "out/<claim>-seed<seed>.json" },
  { name: "weights", kind: "choice", choices: ["ends", "all"], placeholder: "<ends|all>", description: "write the weights of the first and last snapshot, or of every snapshot", defaultText: "ends" },
];
