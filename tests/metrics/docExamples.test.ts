/** Executes the `@example` lines of `src/metrics` (see `tests/linalg/docExamples.ts`). */
import { fileURLToPath } from "node:url";
import * as metrics from "../../src/metrics/index.ts";
import { describeDocExamples } from "../linalg/docExamples.ts";

describeDocExamples(
  "doc-comment examples of src/metrics",
  fileURLToPath(new URL("../../src/metrics/", import.meta.url)),
  metrics,
  ["labelledFeatures.ts"],
);
