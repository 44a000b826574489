/**
 * The claim families the CLI can run: `npx theorem-spec run|export <claim>` looks the claim up
 * here. A family registers one `FamilyRunner`; the CLI does the rest (argument parsing and
 * validation, the common options, `--dry-run`, progress display, printing, `--json`, writing the
 * export file, `--help`).
 *
 * The runners are the families' own (`src/families/<family>/<family>Runner.ts`, listed by
 * `src/families/registry.ts`); their types are in `runnerTypes.ts`, a leaf, so no family imports
 * this file. Adding a family: docs/architecture.md, "Adding a claim family".
 */
import { CATALOG, claimById, type ClaimFamily, type ClaimId } from "../claims/catalog.ts";
import { FAMILIES } from "../families/registry.ts";
import { COMMON_RUN_OPTIONS, EXPORT_OPTIONS, HELP_OPTION } from "./commonOptions.ts";
import type { FamilyRunner } from "./runnerTypes.ts";

export type { CliExample, ClaimRun, CommonSettings, ExportOptions, FamilyRunner, ParameterValue, PreparedRun, RunContext, RunDecision } from "./runnerTypes.ts";

/** Every registered family, in catalogue order. */
export const FAMILY_RUNNERS: readonly FamilyRunner[] = FAMILIES.map((f) => f.runner);

/** The runner that can run `claim`, or `undefined` when its family has not registered one yet. */
export function runnerFor(claim: ClaimId, runners: readonly FamilyRunner[] = FAMILY_RUNNERS): FamilyRunner | undefined {
  return runners.find((r) => r.claims.includes(claim));
}

/** The claim ids some runner can run, in catalogue order. */
export function runnableClaims(runners: readonly FamilyRunner[] = FAMILY_RUNNERS): ClaimId[] {
  return CATALOG.filter((c) => runnerFor(c.id, runners) !== undefined).map((c) => c.id);
}

/**
 * Checks the registry: every runner's claims are catalogue ids of its family, no claim has two
 * runners, and no family redeclares a shared option (`commonOptions.ts`). Returns the problems found (empty when consistent).
 */
export function registryProblems(runners: readonly FamilyRunner[] = FAMILY_RUNNERS): string[] {
  const problems: string[] = [];
  const shared = new Set([...COMMON_RUN_OPTIONS, ...EXPORT_OPTIONS, HELP_OPTION].map((o) => o.name));
  for (const r of runners) {
    for (const o of r.options) if (shared.has(o.name)) problems.push(`${r.family} declares --${o.name}, an option every family shares`);
  }
  const seen = new Map<string, ClaimFamily>();
  for (const r of runners) {
    for (const id of r.claims) {
      const claim = claimById(id);
      if (claim.family !== r.family) problems.push(`${id} belongs to ${claim.family}, registered by the ${r.family} runner`);
      const other = seen.get(id);
      if (other !== undefined) problems.push(`${id} is registered twice (${other}, ${r.family})`);
      seen.set(id, r.family);
    }
  }
  return problems;
}
