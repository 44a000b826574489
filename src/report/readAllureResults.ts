/**
 * Reads the test results of an Allure results directory (`<uuid>-result.json` files).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { AllureResultLike } from "./summary.ts";

/**
 * Parsed `*-result.json` files of `dir` (containers and attachments are skipped); `[]` when the
 * directory does not exist.
 * @example summariseRun(await readAllureResults("allure-results"))
 * @throws Error naming the file when one is not valid JSON.
 */
export async function readAllureResults(dir: string): Promise<AllureResultLike[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const files = names.filter((n) => n.endsWith("-result.json")).sort();
  return Promise.all(
    files.map(async (n) => {
      const file = path.join(dir, n);
      const text = await fs.readFile(file, "utf8");
      try {
        return JSON.parse(text) as AllureResultLike;
      } catch (e) {
        throw new Error(`readAllureResults: ${file} is not valid JSON: ${(e as Error).message}`);
      }
    }),
  );
}
