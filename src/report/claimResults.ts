/**
 * The results of one claims run, apart from whatever else wrote into the same directory: every
 * vitest process started in the repository writes its Allure results to `allure-results/`, so a
 * unit-test run during `npm run verify` would add its results (and their bytes) to the report.
 * `copySpecResults` copies only the results of the claim specs (`fullName` `<package>:specs/…`)
 * with their attachments, and the directory's other files (environment, categories), into `dst`.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** `true` for the result of a claim spec: allure-vitest's `fullName` is `<package>:<file>#<name>`. */
export function isSpecResult(fullName: string | undefined): boolean {
  return /^(?:[^:#]*:)?specs\//.test(fullName ?? "");
}

/**
 * Copies the claim-spec results of `src` (with the attachments they name, recursively through
 * steps) and its files that are neither results, containers nor attachments into `dst` (created).
 * Returns how many results were copied and left out.
 * @example const { kept, left } = await copySpecResults("allure-results", tmp);
 */
export async function copySpecResults(src: string, dst: string): Promise<{ kept: number; left: number }> {
  await fs.mkdir(dst, { recursive: true });
  const names = await fs.readdir(src).catch(() => [] as string[]);
  let kept = 0;
  let left = 0;
  const sources = new Set<string>();
  for (const n of names) {
    if (n.endsWith("-result.json")) {
      const text = await fs.readFile(path.join(src, n), "utf8");
      let fullName: string | undefined;
      try {
        fullName = (JSON.parse(text) as { fullName?: string }).fullName;
      } catch {
        fullName = undefined;
      }
      if (!isSpecResult(fullName)) {
        left += 1;
        continue;
      }
      kept += 1;
      await fs.writeFile(path.join(dst, n), text);
      for (const m of text.matchAll(/"source"\s*:\s*"([^"]+)"/g)) sources.add(m[1]!);
    } else if (!n.includes("-attachment") && !n.endsWith("-container.json")) {
      await fs.copyFile(path.join(src, n), path.join(dst, n));
    }
  }
  for (const s of sources) await fs.copyFile(path.join(src, s), path.join(dst, s)).catch(() => undefined);
  return { kept, left };
}
