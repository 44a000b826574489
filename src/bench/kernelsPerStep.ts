/**
 * Kernels per training step, counted the way `docs/performance.md` does: every call of the TF.js
 * engine's `runKernel` (each op, and each kernel the trainer runs itself) while a workload trains
 * `steps[0]` and then `steps[1]` steps; the difference divided by the difference of steps, so the
 * per-request setup and the snapshots at both ends cancel.
 *
 * ```ts
 * const { perStep, byKernel } = await kernelsPerStep((n) => claimMlpWorkload(n).run());
 * // perStep 23 on wasm; byKernel { TheoremSpecBlockedMatMul: 8, Multiply: 7, TheoremSpecWeightNormStep: 3, … }
 * ```
 */
import * as tf from "@tensorflow/tfjs";

export interface KernelCount {
  /** Kernels per step. */
  readonly perStep: number;
  /** Kernels per step by kernel name, most frequent first. */
  readonly byKernel: Readonly<Record<string, number>>;
}

type RunKernel = (name: string, inputs: unknown, attrs?: unknown) => unknown;

/** Counts the kernels of `train(steps[1]) − train(steps[0])` per step (defaults: 10 and 30 steps). */
export async function kernelsPerStep(train: (steps: number) => Promise<unknown>, steps: readonly [number, number] = [10, 30]): Promise<KernelCount> {
  const [short, long] = steps;
  if (!(Number.isSafeInteger(short) && Number.isSafeInteger(long) && 0 < short && short < long)) {
    throw new Error(`kernelsPerStep: steps = [${steps.join(", ")}]; expected integers 0 < short < long`);
  }
  const engine = tf.engine() as unknown as { runKernel: RunKernel };
  const original = engine.runKernel;
  const count = async (n: number): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    engine.runKernel = function (this: unknown, name, inputs, attrs) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return original.call(this, name, inputs, attrs);
    };
    try {
      await train(n);
    } finally {
      engine.runKernel = original;
    }
    return counts;
  };
  const a = await count(short);
  const b = await count(long);
  const byKernel: Record<string, number> = {};
  let total = 0;
  const names = [...b.keys()].sort((x, y) => (b.get(y) ?? 0) - (b.get(x) ?? 0));
  for (const name of names) {
    const perStep = ((b.get(name) ?? 0) - (a.get(name) ?? 0)) / (long - short);
    total += perStep;
    if (perStep > 0) byKernel[name] = perStep;
  }
  return { perStep: total, byKernel };
}
