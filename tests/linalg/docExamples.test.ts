/** Executes the `@example` lines of `src/linalg` (see `./docExamples.ts`). */
import { fileURLToPath } from "node:url";
import * as linalg from "../../src/linalg/index.ts";
import { describeDocExamples } from "./docExamples.ts";

describeDocExamples(
  "doc-comment examples of src/linalg",
  fileURLToPath(new URL("../../src/linalg/", import.meta.url)),
  linalg,
  ["validate.ts", "householderR.ts", "symmetricEigenvalues.ts"],
);
