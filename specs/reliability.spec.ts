/**
 * The suite's own reliability, as measured (issue #8; docs/reliability.md): the false-failure rate
 * of each claim over independent seed streams of the CI profile (`npm run reliability:flake`), and
 * the mutation kill matrix (`npm run reliability:mutants`). This file does not rerun them — they
 * take an hour — it publishes the recorded figures in the report and holds them to their budget:
 * every mutant killed by some claim, and at most 1 % false failures per claim over ≥ 50 streams,
 * except the claims listed in `KNOWN_OVER_BUDGET` (open defects, each with its evidence). A record
 * measured on other decision rules (another `rulesFingerprint`) is published but not judged.
 */
import { readFileSync } from "node:fs";
import { attachment, epic, feature, parameter, story } from "allure-js-commons";
import { describe, expect, it } from "vitest";
import type { ClaimId } from "../src/claims/catalog.ts";
import { MUTANTS } from "../src/implementation/mutants.ts";
import { flakeRates } from "../src/reliability/flakeRates.ts";
import { killMatrix, survivors } from "../src/reliability/killMatrix.ts";
import type { FlakeRecord, KillMatrixRecord } from "../src/reliability/records.ts";
import { flakeMarkdown, killMatrixMarkdown } from "../src/reliability/reliabilityTables.ts";
import { rulesFingerprint } from "../src/reliability/rulesFingerprint.ts";
import { allureActive } from "../src/report/index.ts";

/** The false-failure budget per claim (issue #8). */
const MAX_RATE = 0.01;
const MIN_STREAMS = 50;

/**
 * Claims measured over budget and not yet fixed, each with what the streams showed and the fix in
 * view (docs/reliability.md, "What the streams found"). The test fails when another claim goes over
 * budget, and — once a record has ≥ 50 streams — when a listed claim is back within budget (then
 * remove it here). An entry is an open defect of the suite, shown in the report, not a waiver.
 * Empty since the second round of fixes (S1, D2, the NC regime at depth 4, N1's and N2's controls:
 * docs/reliability.md); earlier entries are in the git history of this file.
 */
const KNOWN_OVER_BUDGET: Readonly<Partial<Record<ClaimId, string>>> = {
  // Measured at commit 5ef5902 (50 streams, 2026-12-03): both failures are the *pinned findings*
  // added for the sentence-level verdicts (issue #16), not the claims' own checks (0/50 each).
  "NC-WD":
    "11/50 streams: the pinned finding 'NC-WD as stated — without weight decay NC1 still collapses by the NC1 claim's own rule' fails (the λ = 0 arm misses NC1's rules on those seeds); the as-refined check (NC3) 0/50. Fix in view: decide the as-stated statement with a rule of stated power on the λ = 0 − λ > 0 NC1 gap, or report it inconclusive — docs/reliability.md",
  R1: "1/50 streams: the pinned finding 'R1 near convergence: the bound is vacuous at the end of SGD' fails on one seed (the bound's right side fell below the trivial level on that stream); the bound itself 0/50. Fix in view: pin the finding on the median over configurations with a stated bound — docs/reliability.md",
};

function read<T>(file: string, command: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as Error).message}); record it with \`${command}\``);
  }
}

async function publish(title: string, markdown: string, record: { generated: string; backend: string; commit: string }): Promise<void> {
  if (!allureActive()) return;
  await epic("Xu et al. 2023 — Dynamics in Deep Classifiers trained with the Square Loss");
  await feature("Reliability of the verdicts");
  await story(title);
  await parameter("measured", `${record.generated.slice(0, 10)} · ${record.backend} · commit ${record.commit}`);
  await attachment(title, markdown, "text/markdown");
}

describe("Reliability of the verdicts (docs/reliability.md)", () => {
  it("mutation kill matrix: every mutant is killed by at least one claim", async () => {
    const record = read<KillMatrixRecord>("fixtures/reliability/kill-matrix.json", "npm run reliability:mutants");
    await publish("Mutation kill matrix", killMatrixMarkdown(record), record);
    const rows = killMatrix(record.mutants);
    expect(rows.map((r) => r.mutant), "every mutant of src/implementation/mutants.ts was run").toEqual(MUTANTS.map((m) => m.id));
    expect(survivors(rows), "mutants no claim killed").toEqual([]);
  });

  it(`false-failure rate: at most ${100 * MAX_RATE} % per claim over ≥ ${MIN_STREAMS} seed streams of the CI profile`, async (ctx) => {
    const record = read<FlakeRecord>("fixtures/reliability/flake.json", "npm run reliability:flake");
    await publish("False-failure rate per claim", flakeMarkdown(record), record);
    const current = rulesFingerprint(process.cwd());
    ctx.skip(
      record.rules !== current,
      `the recorded streams ran other decision rules (commit ${record.commit}, rules ${record.rules ?? "unknown"}; now ${current}): re-measure with \`npm run reliability:flake\``,
    );
    const rates = flakeRates(record.streams);
    // Any failure among fewer than 1/MAX_RATE streams is already over budget, so a partial record
    // is checked too; only the "enough streams" part waits for the measurement to finish.
    const over = rates.filter((r) => r.anyRate > MAX_RATE);
    const unexpected = over.filter((r) => KNOWN_OVER_BUDGET[r.claim] === undefined).map((r) => `${r.claim}: ${r.claimFailures + r.controlFailures} failures in ${r.streams} streams`);
    expect(unexpected, "claims over the false-failure budget (not listed as known)").toEqual([]);
    if (record.streams.length >= MIN_STREAMS) {
      const recovered = Object.keys(KNOWN_OVER_BUDGET).filter((id) => !over.some((r) => r.claim === id));
      expect(recovered, "listed as over budget but within it over ≥ 50 streams: remove them from KNOWN_OVER_BUDGET").toEqual([]);
    }
    if (allureActive()) {
      for (const [id, why] of Object.entries(KNOWN_OVER_BUDGET)) await parameter(`known over budget: ${id}`, why);
    }
    ctx.skip(
      record.streams.length < MIN_STREAMS,
      `${record.streams.length} of ${MIN_STREAMS} streams measured so far (no unlisted claim over budget among them); \`npm run reliability:flake\` resumes the measurement`,
    );
  });
});
