/**
 * Every claim family, in catalogue order: one line per family. The CLI (`src/cli/registry.ts`),
 * the regression baselines (`src/baselines/canonicalRuns.ts`) and the family checks
 * (`tests/families/registry.test.ts`) read this list; adding a family is a folder
 * `src/families/<name>/` exporting a `ClaimFamilyModule`, its spec, its doc page and a line here
 * (docs/architecture.md, "Adding a claim family").
 */
import type { ClaimFamilyModule } from "./claimFamilyModule.ts";
import { dualityFamily } from "./duality/index.ts";
import { generalizationBoundsFamily } from "./generalization-bounds/index.ts";
import { lowRankFamily } from "./low-rank/index.ts";
import { neuralCollapseFamily } from "./neural-collapse/index.ts";
import { normalizationFamily } from "./normalization/index.ts";
import { sgdNoiseFamily } from "./sgd-noise/index.ts";

export const FAMILIES: readonly ClaimFamilyModule[] = [
  normalizationFamily,
  neuralCollapseFamily,
  dualityFamily,
  lowRankFamily,
  sgdNoiseFamily,
  generalizationBoundsFamily,
];
