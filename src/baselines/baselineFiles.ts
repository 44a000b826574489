import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Baseline } from "./baseline.ts";

/** `fixtures/baselines/` of the repository. */
export const BASELINE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/baselines");

export function baselinePath(family: string): string {
  return path.join(BASELINE_DIR, `${family}.json`);
}

/** The stored baseline of a family, or undefined when none was recorded yet. */
export function readBaseline(family: string): Baseline | undefined {
  const file = baselinePath(family);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Baseline;
}

export function writeBaseline(baseline: Baseline): void {
  mkdirSync(BASELINE_DIR, { recursive: true });
  writeFileSync(baselinePath(baseline.family), `${JSON.stringify(baseline, null, 2)}\n`);
}
