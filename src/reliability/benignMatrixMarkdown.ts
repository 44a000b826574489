/**
 * The benign matrix as text: the markdown of docs/reliability.md's "benign-matrix" section (and of
 * the report, specs/reliability.spec.ts) — the benign variants × claims, the variants outside the
 * conventions apart with the rejections they require, the defects (benignMatrixDefects.ts), the
 * failed tests — and the one-line summary of a row that `npm run reliability:benign` prints.
 */
import { CLAIM_IDS, type ClaimId } from "../claims/catalog.ts";
import { benignMatrix, type BenignCell, type BenignRow } from "./benignMatrix.ts";
import { benignMatrixDefects } from "./benignMatrixDefects.ts";
import { MATRIX_VARIANTS } from "./matrixVariants.ts";
import type { BenignMatrixRecord } from "./records.ts";
import type { TrainerVariant } from "./trainerVariant.ts";

const CELL: Record<BenignCell, string> = { passed: "✓", failed: "✗", "failed (inconclusive)": "✗ᵢ", "not run": " " };

/** The first line of an error, shortened for a table cell. */
const errorCell = (error: string) => `**error**: ${error.split("\n")[0]!.slice(0, 120)}`;

/** The markdown of the matrix of `record`, judged by the current variant list. */
export function benignMatrixMarkdown(record: BenignMatrixRecord, variants: readonly TrainerVariant[] = MATRIX_VARIANTS): string {
  const rows = benignMatrix(record.variants, variants);
  const claims = CLAIM_IDS.filter((c) => rows.some((r) => r.cells[c] !== undefined));
  const shown = claims.length > 0 ? claims : [...CLAIM_IDS];
  const header = (last: string) => [`| variant | ${shown.join(" | ")} | ${last} | time |`, `|---|${shown.map(() => "---").join("|")}|---|---|`];
  const line = (r: BenignRow, verdict: string) => {
    const required = new Set<ClaimId>(r.rejections.map((x) => x.claim));
    const cells = shown.map((c) => {
      const cell = `${CELL[r.cells[c] ?? "not run"]}${r.controlsBroken.includes(c) ? "ᶜ" : ""}`;
      return required.has(c) ? `**${cell}**` : cell;
    });
    const seconds = record.variants.find((v) => v.variant === r.variant)!.seconds;
    return `| ${r.name} (\`${r.variant}\`) | ${cells.join(" | ")} | ${verdict} | ${Math.round(seconds / 6) / 10} min |`;
  };
  const benign = rows.filter((r) => r.kind === "benign");
  const outside = rows.filter((r) => r.kind === "outside-conventions");
  const lines = [
    `Measured ${record.generated.slice(0, 10)} on the \`${record.backend}\` backend (Node ${record.node}), profile \`${record.profile}\`, commit \`${record.commit}\`${record.rules === undefined ? "" : `, rules \`${record.rules}\``}. Claim specs run once per variant with the CI seed (\`THEOREM_SPEC_SEED=${record.seed}\`), through \`THEOREM_SPEC_TRAINER\` in free mode.`,
    "",
    "Benign variants (`src/reliability/benignVariants.ts`): every claim must pass.",
    "",
    ...header("false kills"),
    ...benign.map((r) => line(r, r.error !== undefined ? errorCell(r.error) : r.falseKills.length === 0 ? "none" : `**${r.falseKills.join(", ")}**`)),
    "",
    "✓ every claim test passed through the variant; ✗ a claim test's check failed (for a benign variant a false kill); ✗ᵢ failed only because the runs left the claim's regime (inconclusive, which fails the test and decides nothing); ᶜ a control test of the claim also stopped passing.",
  ];
  if (outside.length > 0) {
    lines.push(
      "",
      "Variants outside the conventions (`src/reliability/outOfConventionVariants.ts`): the claims in bold must reject the variant (✗, a failed check) — a missing rejection is a defect, the suite no longer distinguishes it; the other cells are reported, not judged.",
      "",
      ...header("must reject"),
      ...outside.map((r) => line(r, r.error !== undefined ? errorCell(r.error) : r.rejections.map((x) => (x.rejected ? `${x.claim}: rejected` : `**${x.claim}: not rejected**`)).join(", "))),
    );
  }
  const defects = benignMatrixDefects(rows);
  const required = outside.flatMap((r) => r.rejections.map((x) => `${r.variant} × ${x.claim}`));
  lines.push("");
  if (defects.length === 0) lines.push(`No defect: no false kill in the ${benign.length} benign variants run${required.length > 0 ? `, and every required rejection seen (${required.join(", ")})` : ""}.`);
  else lines.push(`**Defects (${defects.length}):**`, "", ...defects.map((d) => `- ${d.message}`));
  const broken = rows.filter((r) => r.controlsBroken.length > 0);
  if (broken.length > 0) lines.push("", `Control tests that stopped passing: ${broken.map((r) => `${r.variant}${r.kind === "benign" ? "" : " (reported)"}: ${r.controlsBroken.join(", ")}`).join("; ")}.`);
  const failures = record.variants.flatMap((v) => v.failures.map((f) => ({ row: rows.find((r) => r.variant === v.variant)!, f })));
  if (failures.length > 0) {
    lines.push("", "Failed tests (first line of the message):", "");
    for (const { row, f } of failures) {
      const first = (f.message ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
      const role = row.kind === "benign" ? "" : !f.control && row.rejections.some((x) => x.claim === f.claim) ? " (required rejection)" : " (reported, not judged)";
      lines.push(`- \`${row.variant}\`${role}: ${f.title} — ${f.outcome}: ${first.slice(0, 240)}`);
    }
  }
  const missing = variants.filter((v) => !record.variants.some((r) => r.variant === v.id)).map((v) => v.id);
  if (missing.length > 0) lines.push("", `Not run yet: ${missing.join(", ")}.`);
  return lines.join("\n");
}

/** One line on a row, as `npm run reliability:benign` prints it after the variant's run. */
export function benignRowSummary(row: BenignRow): string {
  const controls = row.controlsBroken.length > 0 ? `; controls broken${row.kind === "benign" ? "" : " (reported)"}: ${row.controlsBroken.join(", ")}` : "";
  if (row.error !== undefined) return `ERROR ${row.error.split("\n")[0]}`;
  if (row.kind === "benign") return `${row.falseKills.length === 0 ? "every claim passed" : `FALSE KILLS: ${row.falseKills.join(", ")}`}${controls}`;
  const required = row.rejections.map((x) => (x.rejected ? `rejected by ${x.claim} as required` : `NOT REJECTED by ${x.claim} (required; it ${x.cell})`)).join("; ");
  const others = row.failed.filter((c) => !row.rejections.some((x) => x.claim === c));
  return `${required}${others.length > 0 ? `; other claims failed (reported, not judged): ${others.join(", ")}` : ""}${controls}`;
}
