/**
 * The neural-collapse family (Neural collapse, `docs/neural-collapse.md`): spec `specs/neural-collapse.spec.ts`. Its configurations, experiment and
 * decision rules are the modules of this folder; the spec imports them, and so do the CLI runner
 * and the canonical runs below.
 */
import type { ClaimFamilyModule } from "../claimFamilyModule.ts";
import { neuralCollapseCanonical } from "./neuralCollapseCanonical.ts";
import { neuralCollapseRunner } from "./neuralCollapseRunner.ts";

export const neuralCollapseFamily: ClaimFamilyModule = {
  name: "neural-collapse",
  family: "Neural collapse",
  claims: neuralCollapseRunner.claims,
  specFile: "specs/neural-collapse.spec.ts",
  docPage: "docs/neural-collapse.md",
  runner: neuralCollapseRunner,
  canonicalRuns: [neuralCollapseCanonical],
};
