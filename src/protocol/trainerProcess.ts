/**
 * One trainer process of the protocol (`docs/trainer-protocol.md`, "Process"): `/bin/sh -c
 * <command>` with stdio pipes, in its own process group, its stdout read as JSON lines, the last
 * 4 KiB of its stderr kept for fault reports.
 *
 * The process never keeps Node's event loop alive (the child and its pipes are unref'd; a pending
 * {@link TrainerProcess.nextMessage} holds the loop through its timer) and never outlives the
 * suite: it is killed with its whole process group on the suite's `exit`, and it sees the end of
 * its stdin when the suite dies.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { HelloMessage, TrainerMessage } from "./protocolMessages.ts";
import { parseTrainerLine } from "./parseTrainerLine.ts";

/** How much of the trainer's stderr is kept. */
export const STDERR_TAIL_BYTES = 4096;

/** How long `close()` waits for the process to end after `shutdown` before killing it. */
export const SHUTDOWN_GRACE_MS = 3000;

/** After `exit`, how long to wait for the pipes to close (a grandchild may still hold them). */
const PIPE_CLOSE_GRACE_MS = 500;

export interface TrainerProcessOptions {
  /** Shell command line (run by `/bin/sh -c`). */
  readonly command: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Time allowed for the `hello` line (ms). */
  readonly startTimeoutMs: number;
  /** Named in the timeout message (e.g. "THEOREM_SPEC_TRAINER_START_TIMEOUT"). */
  readonly startTimeoutName?: string;
}

export interface TrainerProcess {
  readonly pid: number | undefined;
  /** False once the process has exited (or was killed). */
  readonly alive: boolean;
  /** The `hello` line; rejects when the process exits, stays silent past the start timeout or sends anything else first. */
  readonly hello: Promise<HelloMessage>;
  /** Writes one message line to stdin (ignored when the process is gone). */
  send(message: object): void;
  /**
   * The next message on stdout. Rejects, with a message naming the fault, when the process exits
   * (`exited …`), is silent for `timeoutMs` (`was silent for …`) or sends a line that is not a
   * protocol message.
   */
  nextMessage(timeoutMs: number, timeoutName?: string): Promise<TrainerMessage>;
  /** The last {@link STDERR_TAIL_BYTES} of stderr, trimmed. */
  stderrTail(): string;
  /** Kills the whole process group (SIGKILL). */
  kill(): void;
  /** Sends `shutdown`, ends stdin, waits up to `graceMs` for the exit, then kills. */
  close(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // ESRCH: the group is gone already.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) killGroup(child);
  });
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

/** Starts `command` (see the module comment). */
export function startTrainerProcess(options: TrainerProcessOptions): TrainerProcess {
  installExitHook();
  const child = spawn("/bin/sh", ["-c", options.command], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  live.add(child);
  child.unref();
  for (const pipe of [child.stdin, child.stdout, child.stderr]) (pipe as unknown as { unref?: () => void } | null)?.unref?.();
  child.stdin!.on("error", () => {
    // EPIPE when the process is gone: its exit is reported by nextMessage.
  });

  let stderr = Buffer.alloc(0);
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = Buffer.concat([stderr, chunk]);
    if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
  });

  const lines: string[] = [];
  let pending = "";
  let ended: string | undefined;
  let waiter: (() => void) | undefined;
  const wake = (): void => {
    const w = waiter;
    waiter = undefined;
    w?.();
  };
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl).replace(/\r$/, "");
      pending = pending.slice(nl + 1);
      if (line.trim() !== "") lines.push(line);
    }
    wake();
  });

  let alive = true;
  let exitDescription = "";
  const finish = (): void => {
    if (ended !== undefined) return;
    if (pending.trim() !== "") lines.push(pending);
    pending = "";
    ended = exitDescription || "exited";
    wake();
  };
  child.on("error", (error) => {
    alive = false;
    live.delete(child);
    exitDescription = `could not be started (${error.message})`;
    finish();
  });
  let exited: () => void = () => undefined;
  const exitPromise = new Promise<void>((resolve) => (exited = resolve));
  child.on("exit", (code, signal) => {
    alive = false;
    live.delete(child);
    exitDescription = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    exited();
    setTimeout(finish, PIPE_CLOSE_GRACE_MS).unref();
  });
  child.on("close", finish);

  const nextMessage = (timeoutMs: number, timeoutName?: string): Promise<TrainerMessage> =>
    new Promise<TrainerMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        reject(new Error(`was silent for ${seconds(timeoutMs)}${timeoutName === undefined ? "" : ` (${timeoutName})`}`));
      }, timeoutMs);
      const attempt = (): void => {
        const line = lines.shift();
        if (line !== undefined) {
          clearTimeout(timer);
          try {
            resolve(parseTrainerLine(line));
          } catch (error) {
            reject(error as Error);
          }
        } else if (ended !== undefined) {
          clearTimeout(timer);
          reject(new Error(ended));
        } else {
          waiter = attempt;
        }
      };
      attempt();
    });

  const hello = nextMessage(options.startTimeoutMs, options.startTimeoutName).then(
    (message) => {
      if (message.type !== "hello") throw new Error(`sent a "${message.type}" message first; expected {"type": "hello", …}`);
      return message;
    },
    (error: Error) => {
      throw new Error(error.message.startsWith("line ") ? `sent a bad line before its hello: ${error.message}` : `${error.message} before its hello`);
    },
  );
  hello.catch(() => undefined);

  const kill = (): void => {
    if (alive) killGroup(child);
    alive = false;
  };

  return {
    get pid() {
      return child.pid;
    },
    get alive() {
      return alive;
    },
    hello,
    send(message) {
      if (alive && child.stdin!.writable) child.stdin!.write(`${JSON.stringify(message)}\n`);
    },
    nextMessage,
    stderrTail: () => stderr.toString("utf8").trim(),
    kill,
    async close(graceMs = SHUTDOWN_GRACE_MS) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined && live.has(child)) {
        if (child.stdin!.writable) {
          child.stdin!.write(`${JSON.stringify({ type: "shutdown" })}\n`);
          child.stdin!.end();
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exitPromise, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
        killGroup(child);
        if (live.has(child)) await exitPromise;
      }
      // Also end a grandchild that may still run in the group.
      killGroup(child);
      alive = false;
    },
  };
}
