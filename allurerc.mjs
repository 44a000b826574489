// Allure 3 configuration: read from the repository root by `npm run verify`,
// `npx theorem-spec report` and `src/report/buildReport.ts` (which pass it explicitly); writes one
// self-contained file, allure-report/index.html (no Java, no network).
//
// Label names below are the conventions of src/report/conventions.ts and overview.ts (label
// `claim`, label `statement`, tags `control`, `finding`, `not specified`); tests/report/allurerc.test.ts
// checks they agree.
import { defineConfig } from "allure";

const CLAIM_LABEL = "claim";
const CONTROL_TAG = "control";
const FINDING_TAG = "finding";
const NOT_SPECIFIED_TAG = "not specified";

const hasLabel = (d, name, value) => d.labels.some((l) => l.name === name && (value === undefined || l.value === value));
const isClaimResult = (d) => hasLabel(d, CLAIM_LABEL);
const isControl = (d) => hasLabel(d, "tag", CONTROL_TAG);
const isFinding = (d) => hasLabel(d, "tag", FINDING_TAG);
const byClaim = [{ label: CLAIM_LABEL }, { label: "statement" }];

/**
 * The Categories tab in the verdict vocabulary of `npm run verify` (src/claims/verdicts.ts): every
 * claim result, grouped by claim and statement, under the verdict it contributes to (see README,
 * "Reading the report"). Results without a `claim` label (unit tests in the same results
 * directory) fall through to Allure's default error categories.
 */
export const categories = [
  {
    id: "claim-failed",
    name: "Not reproduced: a prediction failed its decision rule",
    matchers: (d) => d.status === "failed" && isClaimResult(d) && !isControl(d) && !isFinding(d),
    groupBy: byClaim,
    groupByMessage: false,
    expand: true,
  },
  {
    id: "finding-failed",
    name: "Held, against a pinned finding: the effect the paper predicts was detected (review the catalogue)",
    matchers: (d) => d.status === "failed" && isClaimResult(d) && isFinding(d),
    groupBy: byClaim,
    groupByMessage: false,
    expand: true,
  },
  {
    id: "control-failed",
    name: "Inconclusive: the check did not fail on its control",
    matchers: (d) => d.status === "failed" && isClaimResult(d) && isControl(d),
    groupBy: byClaim,
    groupByMessage: false,
    expand: true,
  },
  {
    id: "claim-inconclusive",
    name: "Inconclusive: broken (diverged, outside the regime, or an error)",
    matchers: (d) => d.status === "broken" && isClaimResult(d),
    groupBy: byClaim,
    groupByMessage: false,
    expand: true,
  },
  {
    id: "finding-passed",
    name: "Pinned findings (passed): not reproduced as stated, or a check that does not discriminate",
    matchers: (d) => d.status === "passed" && isClaimResult(d) && isFinding(d),
    groupBy: byClaim,
    groupByMessage: false,
    expand: true,
  },
  {
    id: "claim-not-specified",
    name: "Not specified: statements the suite does not decide, with the reason",
    matchers: (d) => hasLabel(d, "tag", NOT_SPECIFIED_TAG),
    groupBy: [{ label: CLAIM_LABEL }],
    groupByMessage: false,
  },
  {
    id: "claim-passed",
    name: "Held: claim tests and their controls (passed)",
    matchers: (d) => d.status === "passed" && isClaimResult(d) && !isFinding(d),
    groupBy: byClaim,
    groupByMessage: false,
  },
];

export default defineConfig({
  name: "theorem-spec — claims of Xu et al. 2023",
  output: "allure-report",
  categories,
  plugins: {
    awesome: {
      options: {
        reportName: "theorem-spec — claims of Xu et al. 2023",
        singleFile: true,
        // The tree of results: claim family → claim (labels set by src/report/labelClaim.ts; the
        // epic, the paper, is the same for every result and would only add a level).
        groupBy: ["feature", "story"],
        // Steps (decisions, evidence) open, so the plots show without a click.
        stepTreeExpansion: "expanded",
      },
    },
  },
});
