/**
 * The normalization family (Normalisation and ρ, `docs/normalization-duality.md`): spec `specs/normalization.spec.ts`. Its configurations, experiment and
 * decision rules are the modules of this folder; the spec imports them, and so do the CLI runner
 * and the canonical runs below.
 */
import type { ClaimFamilyModule } from "../claimFamilyModule.ts";
import { normalizationCanonical } from "./normalizationCanonical.ts";
import { normalizationRunner } from "./normalizationRunner.ts";

export const normalizationFamily: ClaimFamilyModule = {
  name: "normalization",
  family: "Normalisation and ρ",
  claims: normalizationRunner.claims,
  specFile: "specs/normalization.spec.ts",
  docPage: "docs/normalization-duality.md",
  runner: normalizationRunner,
  canonicalRuns: [normalizationCanonical],
};
