/**
 * Writes the claims overview (`overview.ts`, `overviewSvg.ts`) as Allure result files into a
 * directory of its own, which `allure generate` reads next to the real results.
 */
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { placeholderResults, type ExecutorInfo, type OverviewOptions, type RunFacts } from "./overview.ts";
import { claimsOverviewSvg } from "./overviewSvg.ts";
import type { RunSummary } from "./summary.ts";

/**
 * Name of the global attachment: the verdict table as an image. (Its HTML form, `claimsOverviewHtml`,
 * is no longer attached: the landing page on top of the report shows the same, and the report's
 * size budget is tight.)
 */
export const OVERVIEW_ATTACHMENTS = { svg: "Claims overview" } as const;

export interface OverviewInput {
  readonly summary: RunSummary;
  readonly facts: RunFacts;
  readonly executor: ExecutorInfo;
  readonly options?: OverviewOptions;
}

/**
 * Writes into `dir` (created if missing): one placeholder result per statement no result checks,
 * `executor.json`, and the overview as a global attachment (`<uuid>-globals.json` naming an `.svg`).
 * @example await writeOverviewResults(tmpDir, { summary, facts, executor: executorInfo({ profile: "ci" }) });
 */
export async function writeOverviewResults(dir: string, input: OverviewInput): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const now = (input.options?.generatedAt ?? new Date()).getTime();
  for (const r of placeholderResults(input.summary, { now })) {
    await fs.writeFile(path.join(dir, `${r.uuid}-result.json`), JSON.stringify(r, null, 2));
  }
  await fs.writeFile(path.join(dir, "executor.json"), JSON.stringify(input.executor, null, 2));
  const svg = `${randomUUID()}-attachment.svg`;
  await fs.writeFile(path.join(dir, svg), claimsOverviewSvg(input.summary, input.facts, input.options));
  const globals = {
    attachments: [{ name: OVERVIEW_ATTACHMENTS.svg, source: svg, type: "image/svg+xml", timestamp: now }],
    errors: [],
  };
  await fs.writeFile(path.join(dir, `${randomUUID()}-globals.json`), JSON.stringify(globals, null, 2));
}
