/**
 * The low-rank family (Low-rank bias, `docs/low-rank-noise.md`): spec `specs/low-rank.spec.ts`. Its configurations, experiment and
 * decision rules are the modules of this folder; the spec imports them, and so do the CLI runner
 * and the canonical runs below.
 */
import type { ClaimFamilyModule } from "../claimFamilyModule.ts";
import { lowRankCanonical } from "./lowRankCanonical.ts";
import { lowRankRunner } from "./lowRankRunner.ts";

export const lowRankFamily: ClaimFamilyModule = {
  name: "low-rank",
  family: "Low-rank bias",
  claims: lowRankRunner.claims,
  specFile: "specs/low-rank.spec.ts",
  docPage: "docs/low-rank-noise.md",
  runner: lowRankRunner,
  canonicalRuns: [lowRankCanonical],
};
