// Allure 3 configuration: `npx allure generate allure-results` (run by `npm run verify`) reads it
// from the working directory and writes one self-contained file, allure-report/index.html.
import { defineConfig } from "allure";

export default defineConfig({
  name: "theorem-spec — claims of Xu et al. 2023",
  output: "allure-report",
  plugins: {
    awesome: {
      options: {
        reportName: "theorem-spec — claims of Xu et al. 2023",
        singleFile: true,
        // The tree of results: paper → claim family → claim (labels set by src/report/labelClaim.ts).
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
