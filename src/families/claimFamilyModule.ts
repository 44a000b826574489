/**
 * A claim family as one object: what `src/families/<name>/index.ts` exports and
 * `src/families/registry.ts` lists. Everything the suite does with a family — its spec
 * (`specs/<name>.spec.ts`), its doc page, its CLI runner (`npx theorem-spec run <claim>`) and its
 * regression baselines (`fixtures/baselines/`) — is reached from here, so a family lives in one
 * folder and is registered by one line.
 *
 * The runner's defaults and decisions are the family's own configuration constants and rule
 * functions (the ones its spec imports), not copies.
 */
import type { CanonicalRun } from "../baselines/canonicalRun.ts";
import type { ClaimFamily, ClaimId } from "../claims/catalog.ts";
import type { FamilyRunner } from "../cli/runnerTypes.ts";

export interface ClaimFamilyModule {
  /** Kebab-case name: the folder `src/families/<name>/`, the spec `specs/<name>.spec.ts`. */
  readonly name: string;
  /** The catalogue family (CLAIMS.md section; the Allure `feature`). */
  readonly family: ClaimFamily;
  /** The family's claims, in catalogue order (all of `claimsOfFamily(family)`, whose entries are its `<family>Claims.ts`). */
  readonly claims: readonly ClaimId[];
  /** The spec file, relative to the repository root: `specs/<name>.spec.ts`. */
  readonly specFile: string;
  /** The doc page, relative to the repository root (`docs/…md`; two families may share one). */
  readonly docPage: string;
  /** The CLI runner: options and defaults from the family's configuration constants, decisions by its rules. */
  readonly runner: FamilyRunner;
  /** The seeded CI-sized runs baselined in `fixtures/baselines/` (`specs/regression.spec.ts`). */
  readonly canonicalRuns: readonly CanonicalRun[];
}
