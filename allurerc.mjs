// Allure 3 configuration: read from the repository root by `npm run verify`,
// `npx theorem-spec report` and `src/report/buildReport.ts` (which pass it explicitly); writes one
// self-contained file, allure-report/index.html (no Java, no network).
//
// Label names below are the conventions of src/report/conventions.ts and overview.ts (label
// `claim`, tag `control`, tag `not yet specified`); tests/report/allurerc.test.ts checks they agree.
import { defineConfig } from "allure";

const CLAIM_LABEL = "claim";
const CONTROL_TAG = "control";
const NOT_YET_SPECIFIED_TAG = "not yet specified";

const hasLabel = (d, name, value) => d.labels.some((l) => l.name === name && (value === undefined || l.value === value));
const isClaimResult = (d) => hasLabel(d, CLAIM_LABEL);
const isControl = (d) => hasLabel(d, "tag", CONTROL_TAG);
const byClaim = [{ label: CLAIM_LABEL }];

/**
 * The Categories tab as a claims overview: every claim result, grouped by claim id, in the verdict
 * it contributes to (see README, "Reading the report"). Results without a `claim` label (unit
 * tests in the same results directory) fall through to Allure's default error categories.
 */
export const categories = [
  {
    id: "claim-failed",
    name: "Did not hold: a prediction failed its decision rule",
    matchers: (d) => d.status === "failed" && isClaimResult(d) && !isControl(d),
    groupBy: byClaim,
    groupByMessage: false,
    expand: true,
  },
  {
    id: "control-failed",
    name: "Did not hold: the check did not fail on the control",
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
    id: "claim-not-specified",
    name: "Not yet specified: no spec checks the claim yet",
    matchers: (d) => hasLabel(d, "tag", NOT_YET_SPECIFIED_TAG),
    groupBy: [],
    groupByMessage: false,
  },
  {
    id: "claim-passed",
    name: "Passed: claim tests and their controls",
    matchers: (d) => d.status === "passed" && isClaimResult(d),
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
