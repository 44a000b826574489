/**
 * The PyTorch reference of `npm run bench` (`bench/torch_reference.py --serve`) as a long-lived
 * child process timing one call per request, so that the bench can alternate its own repetitions
 * with PyTorch's (ABAB…): each PyTorch time is measured seconds after the suite's, under nearly the
 * same load (`pairedRatios.ts`). One process for the whole bench: torch's import (≈ 1–2 s) and
 * each workload's first call fall in the warm-up.
 *
 * Started with OPENBLAS_NUM_THREADS=1 and OMP_NUM_THREADS=1 (the script also sets one torch thread).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** One timed call of a PyTorch workload. */
export interface TorchTiming {
  readonly seconds: number;
  /** Work units of the call (run-steps), as the workload counts them. */
  readonly units: number;
}

/** The running reference (see the module comment). */
export interface TorchReference {
  /** `{ torch: version, threads }`, as the script reports it. */
  readonly info: unknown;
  /** The modes the script has for a workload key ("sequential", and "batched" for several runs). */
  modes(key: string): Promise<string[]>;
  /** Runs the workload `key` in `mode` once and returns its time. */
  time(key: string, mode: string): Promise<TorchTiming>;
  close(): Promise<void>;
}

/** Starts `python script --serve`; rejects when it does not answer its first line. */
export async function startTorchReference(python: string, script: string): Promise<TorchReference> {
  const child = spawn(python, [script, "--serve"], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (request: string): Promise<unknown> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`torch reference: no answer to "${request}" (exit ${child.exitCode}): ${stderr.slice(-500)}`);
    return JSON.parse(line.value) as unknown;
  };
  const ask = async (request: string): Promise<unknown> => {
    child.stdin.write(`${request}\n`);
    return next(request);
  };
  const info = await next("(start)");
  return {
    info,
    modes: async (key) => (await ask(`modes ${key}`)) as string[],
    time: async (key, mode) => (await ask(`${key} ${mode}`)) as TorchTiming,
    close: async () => {
      child.stdin.end();
      if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
