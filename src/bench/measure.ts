/**
 * Wall-clock measurement for the benchmark (`npm run bench`): warm-up runs, then repetitions;
 * the median and the spread (min, max) of the repetitions.
 */
export interface Measurement {
  readonly medianSeconds: number;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly repetitions: number;
}

export async function measure(fn: () => Promise<unknown> | unknown, options: { warmup?: number; repetitions?: number } = {}): Promise<Measurement> {
  const warmup = options.warmup ?? 1;
  const repetitions = options.repetitions ?? 3;
  if (!Number.isSafeInteger(repetitions) || repetitions < 1) {
    throw new Error(`measure: repetitions = ${repetitions}; expected an integer ≥ 1`);
  }
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
  }
  return summarize(samples);
}

/** The median and spread of timed repetitions (seconds, in any order; at least one). */
export function summarize(samples: readonly number[]): Measurement {
  if (samples.length === 0) throw new Error("summarize: no samples; expected at least one repetition");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { medianSeconds: median, minSeconds: sorted[0]!, maxSeconds: sorted.at(-1)!, repetitions: sorted.length };
}
