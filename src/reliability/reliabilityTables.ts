/**
 * Markdown for the reliability figures — the false-failure table and the kill matrix — used by
 * `docs/reliability.md` (between `<!-- begin:… -->` / `<!-- end:… -->` markers, rewritten by
 * `npm run reliability:*`) and by the report's "Reliability" section.
 */
import { CLAIM_IDS } from "../claims/catalog.ts";
import { MUTANTS } from "../implementation/mutants.ts";
import { flakeRates, suiteFailureRate } from "./flakeRates.ts";
import { killMatrix, survivors } from "./killMatrix.ts";
import type { FlakeRecord, KillMatrixRecord } from "./records.ts";

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

const CELL: Record<string, string> = { killed: "✗", "killed (inconclusive)": "✗ᵢ", survived: "·", "not run": " " };

/** The kill-matrix section: mutant × claim grid (✗ killed, ✗ᵢ killed by an inconclusive run, · survived). */
export function killMatrixMarkdown(record: KillMatrixRecord): string {
  const rows = killMatrix(record.mutants);
  const claims = CLAIM_IDS.filter((c) => rows.some((r) => r.cells[c] !== undefined));
  const left = survivors(rows);
  const missing = MUTANTS.filter((m) => !record.mutants.some((r) => r.mutant === m.id)).map((m) => m.id);
  const lines = [
    provenance(record) + ` Claim specs run once per mutant with the CI seed (\`THEOREM_SPEC_SEED=${record.seed}\`).`,
    "",
    `| mutant (\`THEOREM_SPEC_MUTANT\`) | kind | ${claims.join(" | ")} | killed by |`,
    `|---|---|${claims.map(() => "---").join("|")}|---|`,
    ...rows.map((r) => `| ${r.name} (\`${r.mutant}\`) | ${r.kind} | ${claims.map((c) => CELL[r.cells[c] ?? "not run"]).join(" | ")} | ${r.killedBy.length === 0 ? "**survived**" : r.killedBy.join(", ")} |`),
    "",
    "✗ the claim's check failed with the mutant (killed); ✗ᵢ killed because the runs left the claim's regime (inconclusive, which fails the test); · the claim still passed.",
    "",
    left.length === 0 ? `Every mutant run (${rows.length}) is killed by at least one claim.` : `**Survivors: ${left.join(", ")}.**`,
  ];
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
