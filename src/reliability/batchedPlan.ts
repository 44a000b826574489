/**
 * The order of a batched flake run (`reliability:flake -- --batched K`): the stream runs taken K
 * at a time, and within such a group **one spec file at a time**, its K streams run together (one
 * child vitest each). The K streams of a wave then run the same code at the same time, so their
 * requests of a shared shape (a family's fixed architecture, its sweeps) reach the coalescing
 * server together and are merged; streams running different files at once would rarely meet
 * (measured: 6 of 759 requests merged when every stream ran all six files on its own).
 */
import type { StreamRun } from "./flakePlan.ts";

/** Waves of child runs (each one stream, one spec file), run one wave after another. */
export function batchedWaves(runs: readonly StreamRun[], k: number): StreamRun[][] {
  if (!Number.isSafeInteger(k) || k < 1) throw new Error(`batchedWaves: k is ${k}; expected an integer ≥ 1`);
  const waves: StreamRun[][] = [];
  for (let i = 0; i < runs.length; i += k) {
    const group = runs.slice(i, i + k);
    const files = [...new Set(group.flatMap((r) => r.specFiles))];
    // family order, as each stream lists them
    files.sort((a, b) => Math.min(...group.map((r) => r.specFiles.indexOf(a)).filter((x) => x >= 0)) - Math.min(...group.map((r) => r.specFiles.indexOf(b)).filter((x) => x >= 0)) || a.localeCompare(b));
    for (const file of files) waves.push(group.filter((r) => r.specFiles.includes(file)).map((r) => ({ stream: r.stream, specFiles: [file] })));
  }
  return waves;
}
