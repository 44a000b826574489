/**
 * Markdown for the reliability figures — the false-failure tables (per family, and of the archived
 * records of every family at once) and the kill matrix — used by
 * `docs/reliability.md` (between `<!-- begin:… -->` / `<!-- end:… -->` markers, rewritten by
 * `npm run reliability:*`) and by the report's "Reliability" section.
 */
import { CLAIM_IDS } from "../claims/catalog.ts";
import { MUTANTS } from "../implementation/mutants.ts";
import { flakeRates, suiteFailureRate } from "./flakeRates.ts";
import type { FamilyFlakeSummary } from "./familyFlakeRates.ts";
import { inconclusiveOnlyKills, killMatrix, notRobustlyKilled, survivors } from "./killMatrix.ts";
import type { FlakeRecord, KillMatrixRecord, StreamRecord } from "./records.ts";

const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.01 ? 2 : 1)} %`;
const interval = ([a, b]: readonly [number, number]) => `[${pct(a)}, ${pct(b)}]`;

function provenance(r: { generated: string; backend: string; profile: string; commit: string; node: string }): string {
  return `Measured ${r.generated.slice(0, 10)} on the \`${r.backend}\` backend (Node ${r.node}), profile \`${r.profile}\`, commit \`${r.commit}\`.`;
}

/** The false-failure section: per-claim table, the suite's rate, and every failure with its replay. */
export function flakeMarkdown(record: FlakeRecord): string {
  const rates = flakeRates(record.streams);
  const suite = suiteFailureRate(record.streams);
  const lines = [
    provenance(record) + ` ${record.streams.length} independent seed streams (stream 0 is the seed \`npm test\` uses).`,
    "",
    "| claim | streams | claim tests failed | rate (95 % CI) | of which inconclusive | control tests failed | any test failed (95 % CI) |",
    "|---|---|---|---|---|---|---|",
    ...rates.map((r) => `| ${r.claim} | ${r.streams} | ${r.claimFailures} | ${pct(r.rate)} ${interval(r.interval)} | ${r.inconclusive} | ${r.controlFailures} | ${pct(r.anyRate)} ${interval(r.anyInterval)} |`),
    "",
    `Whole suite: ${suite.failures} of ${suite.streams} streams had a failing claim or control test (${pct(suite.failures / Math.max(1, suite.streams))}, 95 % CI ${interval(suite.interval)}).`,
  ];
  const failures = record.streams.flatMap((s) => s.failures.map((f) => ({ s, f })));
  if (failures.length > 0) {
    lines.push("", "Failures (replay with the stream's seed):", "");
    for (const { s, f } of failures) {
      const first = (f.message ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
      lines.push(`- stream ${s.stream}, \`THEOREM_SPEC_SEED=${s.seed} THEOREM_SPEC_FC_SEED=${s.seed}\`: ${f.claim}${f.control ? " (control)" : ""} ${f.outcome} — ${first.slice(0, 200)}`);
    }
  }
  return lines.join("\n");
}

const STATE: Record<FamilyFlakeSummary["state"], string> = { current: "current", stale: "**stale**", missing: "**not measured**" };

/**
 * The false-failure section of per-family records: one row per family (its spec file, streams,
 * commit and date, fingerprint, and whether the record is current), one row per claim, the
 * streams any family failed, and every failure with its replay command.
 */
export function familyFlakeMarkdown(summaries: readonly FamilyFlakeSummary[]): string {
  const measured = summaries.filter((s) => s.record !== undefined);
  const lines = [
    "| family | spec file | claims | streams | measured (commit, date) | backend · Node · profile | fingerprint | record |",
    "|---|---|---|---|---|---|---|---|",
    ...summaries.map((s) => {
      const r = s.record;
      if (r === undefined) return `| ${s.family} | \`${s.specFile}\` | | 0 | | | \`${s.currentFingerprint ?? "?"}\` | ${STATE[s.state]} |`;
      const fp = s.state === "stale" ? `\`${r.fingerprint}\` (now \`${s.currentFingerprint ?? "no such family"}\`)` : `\`${r.fingerprint}\``;
      const from = r.migratedFrom === undefined ? "" : ` (split from \`${r.migratedFrom.file}\`)`;
      return `| ${s.family} | \`${r.specFile}\` | ${s.rates.map((x) => x.claim).join(", ")} | ${r.streams.length} | \`${r.commit}\`, ${r.generated.slice(0, 10)}${from} | ${r.backend} · ${r.node} · ${r.profile} | ${fp} | ${STATE[s.state]} |`;
    }),
    "",
    "A record is **current** when its fingerprint (the family's spec file and the modules it imports, trainer and numerics layers excluded) is the family's fingerprint in the tree this page was generated from; a **stale** record is shown but not judged, and `npm run reliability:flake` re-measures that family (only).",
    "",
    "| claim | family | streams | claim tests failed | rate (95 % CI) | of which inconclusive | control tests failed | any test failed (95 % CI) | measured |",
    "|---|---|---|---|---|---|---|---|---|",
    ...measured.flatMap((s) => s.rates.map((r) => `| ${r.claim} | ${s.family} | ${r.streams} | ${r.claimFailures} | ${pct(r.rate)} ${interval(r.interval)} | ${r.inconclusive} | ${r.controlFailures} | ${pct(r.anyRate)} ${interval(r.anyInterval)} | \`${s.record!.commit}\`, ${s.record!.generated.slice(0, 10)}${s.state === "current" ? "" : ", stale"} |`)),
  ];
  const current = measured.filter((s) => s.state === "current");
  if (current.length > 0) {
    const common = [...new Set(current[0]!.record!.streams.map((x) => x.stream))].filter((k) => current.every((s) => s.record!.streams.some((x) => x.stream === k)));
    const failed = common.filter((k) => current.some((s) => badStream(s.record!.streams.find((x) => x.stream === k)!)));
    lines.push("", `Whole suite (current records, the ${common.length} streams every one of the ${current.length} families has): ${failed.length} of ${common.length} streams had a failing claim or control test${common.length === 0 ? "" : ` (${pct(failed.length / common.length)})`}.`);
  }
  const failures = measured.flatMap((s) => s.record!.streams.flatMap((x) => x.failures.map((f) => ({ s, x, f }))));
  if (failures.length > 0) {
    lines.push("", "Failures (replay with the stream's seed and the family's spec file):", "");
    for (const { s, x, f } of failures) {
      const first = (f.message ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
      lines.push(`- ${s.family}, stream ${x.stream}, \`THEOREM_SPEC_SEED=${x.seed} THEOREM_SPEC_FC_SEED=${x.seed} npx vitest run ${s.specFile}\`: ${f.claim}${f.control ? " (control)" : ""} ${f.outcome} — ${first.slice(0, 200)}`);
    }
  }
  return lines.join("\n");
}

function badStream(s: StreamRecord): boolean {
  return s.verdicts.some((v) => !v.claimPassed || !v.controlsPassed);
}

const CELL: Record<string, string> = { killed: "✗", "killed (inconclusive)": "✗ᵢ", survived: "·", "not run": " " };

/**
 * The kill-matrix section: mutant × claim grid (✗ killed: a check failed; ✗ᵢ failed only by runs
 * that left the regime; · survived), the robust and the inconclusive-only kills per mutant, the
 * survivors and the mutants no claim killed robustly.
 */
export function killMatrixMarkdown(record: KillMatrixRecord): string {
  const rows = killMatrix(record.mutants);
  const claims = CLAIM_IDS.filter((c) => rows.some((r) => r.cells[c] !== undefined));
  const left = survivors(rows);
  const weak = notRobustlyKilled(rows);
  const missing = MUTANTS.filter((m) => !record.mutants.some((r) => r.mutant === m.id)).map((m) => m.id);
  const lines = [
    provenance(record) + ` Claim specs run once per mutant with the CI seed (\`THEOREM_SPEC_SEED=${record.seed}\`).`,
    "",
    `| mutant (\`THEOREM_SPEC_MUTANT\`) | kind | ${claims.join(" | ")} | killed by (✗, robust) | inconclusive only (✗ᵢ) |`,
    `|---|---|${claims.map(() => "---").join("|")}|---|---|`,
    ...rows.map((r) => {
      const robust = r.killedBy.length === 0 ? "**survived**" : r.robustlyKilledBy.length === 0 ? "**none: not robustly killed**" : r.robustlyKilledBy.join(", ");
      return `| ${r.name} (\`${r.mutant}\`) | ${r.kind} | ${claims.map((c) => CELL[r.cells[c] ?? "not run"]).join(" | ")} | ${robust} | ${r.inconclusiveOnly.join(", ") || "—"} |`;
    }),
    "",
    "✗ a claim test's check failed with the mutant (outcome `fail`): a robust kill; ✗ᵢ every failing claim test of the claim was inconclusive — the runs left the claim's regime (did not interpolate, diverged), which fails the test but decides nothing, so it is not counted as a robust kill; · the claim still passed.",
    "",
    left.length === 0 ? `Every mutant run (${rows.length}) is killed by at least one claim.` : `**Survivors: ${left.join(", ")}.**`,
    weak.length === 0 ? `Every killed mutant is killed robustly — by a check that failed — by at least one claim.` : `**Not robustly killed (every kill inconclusive): ${weak.join(", ")}.**`,
  ];
  const cells = inconclusiveOnlyKills(rows);
  if (cells.length > 0) lines.push("", `Kills by leaving the regime only (✗ᵢ, not counted as robust): ${cells.map((c) => `${c.mutant} × ${c.claim}`).join(", ")}.`);
  const broken = rows.filter((r) => r.controlsBroken.length > 0);
  if (broken.length > 0) lines.push("", `Control tests that also stopped passing: ${broken.map((r) => `${r.mutant}: ${r.controlsBroken.join(", ")}`).join("; ")}.`);
  if (missing.length > 0) lines.push("", `Not run yet: ${missing.join(", ")}.`);
  return lines.join("\n");
}

/**
 * `doc` with the text between `<!-- begin:<name> -->` and `<!-- end:<name> -->` replaced by `content`.
 * @throws when the markers are missing.
 */
export function replaceSection(doc: string, name: string, content: string): string {
  const begin = `<!-- begin:${name} -->`;
  const end = `<!-- end:${name} -->`;
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`replaceSection: the document has no "${begin}" … "${end}" markers; expected both, in this order`);
  return `${doc.slice(0, i + begin.length)}\n${content}\n${doc.slice(j)}`;
}
