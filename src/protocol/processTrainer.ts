/**
 * A `Trainer` that delegates to an external program speaking the trainer protocol
 * (`docs/trainer-protocol.md`): one long-lived process (`/bin/sh -c command`), started on the
 * first request, serving requests one at a time (concurrent `train()` calls queue).
 *
 * Per request: a fresh directory under `os.tmpdir()` (`writeRequestFiles`), one `train` line,
 * `progress` lines forwarded to `request.onProgress`, then the `result` read and checked run by
 * run (`readResultRuns`, with the suite's divergence rule); the directory is removed in every case.
 *
 * Faults are verdicts, never exceptions (the doc's table): the affected runs come back diverged
 * with a reason naming the fault and the tail of the trainer's stderr, so the claims that need
 * them are inconclusive. After a process-level fault (exit, silence past the timeout, a line that
 * is not a protocol message, an answer for another id, a refused `hello`) the process group is
 * killed and the next request starts a new process. Only an invalid `TrainingRequest` (a bug of
 * the caller) throws, as with `sgdTrainer`.
 *
 * @example
 *   const trainer = processTrainer({ command: "/usr/bin/python3 adapters/pytorch/trainer.py", mode: "aligned" });
 *   const runs = await trainer.train(request);
 *   console.log(await trainer.implementationName(), trainer.stats());
 *   await trainer.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TrainedRun, Trainer, TrainingRequest } from "../train/types.ts";
import { validateRequest } from "../train/validateRequest.ts";
import { PROTOCOL_VERSION, type HelloMessage, type TrainerMode } from "./protocolMessages.ts";
import { faultedRun, readResultRuns } from "./readResultRuns.ts";
import { startTrainerProcess, type TrainerProcess } from "./trainerProcess.ts";
import { trainerMode } from "./trainerMode.ts";
import { SILENCE_TIMEOUT_ENV, START_TIMEOUT_ENV, trainerTimeouts } from "./trainerTimeouts.ts";
import { writeRequestFiles } from "./writeRequestFiles.ts";

export interface ProcessTrainerOptions {
  /** Shell command line of the trainer, run by `/bin/sh -c` (e.g. "/usr/bin/python3 adapters/pytorch/trainer.py"). */
  readonly command: string;
  /** The mode asked for (default: `THEOREM_SPEC_TRAINER_MODE`, else "free"). */
  readonly mode?: TrainerMode;
  /** Time allowed for `hello` (ms; default `THEOREM_SPEC_TRAINER_START_TIMEOUT` s, else 120 s). */
  readonly startTimeoutMs?: number;
  /** Silence allowed during a request (ms; default `THEOREM_SPEC_TRAINER_TIMEOUT` s, else 600 s). */
  readonly requestTimeoutMs?: number;
  /** Environment of the process (default: the suite's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory of the process (default: the suite's). */
  readonly cwd?: string;
  /** Where request directories are created (default `os.tmpdir()`). */
  readonly tempRoot?: string;
}

/** Cumulative counts since the trainer was created. */
export interface ProcessTrainerStats {
  /** Requests served (faulted ones included). */
  readonly requests: number;
  /** Wall-clock seconds in `train()` (process start, files, transport, training). */
  readonly wallSeconds: number;
  /** Seconds the trainer reported training (`result.timing.trainSeconds`). */
  readonly trainSeconds: number;
}

export interface ProcessTrainer extends Trainer {
  readonly command: string;
  readonly mode: TrainerMode;
  /** The process's `hello` (starting it if needed); rejects when it cannot start or is refused (protocol, mode). */
  hello(): Promise<HelloMessage>;
  /** `${hello.name} (${mode})`, as `name` once the process has said hello. */
  implementationName(): Promise<string>;
  stats(): ProcessTrainerStats;
  /** Waits for queued requests, then shuts the process down (killing it after a grace period). */
  close(): Promise<void>;
}

/**
 * How long to let the trainer's stderr arrive before reporting a fault that its stdout revealed
 * (the two pipes are read independently, so a log line written just before may still be in flight).
 */
const STDERR_SETTLE_MS = 50;

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, STDERR_SETTLE_MS));
}

/** "; stderr (last 4 KiB): …" or "" when the trainer wrote nothing on stderr. */
function stderrNote(tail: string): string {
  return tail === "" ? "" : `; stderr (last 4 KiB): ${tail}`;
}

export function processTrainer(options: ProcessTrainerOptions): ProcessTrainer {
  if (typeof options?.command !== "string" || options.command.trim() === "") {
    throw new Error(`processTrainer: command is ${JSON.stringify(options?.command)}; expected a shell command line`);
  }
  const { command } = options;
  const mode = trainerMode(options.mode);
  const timeouts = trainerTimeouts(options);
  const tempRoot = options.tempRoot ?? tmpdir();
  const startName = `${START_TIMEOUT_ENV} = ${timeouts.startMs / 1000} s`;
  const silenceName = `${SILENCE_TIMEOUT_ENV} = ${timeouts.silenceMs / 1000} s`;

  let proc: TrainerProcess | undefined;
  let startup: Promise<HelloMessage> | undefined;
  let greeted: HelloMessage | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let counter = 0;
  const totals = { requests: 0, wallSeconds: 0, trainSeconds: 0 };

  const drop = (p: TrainerProcess): void => {
    p.kill();
    if (proc === p) {
      proc = undefined;
      startup = undefined;
    }
  };

  /** The running process and its hello, starting one when there is none (or it died). */
  const started = (): Promise<HelloMessage> => {
    if (proc !== undefined && !proc.alive) drop(proc);
    if (startup !== undefined) return startup;
    const p = startTrainerProcess({ command, env: options.env, cwd: options.cwd, startTimeoutMs: timeouts.startMs, startTimeoutName: startName });
    proc = p;
    startup = p.hello.then(
      (hello) => {
        if (hello.protocol !== PROTOCOL_VERSION) {
          throw new Error(`trainer "${hello.name}" speaks protocol ${hello.protocol}; this suite speaks protocol ${PROTOCOL_VERSION}`);
        }
        if (!hello.modes.includes(mode)) {
          throw new Error(`trainer "${hello.name}" supports modes ${JSON.stringify(hello.modes)}; the suite asks for "${mode}" (THEOREM_SPEC_TRAINER_MODE)`);
        }
        greeted = hello;
        return hello;
      },
      (error: Error) => {
        throw new Error(`trainer process (${command}) ${error.message}`);
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}${stderrNote(p.stderrTail())}`);
    });
    startup.catch(() => drop(p));
    return startup;
  };

  const serve = async (request: TrainingRequest): Promise<TrainedRun[]> => {
    const all = (reason: string): TrainedRun[] => request.runs.map((spec) => faultedRun(spec, reason));
    try {
      await started();
    } catch (error) {
      return all(`trainer fault: ${(error as Error).message}`);
    }
    const p = proc!;
    const fault = async (what: string, kill: boolean): Promise<TrainedRun[]> => {
      if (kill) drop(p);
      await settle();
      return all(`trainer fault: ${what}${stderrNote(p.stderrTail())}`);
    };
    const id = `r${++counter}`;
    const dir = mkdtempSync(join(tempRoot, "theorem-spec-"));
    try {
      const message = writeRequestFiles(dir, request, { id, mode });
      p.send(message);
      for (;;) {
        let m;
        try {
          m = await p.nextMessage(timeouts.silenceMs, silenceName);
        } catch (error) {
          const what = (error as Error).message;
          return fault(`request ${id}: ${what.startsWith("line ") ? "the trainer's " : "the trainer process "}${what}; killed`, true);
        }
        if (m.type === "hello") return fault(`trainer sent a second "hello" during request ${id}; expected "progress", "result" or "error"`, true);
        if (m.id !== id) return fault(`trainer sent a "${m.type}" for id ${JSON.stringify(m.id)} during request ${id}; expected id "${id}"`, true);
        if (m.type === "progress") {
          request.onProgress?.(m.done, m.total);
          continue;
        }
        if (m.type === "error") return fault(`trainer error for request ${id}: ${m.message}`, false);
        if (m.runs.length !== request.runs.length) {
          return fault(`trainer result for request ${id} has ${m.runs.length} runs; expected ${request.runs.length} (one per request run)`, false);
        }
        if (m.mode !== mode) return fault(`trainer result for request ${id} is in mode "${m.mode}"; expected "${mode}"`, false);
        totals.trainSeconds += m.timing?.trainSeconds ?? 0;
        const runs = readResultRuns(dir, request, message, m);
        if (runs.every((r) => !r.reason?.startsWith("trainer fault: "))) return runs;
        await settle();
        const note = stderrNote(p.stderrTail());
        return runs.map((r) => (r.reason?.startsWith("trainer fault: ") ? { ...r, reason: `${r.reason}${note}` } : r));
      }
    } catch (error) {
      // Not a trainer fault (e.g. onProgress threw): the request is abandoned, so is the process.
      drop(p);
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const trainer: ProcessTrainer = {
    get name() {
      return greeted === undefined ? command : `${greeted.name} (${mode})`;
    },
    command,
    mode,
    train(request) {
      try {
        validateRequest(request);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      const run = queue.then(async () => {
        const t0 = performance.now();
        totals.requests += 1;
        try {
          return await serve(request);
        } finally {
          totals.wallSeconds += (performance.now() - t0) / 1000;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    hello: () => started(),
    implementationName: async () => `${(await started()).name} (${mode})`,
    stats: () => ({ ...totals }),
    async close() {
      await queue;
      const p = proc;
      proc = undefined;
      startup = undefined;
      await p?.close();
    },
  };
  return trainer;
}
