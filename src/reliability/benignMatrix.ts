/**
 * The benign matrix (issue #18): for each benign variant (src/reliability/benignVariants.ts), which
 * claims still pass through it. Every cell must pass: a claim that fails a correct implementation
 * is a false kill — a defect of the suite, or a finding about what the claim as stated requires.
 * Cells distinguish a failed check from a run outside the claim's regime (inconclusive), as the
 * kill matrix does; control tests that stopped passing are shown, and are false failures too.
 */
import { CLAIM_IDS, type ClaimId } from "../claims/catalog.ts";
import { BENIGN_VARIANTS } from "./benignVariants.ts";
import type { BenignMatrixRecord, BenignRecord } from "./records.ts";

export type BenignCell = "passed" | "failed" | "failed (inconclusive)" | "not run";

export interface BenignRow {
  readonly variant: string;
  readonly name: string;
  /** Per claim: did its claim tests pass through the variant. */
  readonly cells: Readonly<Partial<Record<ClaimId, BenignCell>>>;
  /** Claims whose claim tests failed (false kills), in catalogue order. */
  readonly falseKills: readonly ClaimId[];
  /** Of those, the ones where every failure was inconclusive (the runs left the claim's regime). */
  readonly inconclusive: readonly ClaimId[];
  /** Claims whose control test stopped passing (also a false failure, shown apart). */
  readonly controlsBroken: readonly ClaimId[];
  /** The run could not be made (trainer did not start, vitest crashed): its error. */
  readonly error?: string;
}

/** The rows of the matrix in the order of the published list (then any unknown ids, in record order). */
export function benignMatrix(records: readonly BenignRecord[]): BenignRow[] {
  const known = BENIGN_VARIANTS.map((v) => v.id);
  const ordered = [...records].sort((a, b) => rank(known, a.variant) - rank(known, b.variant));
  return ordered.map((record) => {
    const cells: Partial<Record<ClaimId, BenignCell>> = {};
    for (const v of record.verdicts) cells[v.claim] = v.claimPassed ? "passed" : v.inconclusive ? "failed (inconclusive)" : "failed";
    const failed = record.verdicts.filter((v) => !v.claimPassed);
    return {
      variant: record.variant,
      name: BENIGN_VARIANTS.find((v) => v.id === record.variant)?.name ?? record.variant,
      cells,
      falseKills: failed.map((v) => v.claim),
      inconclusive: failed.filter((v) => v.inconclusive).map((v) => v.claim),
      controlsBroken: record.verdicts.filter((v) => !v.controlsPassed).map((v) => v.claim),
      ...(record.error === undefined ? {} : { error: record.error }),
    };
  });
}

function rank(known: readonly string[], id: string): number {
  const i = known.indexOf(id);
  return i < 0 ? known.length : i;
}

/** Every (variant, claim) pair whose claim tests failed: the false kills. */
export function falseKills(rows: readonly BenignRow[]): Array<{ variant: string; claim: ClaimId; inconclusive: boolean }> {
  return rows.flatMap((r) => r.falseKills.map((claim) => ({ variant: r.variant, claim, inconclusive: r.inconclusive.includes(claim) })));
}

/** True when every variant ran and every claim (and control) passed through it. */
export function allBenignPassed(rows: readonly BenignRow[]): boolean {
  return rows.every((r) => r.error === undefined && r.falseKills.length === 0 && r.controlsBroken.length === 0);
}

const CELL: Record<BenignCell, string> = { passed: "✓", failed: "✗", "failed (inconclusive)": "✗ᵢ", "not run": " " };

/** The markdown of docs/reliability.md's "benign-matrix" section: variant × claim, then the failures with their messages. */
export function benignMatrixMarkdown(record: BenignMatrixRecord): string {
  const rows = benignMatrix(record.variants);
  const claims = CLAIM_IDS.filter((c) => rows.some((r) => r.cells[c] !== undefined));
  const shown = claims.length > 0 ? claims : [...CLAIM_IDS];
  const missing = BENIGN_VARIANTS.filter((v) => !record.variants.some((r) => r.variant === v.id)).map((v) => v.id);
  const lines = [
    `Measured ${record.generated.slice(0, 10)} on the \`${record.backend}\` backend (Node ${record.node}), profile \`${record.profile}\`, commit \`${record.commit}\`${record.rules === undefined ? "" : `, rules \`${record.rules}\``}. Claim specs run once per variant with the CI seed (\`THEOREM_SPEC_SEED=${record.seed}\`), through \`THEOREM_SPEC_TRAINER\` in free mode.`,
    "",
    `| variant | ${shown.join(" | ")} | false kills | time |`,
    `|---|${shown.map(() => "---").join("|")}|---|---|`,
    ...rows.map((r) => {
      const cells = shown.map((c) => {
        const cell = CELL[r.cells[c] ?? "not run"];
        return r.controlsBroken.includes(c) ? `${cell}ᶜ` : cell;
      });
      const kills = r.error !== undefined ? `**error**: ${r.error.split("\n")[0]!.slice(0, 120)}` : r.falseKills.length === 0 ? "none" : `**${r.falseKills.join(", ")}**`;
      const record_ = record.variants.find((v) => v.variant === r.variant)!;
      return `| ${r.name} (\`${r.variant}\`) | ${cells.join(" | ")} | ${kills} | ${Math.round(record_.seconds / 6) / 10} min |`;
    }),
    "",
    "✓ every claim test passed through the variant; ✗ a claim test's check failed (a false kill); ✗ᵢ failed only because the runs left the claim's regime (inconclusive, which fails the test); ᶜ a control test of the claim also stopped passing.",
    "",
  ];
  const kills = falseKills(rows);
  lines.push(kills.length === 0 && rows.every((r) => r.error === undefined) ? `No false kill: every claim passed through every variant run (${rows.length}).` : `**False kills: ${kills.map((k) => `${k.variant} × ${k.claim}${k.inconclusive ? " (inconclusive)" : ""}`).join(", ") || "none"}.**`);
  const broken = rows.filter((r) => r.controlsBroken.length > 0);
  if (broken.length > 0) lines.push("", `Control tests that stopped passing: ${broken.map((r) => `${r.variant}: ${r.controlsBroken.join(", ")}`).join("; ")}.`);
  const failures = record.variants.flatMap((v) => v.failures.map((f) => ({ v, f })));
  if (failures.length > 0) {
    lines.push("", "Failed tests (first line of the message):", "");
    for (const { v, f } of failures) {
      const first = (f.message ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
      lines.push(`- \`${v.variant}\`: ${f.title} — ${f.outcome}: ${first.slice(0, 240)}`);
    }
  }
  if (missing.length > 0) lines.push("", `Not run yet: ${missing.join(", ")}.`);
  return lines.join("\n");
}
