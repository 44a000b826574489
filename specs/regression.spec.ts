/**
 * Regression baselines: the canonical seeded runs of each claim family reproduce the key
 * measurements recorded in `fixtures/baselines/` — exactly on the backend and versions that
 * recorded them (the computation is deterministic), within the seed-to-seed spread elsewhere.
 * An intended change is recorded with `npm run baselines:update` (see README, "Regression baselines").
 */
import { describe, expect, it } from "vitest";
import { attachment, epic, feature, parameter, story } from "allure-js-commons";
import { activeBackend, initBackend } from "../src/backend.ts";
import { compareQuantities, formatComparison, relevantVersions } from "../src/baselines/baseline.ts";
import { readBaseline } from "../src/baselines/baselineFiles.ts";
import { CANONICAL_RUNS } from "../src/baselines/canonicalRuns.ts";
import { allureActive } from "../src/report/index.ts";

describe("Regression baselines: the canonical runs reproduce the recorded measurements", () => {
  for (const run of CANONICAL_RUNS) {
    it(`${run.family}: key measurements match fixtures/baselines/${run.family}.json`, async () => {
      const backend = (await initBackend(), activeBackend());
      const baseline = readBaseline(run.family);
      if (baseline === undefined) {
        throw new Error(`no baseline for ${run.family}: record one with \`npm run baselines:update -- ${run.family}\``);
      }
      const versions = relevantVersions();
      const exact = baseline.backend === backend && JSON.stringify(baseline.versions) === JSON.stringify(versions);
      const rows = compareQuantities(baseline.quantities, await run.measure(), exact);
      const moved = rows.filter((r) => !r.ok);
      if (allureActive()) {
        await epic("Xu et al. 2023 — Dynamics in Deep Classifiers trained with the Square Loss");
        await feature("Regression baselines");
        await story(run.family);
        await parameter("backend", `${backend} (baseline: ${baseline.backend})`);
        await parameter("comparison", exact ? "exact per seed (same backend and versions)" : "within the seed-to-seed spread");
        await parameter("baseline recorded", baseline.generated);
        await attachment("compared quantities", formatComparison(rows), "text/markdown");
      }
      expect(moved, `${moved.length} of ${rows.length} quantities moved:\n${formatComparison(moved)}`).toHaveLength(0);
    });
  }
});
