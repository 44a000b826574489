/**
 * The duality family (Duality, `docs/normalization-duality.md`): spec `specs/duality.spec.ts`. Its configurations, experiment and
 * decision rules are the modules of this folder; the spec imports them, and so do the CLI runner
 * and the canonical runs below.
 */
import type { ClaimFamilyModule } from "../claimFamilyModule.ts";
import { dualityCanonical } from "./dualityCanonical.ts";
import { dualityRunner } from "./dualityRunner.ts";

export const dualityFamily: ClaimFamilyModule = {
  name: "duality",
  family: "Duality",
  claims: dualityRunner.claims,
  specFile: "specs/duality.spec.ts",
  docPage: "docs/normalization-duality.md",
  runner: dualityRunner,
  canonicalRuns: [dualityCanonical],
};
