/**
 * The claims overview of the HTML report: what `buildReport` adds next to the test results so a
 * reader sees every claim of CLAIMS.md at a glance.
 *
 * - `claimsOverviewHtml` — one table, statement by statement: verdict, counts, key measurement
 *   (the same verdicts `npm run verify` prints), shown as the report's global attachment "Claims
 *   overview" (the landing page, `landingPage.ts`, is what the report opens on);
 * - `placeholderResults` — a `skipped` result "… not specified" for each statement no result
 *   checks, so the report's tree lists every statement;
 * - `executorInfo` — the report's executor (what built it: profile, commit, CI run when known).
 *
 * All pure; `writeOverviewResults` (`writeOverview.ts`) writes them as Allure result files into a
 * separate directory that `allure generate` reads with the real results (the real
 * `allure-results/` is never touched).
 */
import { randomUUID } from "node:crypto";
import { CATALOG, PAPER, type SentenceClaim } from "../claims/catalog.ts";
import { STATEMENT_VERDICTS, VERDICT_MEANINGS } from "../claims/verdicts.ts";
import { CLAIM_LABEL, EPIC, STATEMENT_LABEL } from "./conventions.ts";
import { claimHeading } from "./labelClaim.ts";
import { allStatements, latestAttempts, verdictTally, type AllureResultLike, type ClaimSummary, type RunSummary, type Verdict } from "./summary.ts";

/** Tag of the placeholder results (statements no result checks: "not specified"). */
export const NOT_SPECIFIED_TAG = "not specified";

/** What the results say about the run itself, from their environment parameters. */
export interface RunFacts {
  /** Results read (last attempts only). */
  readonly results: number;
  /** Value of the `profile` parameter → number of claim results carrying it. */
  readonly profiles: ReadonlyMap<string, number>;
  /** Value of the `backend` parameter → number of claim results carrying it. */
  readonly backends: ReadonlyMap<string, number>;
}

function countParameter(results: readonly AllureResultLike[], name: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of results) {
    const value = (r.parameters ?? []).find((p) => p.name === name)?.value;
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/**
 * Profiles and backends recorded by the claim results (`reportParameters`), last attempts only.
 * @example runFacts(results).backends // Map { "wasm" => 14 }
 */
export function runFacts(results: readonly AllureResultLike[]): RunFacts {
  const latest = latestAttempts(results);
  return {
    results: latest.length,
    profiles: countParameter(latest, "profile"),
    backends: countParameter(latest, "backend"),
  };
}

/** The distinct values, `a, b`, or `fallback` when empty (e.g. the run's profile). */
export function formatKeys(counts: ReadonlyMap<string, number>, fallback = "not recorded"): string {
  return counts.size === 0 ? fallback : [...counts.keys()].join(", ");
}

/** `a (3), b (1)`, or `fallback` when empty. */
export function formatCounts(counts: ReadonlyMap<string, number>, fallback = "not recorded"): string {
  if (counts.size === 0) return fallback;
  return [...counts].map(([k, n]) => `${k} (${n})`).join(", ");
}

/** Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Colour of each verdict in the report (readable on white, distinct without colour by text). */
export const VERDICT_COLOURS: Readonly<Record<Verdict, string>> = {
  held: "#1a7f37",
  "not reproduced": "#cf222e",
  inconclusive: "#9a6700",
  "not specified": "#6e7781",
};

/** The meaning of each verdict (one vocabulary: `src/claims/verdicts.ts`). */
export { VERDICT_MEANINGS };

function counts(c: ClaimSummary["tests"]): string {
  const parts = [`${c.passed} passed`];
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.broken > 0) parts.push(`${c.broken} broken`);
  if (c.skipped + c.unknown > 0) parts.push(`${c.skipped + c.unknown} other`);
  return parts.join(", ");
}

function total(c: ClaimSummary["tests"]): number {
  return c.passed + c.failed + c.broken + c.skipped + c.unknown;
}

export interface OverviewOptions {
  /** Commit the report was built from (`gitCommit()`). */
  readonly commit?: string;
  /** When the report was built. */
  readonly generatedAt?: Date;
}

/**
 * The "Claims overview" HTML document: a header with the run's profile, backend and commit, the
 * verdict table — one row per statement of every claim (claim, statement, verdict and the expected
 * one where it differs, tests, controls, pinned findings, key measurement, notes) — and what each
 * verdict means. Inline styles only (the report sanitises attachments).
 * @example claimsOverviewHtml(summariseRun(results), runFacts(results), { commit: "5b2320a" })
 */
export function claimsOverviewHtml(summary: RunSummary, facts: RunFacts, options: OverviewOptions = {}, catalog: readonly SentenceClaim[] = CATALOG): string {
  const byId = new Map(catalog.map((c) => [c.id as string, c]));
  const cell = "padding:4px 8px;border-bottom:1px solid #d0d7de;vertical-align:top;text-align:left";
  const all = allStatements(summary);
  const tally = STATEMENT_VERDICTS.map((v) => `<span style="color:${VERDICT_COLOURS[v]}">${all.filter((s) => s.verdict === v).length} ${v}</span>`).join(" · ");
  const rows = all.map((s, i) => {
    const claim = byId.get(s.claim);
    const plain = claim?.statements.find((x) => x.key === s.key)?.plain ?? "";
    const first = i === 0 || all[i - 1]!.claim !== s.claim;
    const notes = s.notes.length > 0 ? `<div style="color:#57606a;font-size:90%">${s.notes.map(escapeHtml).join("<br>")}</div>` : "";
    return (
      `<tr data-claim="${escapeHtml(s.claim)}" data-statement="${escapeHtml(s.key)}" data-verdict="${escapeHtml(s.verdict)}">` +
      `<td style="${cell};font-weight:600;white-space:nowrap">${first ? escapeHtml(s.claim) : ""}</td>` +
      `<td style="${cell}">${first ? escapeHtml(claim?.title ?? "") : ""}</td>` +
      `<td style="${cell}"><b>${escapeHtml(s.key)}</b>: ${escapeHtml(s.text)}</td>` +
      `<td style="${cell};color:${VERDICT_COLOURS[s.verdict]};font-weight:600;white-space:nowrap">${escapeHtml(s.verdict)}${s.differs ? `<br><span style="color:#cf222e">expected ${escapeHtml(s.expected)}</span>` : ""}</td>` +
      `<td style="${cell}">${total(s.tests) === 0 ? "—" : counts(s.tests)}</td>` +
      `<td style="${cell}">${total(s.controls) === 0 ? "—" : counts(s.controls)}</td>` +
      `<td style="${cell}">${total(s.findings) === 0 ? "—" : counts(s.findings)}</td>` +
      `<td style="${cell}">${escapeHtml(plain)}${s.keyMeasurement === undefined ? "" : `<div style="color:#57606a;font-size:90%">${escapeHtml(s.keyMeasurement)}</div>`}${notes}</td>` +
      "</tr>"
    );
  });
  const head = ["claim", "title", "statement", "verdict", "tests", "controls", "pinned findings", "found (plain words; measured)"]
    .map((h) => `<th style="${cell};background:#f6f8fa">${h}</th>`)
    .join("");
  const meta = [
    `profile: ${escapeHtml(formatCounts(facts.profiles))}`,
    `backend: ${escapeHtml(formatCounts(facts.backends))}`,
    `commit: ${escapeHtml(options.commit ?? "unknown")}`,
    `${facts.results} results`,
    ...(options.generatedAt === undefined ? [] : [`built ${escapeHtml(options.generatedAt.toISOString())}`]),
  ].join(" · ");
  const warnings: string[] = [];
  if (summary.unknownClaimIds.length > 0) warnings.push(`results labelled with unknown claim ids: ${summary.unknownClaimIds.join(", ")}`);
  if (summary.unknownStatements.length > 0) warnings.push(`results labelled with unknown statements: ${summary.unknownStatements.join(", ")}`);
  if (summary.unlabelled > 0) warnings.push(`${summary.unlabelled} result(s) carry no \`${CLAIM_LABEL}\` label (unit tests or other runs in the same results directory)`);
  const differing = all.filter((s) => s.differs);
  const meanings = STATEMENT_VERDICTS.map((v) => `<li><b style="color:${VERDICT_COLOURS[v]}">${v}</b> — ${escapeHtml(VERDICT_MEANINGS[v])}</li>`).join("");
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Claims overview</title></head>',
    '<body style="font-family:system-ui,sans-serif;font-size:14px;color:#1f2328;margin:12px">',
    `<h2 style="margin:0 0 4px">Claims overview</h2>`,
    `<div style="color:#57606a">${escapeHtml(PAPER)}</div>`,
    `<div style="margin:6px 0">${escapeHtml(verdictTally(summary).split(":")[0]!)}: ${tally}</div>`,
    `<div style="margin:6px 0">${differing.length === 0 ? "Every verdict is the one the catalogue expects." : `<span style="color:#cf222e">${differing.length} verdict(s) differ from the catalogue: ${differing.map((s) => escapeHtml(`${s.claim} ${s.key}`)).join(", ")}</span>`}</div>`,
    `<div style="color:#57606a;font-size:90%;margin-bottom:8px">${meta}</div>`,
    `<table style="border-collapse:collapse;width:100%">`,
    `<thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`,
    ...warnings.map((w) => `<p style="color:#9a6700">warning: ${escapeHtml(w)}</p>`),
    `<p><b>Verdicts</b> (of each statement: <i>as stated</i> is the paper's sentence, <i>as refined</i> the suite's re-statement where it had to refine it).</p><ul>${meanings}</ul>`,
    "<p>Each claim's tests are in the tree under family → claim; open one for the paper's sentence, the statement checked, the decision rule, " +
      "the decisions (JSON), the plots (SVG), the measurements (JSON, summarised — <code>npx theorem-spec export &lt;claim&gt;</code> writes the raw data) " +
      "and the parameters with the replay command. A test tagged <code>control</code> asserts that the check <i>fails</i> on the claim's control; " +
      "one tagged <code>finding</code> pins a finding against the paper.</p>",
    "</body></html>",
  ].join("\n");
}

/** An Allure result file's JSON (the fields `placeholderResults` writes). */
export interface AllureResultJson {
  uuid: string;
  historyId: string;
  testCaseId: string;
  fullName: string;
  name: string;
  status: "skipped";
  statusDetails: { message: string };
  stage: "finished";
  description: string;
  labels: Array<{ name: string; value: string }>;
  parameters: Array<{ name: string; value: string }>;
  steps: [];
  attachments: [];
  start: number;
  stop: number;
}

/**
 * One `skipped` result per statement no result checks — the statements the suite does not decide
 * ("not specified", with the reason), and every statement of a claim not run — labelled like a
 * claim test (epic, feature, story, `claim`, `statement`) plus the tag `not specified`, with the
 * paper's sentence, the statement and the reason as its description, so the report's tree lists
 * every statement. `uuid` comes from `newId` (default random).
 * @example placeholderResults(summariseRun([])).length // every statement of every claim
 */
export function placeholderResults(
  summary: RunSummary,
  options: { readonly now?: number; readonly newId?: () => string } = {},
  catalog: readonly SentenceClaim[] = CATALOG,
): AllureResultJson[] {
  const now = options.now ?? Date.now();
  const newId = options.newId ?? randomUUID;
  const byId = new Map(catalog.map((c) => [c.id as string, c]));
  const empty = allStatements(summary).filter((s) => total(s.tests) + total(s.controls) + total(s.findings) === 0);
  return empty.flatMap((s, i) => {
    const c = byId.get(s.claim);
    const st = c?.statements.find((x) => x.key === s.key);
    if (c === undefined || st === undefined) return [];
    const why = s.notRun ? "Not run: no spec in this run labelled a result with this claim." : `Not specified: ${st.why ?? "the suite does not decide this statement."}`;
    return [
      {
        uuid: newId(),
        historyId: `theorem-spec-catalog-${c.id}-${st.key}`,
        testCaseId: `theorem-spec-catalog-${c.id}-${st.key}`,
        fullName: `theorem-spec:src/claims/statements.ts#${c.id} ${st.key}`,
        name: `${c.id} ${st.key} — ${st.text}: not specified`,
        status: "skipped",
        statusDetails: { message: why },
        stage: "finished",
        description: [
          `**${claimHeading(c)}** (${c.family})${c.derived ? " · *derived in CLAIMS.md*" : ""}`,
          `**The paper** (${c.paper.section}): ${c.paper.quoted ? `“${c.paper.text}”` : `${c.paper.text} *(paraphrased)*`}`,
          `**Statement — ${st.key}** (expected verdict: *${st.expected}*): ${st.text}`,
          `**What was found.** ${st.plain}`,
          `**${s.notRun ? "Not run" : "Not specified"}.** ${s.notRun ? "No spec in this run labelled a result with this claim." : st.why ?? "The suite does not decide this statement."} ` +
            "This entry is added by the report builder (from `src/claims/statements.ts`) so that every statement is listed.",
        ].join("\n\n"),
        labels: [
          { name: "epic", value: EPIC },
          { name: "feature", value: c.family },
          { name: "story", value: claimHeading(c) },
          { name: CLAIM_LABEL, value: c.id },
          { name: STATEMENT_LABEL, value: st.key },
          { name: "tag", value: NOT_SPECIFIED_TAG },
        ],
        parameters: [],
        steps: [],
        attachments: [],
        // one millisecond apart, in catalogue order, so "sort by order" lists them as the catalogue does
        start: now + i,
        stop: now + i,
      },
    ];
  });
}

/** The executor file of Allure (`executor.json`): who built the report. */
export interface ExecutorInfo {
  name: string;
  type: string;
  buildName: string;
  reportName: string;
  url?: string;
  buildUrl?: string;
}

/**
 * What built the report: `theorem-spec` locally, or the CI run from GitHub Actions' variables
 * (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`, `GITHUB_RUN_ID`) when present.
 * @example executorInfo({ profile: "full", commit: "5b2320a" }, {}).buildName // "profile full · commit 5b2320a"
 */
export function executorInfo(
  run: { readonly profile: string; readonly commit?: string },
  env: Readonly<Record<string, string | undefined>> = process.env,
): ExecutorInfo {
  const buildName = `profile ${run.profile} · commit ${run.commit ?? "unknown"}`;
  const base = { reportName: "theorem-spec — claims of Xu et al. 2023", buildName };
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = env;
  if (server !== undefined && repo !== undefined && runId !== undefined) {
    return { ...base, name: "GitHub Actions", type: "github", url: `${server}/${repo}`, buildUrl: `${server}/${repo}/actions/runs/${runId}` };
  }
  return { ...base, name: env.CI === undefined || env.CI === "" ? "theorem-spec (local)" : "theorem-spec (CI)", type: "local" };
}
