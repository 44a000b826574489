/**
 * The generalization-bounds family (Generalization bounds, `docs/generalization-bounds.md`): spec `specs/generalization-bounds.spec.ts`. Its configurations, experiment and
 * decision rules are the modules of this folder; the spec imports them, and so do the CLI runner
 * and the canonical runs below.
 */
import type { ClaimFamilyModule } from "../claimFamilyModule.ts";
import { sparseTargetCanonical } from "./sparseTargetCanonical.ts";
import { generalizationBoundsRunner } from "./generalizationBoundsRunner.ts";

export const generalizationBoundsFamily: ClaimFamilyModule = {
  name: "generalization-bounds",
  family: "Generalization bounds",
  claims: generalizationBoundsRunner.claims,
  specFile: "specs/generalization-bounds.spec.ts",
  docPage: "docs/generalization-bounds.md",
  runner: generalizationBoundsRunner,
  canonicalRuns: [sparseTargetCanonical],
};
