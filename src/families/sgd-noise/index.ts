/**
 * The sgd-noise family (Intrinsic SGD noise, `docs/low-rank-noise.md`): spec `specs/sgd-noise.spec.ts`. Its configurations, experiment and
 * decision rules are the modules of this folder; the spec imports them, and so do the CLI runner
 * and the canonical runs below.
 */
import type { ClaimFamilyModule } from "../claimFamilyModule.ts";
import { sgdNoiseCanonical } from "./sgdNoiseCanonical.ts";
import { sgdNoiseRunner } from "./sgdNoiseRunner.ts";

export const sgdNoiseFamily: ClaimFamilyModule = {
  name: "sgd-noise",
  family: "Intrinsic SGD noise",
  claims: sgdNoiseRunner.claims,
  specFile: "specs/sgd-noise.spec.ts",
  docPage: "docs/low-rank-noise.md",
  runner: sgdNoiseRunner,
  canonicalRuns: [sgdNoiseCanonical],
};
