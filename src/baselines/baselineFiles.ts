import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { trainerEngine } from "../backend.ts";
import type { Baseline } from "./baseline.ts";

/** `fixtures/baselines/` of the repository. */
export const BASELINE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/baselines");

/**
 * Engines whose baselines live in a directory of their own, `fixtures/baselines/<engine>/`: the
 * trainer's numbers differ by engine (`src/train/engine.ts`), and each engine is deterministic, so
 * each is compared exactly with its own recording. The top-level files are the default engine's
 * (`wasm-exact`), also the reference for the other backends (compared within the seed-to-seed spread).
 */
export const ENGINE_BASELINE_DIRS: readonly string[] = ["wasm-fma"];

function engineDir(engine: string): string {
  return ENGINE_BASELINE_DIRS.includes(engine) ? path.join(BASELINE_DIR, engine) : BASELINE_DIR;
}

/** The file of a family's baseline for `engine` (default: the active backend's `trainerEngine()`). */
export function baselinePath(family: string, engine: string = trainerEngine()): string {
  return path.join(engineDir(engine), `${family}.json`);
}

/** The stored baseline of a family for `engine` (its own, else the top-level one), or undefined when none was recorded yet. */
export function readBaseline(family: string, engine: string = trainerEngine()): Baseline | undefined {
  const file = [baselinePath(family, engine), path.join(BASELINE_DIR, `${family}.json`)].find((f) => existsSync(f));
  if (file === undefined) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Baseline;
}

/** Writes a baseline where `readBaseline` finds it for the engine it records (`versions["trainer engine"]`). */
export function writeBaseline(baseline: Baseline): void {
  const file = baselinePath(baseline.family, baseline.versions["trainer engine"] ?? "");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
