/**
 * Reporting for the claim specs: Allure labels, parameters, attachments, charts and decisions,
 * and the claims summary of `npm run verify`. Every Allure call is a no-op outside a vitest test.
 * Building the HTML report (`buildReport.ts`, with the claims overview of `overview.ts`,
 * `overviewSvg.ts`, `writeOverview.ts`) is imported from its own module by the scripts and the CLI,
 * so that specs importing this index do not load it.
 */
export { allureActive } from "./allureActive.ts";
export { attachJson, attachSvg, attachText } from "./attach.ts";
export { attachDecision, verdictText, type DecisionLike, type DecisionOptions } from "./attachDecision.ts";
export { barChartSpec, barChartSvg, type Bar, type BarChartSpec } from "./barChartSvg.ts";
export type { HLine } from "./chartData.ts";
export { CLAIM_LABEL, CONTROL_TAG, EPIC, KEY_MEASUREMENT_PARAMETER } from "./conventions.ts";
export { claimDescription, claimHeading, labelClaim, type ClaimMeta } from "./labelClaim.ts";
export { lineChartSpec, lineChartSvg, type LineChartSpec, type LineSeries } from "./lineChartSvg.ts";
export { readAllureResults } from "./readAllureResults.ts";
export { recordEvidence, type Evidence } from "./recordEvidence.ts";
export { renderVegaLite } from "./renderVegaLite.ts";
export { replayCommand, testNamePattern, type ReplayTarget } from "./replayCommand.ts";
export { reportKeyMeasurement, reportParameters, type ParameterValue, type TestLocation } from "./reportParameters.ts";
export {
  formatSummaryTable,
  latestAttempts,
  summariseRun,
  verifyExitCode,
  type AllureResultLike,
  type ClaimSummary,
  type RunSummary,
  type Verdict,
} from "./summary.ts";
export { toJsonText, toJsonValue, type JsonValue } from "./toJsonValue.ts";
