/**
 * The suite's own reliability, as measured (issues #8, #18; docs/reliability.md): the false-failure
 * rate of each claim over independent seed streams of the CI profile (`npm run reliability:flake`,
 * one record per claim family), the mutation kill matrix (`npm run reliability:mutants`) and, next
 * to it, the benign matrix (`npm run reliability:benign`). This file does not rerun them — they
 * take an hour — it publishes the recorded figures in the report and holds them to their budget:
 * every mutant killed by some claim (kills by runs that left the regime only are listed, not
 * counted as robust), and at most 1 % false failures per claim over ≥ 50 streams, except the claims
 * listed in `KNOWN_OVER_BUDGET` (open defects, each with its evidence). A family's record measured
 * on other code (another `familyFingerprint`) is published, marked stale, but not judged. A record
 * carried forward across a behaviour-preserving change (`npm run reliability:carry`: the spec re-run
 * on the old and the new code for some of the recorded streams, with identical results) has the
 * tree's fingerprint, so it is current and judged like any other; the report notes the carry.
 */
import { readFileSync } from "node:fs";
import { attachment, epic, feature, parameter, story } from "allure-js-commons";
import { describe, expect, it } from "vitest";
import type { ClaimId } from "../src/claims/catalog.ts";
import { MUTANTS } from "../src/implementation/mutants.ts";
import { benignMatrixMarkdown } from "../src/reliability/benignMatrixMarkdown.ts";
import { carryNote } from "../src/reliability/carryForward.ts";
import { claimFamilies } from "../src/reliability/claimFamilies.ts";
import { readFamilyFlakeRecords } from "../src/reliability/familyFlakeFiles.ts";
import { familyFlakeRates } from "../src/reliability/familyFlakeRates.ts";
import { inconclusiveOnlyKills, killMatrix, notRobustlyKilled, survivors } from "../src/reliability/killMatrix.ts";
import type { BenignMatrixRecord, KillMatrixRecord } from "../src/reliability/records.ts";
import { familyFlakeMarkdown, killMatrixMarkdown } from "../src/reliability/reliabilityTables.ts";
import { allureActive } from "../src/report/index.ts";

/** The false-failure budget per claim (issue #8). */
const MAX_RATE = 0.01;
const MIN_STREAMS = 50;

/**
 * Claims measured over budget and not yet fixed, each with what the streams showed and the fix in
 * view (docs/reliability.md, "What the streams found"). The test fails when another claim goes over
 * budget, and — once a record has ≥ 50 streams — when a listed claim is back within budget (then
 * remove it here). An entry is an open defect of the suite, shown in the report, not a waiver.
 * The pinned findings NC-WD as stated (11/50 at 5ef5902) and R1 near convergence (1/50) were made
 * robust (b6bd0fc) and re-measured (0/50 each); earlier entries (S1, D2, the NC regime at depth 4,
 * N1's and N2's controls: docs/reliability.md) are in the git history of this file. R2 was found
 * over budget when the records grew from 50 to 102 streams (3/102, 2026-12-04), decided over the
 * seeds of all configurations pooled (071ddfe) and re-measured over 300 fresh streams (0/300).
 */
const KNOWN_OVER_BUDGET: Readonly<Partial<Record<ClaimId, string>>> = {};

function read<T>(file: string, command: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as Error).message}); record it with \`${command}\``);
  }
}

async function publish(title: string, markdown: string, record: { generated: string; backend: string; commit: string }, more: ReadonlyArray<{ name: string; markdown: string }> = []): Promise<void> {
  if (!allureActive()) return;
  await epic("Xu et al. 2023 — Dynamics in Deep Classifiers trained with the Square Loss");
  await feature("Reliability of the verdicts");
  await story(title);
  await parameter("measured", `${record.generated.slice(0, 10)} · ${record.backend} · commit ${record.commit}`);
  await attachment(title, markdown, "text/markdown");
  for (const m of more) await attachment(m.name, m.markdown, "text/markdown");
}

const FAMILIES = claimFamilies(process.cwd());
const FAMILY_RECORDS = familyFlakeRates(readFamilyFlakeRecords(process.cwd()), FAMILIES);

describe("Reliability of the verdicts (docs/reliability.md)", () => {
  it("mutation kill matrix: every mutant is killed by at least one claim", async () => {
    const record = read<KillMatrixRecord>("fixtures/reliability/kill-matrix.json", "npm run reliability:mutants");
    const benign = read<BenignMatrixRecord>("fixtures/reliability/benign-matrix.json", "npm run reliability:benign");
    // The benign matrix (correct implementations that must pass, and implementations outside the
    // conventions that named claims must reject) is shown next to the kill matrix; it is judged by
    // `npm run reliability:benign` (exit 1 on a false kill or a missing rejection: docs/reliability.md).
    await publish("Mutation kill matrix", killMatrixMarkdown(record), record, [{ name: "Benign matrix (correct implementations that must pass; those outside the conventions that must be rejected)", markdown: benignMatrixMarkdown(benign) }]);
    const rows = killMatrix(record.mutants);
    expect(rows.map((r) => r.mutant), "every mutant of src/implementation/mutants.ts was run").toEqual(MUTANTS.map((m) => m.id));
    if (allureActive()) {
      const weak = notRobustlyKilled(rows);
      await parameter("not robustly killed (every kill inconclusive)", weak.length === 0 ? "none" : weak.join(", "));
      await parameter("kills by leaving the regime only", inconclusiveOnlyKills(rows).map((c) => `${c.mutant} × ${c.claim}`).join(", ") || "none");
    }
    expect(survivors(rows), "mutants no claim killed").toEqual([]);
  });

  it("every claim family has a flake record", () => {
    const missing = FAMILY_RECORDS.filter((s) => s.state === "missing").map((s) => s.family);
    expect(missing, "claim families with no fixtures/reliability/flake/<family>.json: measure them with `npm run reliability:flake`").toEqual([]);
  });

  for (const summary of FAMILY_RECORDS.filter((s) => s.record !== undefined)) {
    it(`false-failure rate, ${summary.family}: at most ${100 * MAX_RATE} % per claim over ≥ ${MIN_STREAMS} seed streams of the CI profile`, async (ctx) => {
      const record = summary.record!;
      await publish(`False-failure rate per claim: ${summary.family}`, familyFlakeMarkdown([summary]), record);
      const carried = carryNote(record);
      if (carried !== undefined && allureActive()) await parameter("record", `current — ${carried}`);
      ctx.skip(
        summary.state !== "current",
        `the recorded streams of ${summary.family} ran other code (commit ${record.commit}, fingerprint ${record.fingerprint}; now ${summary.currentFingerprint ?? "no such family"}): re-measure with \`npm run reliability:flake -- --only ${summary.family}\``,
      );
      const rates = summary.rates;
      const own = (id: string) => rates.some((r) => r.claim === id);
      // Any failure among fewer than 1/MAX_RATE streams is already over budget, so a partial record
      // is checked too; only the "enough streams" part waits for the measurement to finish.
      const over = rates.filter((r) => r.anyRate > MAX_RATE);
      const unexpected = over.filter((r) => KNOWN_OVER_BUDGET[r.claim] === undefined).map((r) => `${r.claim}: ${r.claimFailures + r.controlFailures} failures in ${r.streams} streams`);
      expect(unexpected, "claims over the false-failure budget (not listed as known)").toEqual([]);
      if (record.streams.length >= MIN_STREAMS) {
        const recovered = Object.keys(KNOWN_OVER_BUDGET).filter((id) => own(id) && !over.some((r) => r.claim === id));
        expect(recovered, "listed as over budget but within it over ≥ 50 streams: remove them from KNOWN_OVER_BUDGET").toEqual([]);
      }
      if (allureActive()) {
        for (const [id, why] of Object.entries(KNOWN_OVER_BUDGET)) if (own(id)) await parameter(`known over budget: ${id}`, why);
      }
      ctx.skip(
        record.streams.length < MIN_STREAMS,
        `${record.streams.length} of ${MIN_STREAMS} streams of ${summary.family} measured so far (no unlisted claim over budget among them); \`npm run reliability:flake\` resumes the measurement`,
      );
    });
  }
});
