/**
 * The coalescing trainer of batched seed streams (`npm run reliability:flake -- --batched K`,
 * docs/reliability.md "Running streams"): K child vitest processes, one per stream, send their
 * training requests over a Unix socket (`coalescingClient.ts`); requests that the reference trainer
 * can train as one (`coalesceKey`: same trainer options, architecture, N, B, steps, schedule,
 * snapshot steps, divergence factor) are merged into one request with all their runs, trained by
 * `sgdTrainer` in one of `workers` training processes (`coalesceTrainWorker.ts`), and the runs
 * split back to their requests. A run's trajectory in the reference trainer does not depend on
 * the other runs of its request (per-run kernels; tests/reliability/coalescing.test.ts checks it
 * bit for bit), so every stream gets exactly what it would have got training alone.
 *
 * When to dispatch: a free training process takes the pending requests of the oldest pending
 * request's key as soon as every connected stream is waiting (has a request pending or in
 * training — nothing more can arrive from it), or the oldest has waited `windowMs`.
 *
 * Each request is validated on its own before it is merged (`validateRequest`), so an invalid
 * request fails alone, with the reference trainer's message; a merged request that fails anyway is
 * retried request by request, so an error reaches only the request that causes it.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { validateRequest } from "../train/validateRequest.ts";
import { coalesceKey } from "./coalesceKey.ts";
import { fromWireRequest, onMessages, sendMessage, type ClientMessage, type WireRequest, type WireTrainedRun } from "./coalesceWire.ts";
import type { WorkerJob, WorkerReply } from "./coalesceTrainWorker.ts";

export interface CoalescingServerOptions {
  /** Training processes (default 1). */
  readonly workers?: number;
  /** Longest wait of a pending request for others to join it while some stream is still computing (ms, default 50). */
  readonly windowMs?: number;
  /** Most runs in one merged request (default 512); more pending runs of one key go in the next. */
  readonly maxRuns?: number;
}

export interface CoalescingStats {
  /** Requests received, and those answered with an error. */
  readonly requests: number;
  readonly errors: number;
  /** Training requests sent to the training processes (merged ones count once). */
  readonly batches: number;
  readonly runs: number;
  /** Busy time of the training processes, summed (s). */
  readonly trainSeconds: number;
  /** Requests per batch: how many batches merged 1, 2, … requests. */
  readonly batchSizes: Readonly<Record<number, number>>;
}

export interface CoalescingServer {
  /** The socket to put in `THEOREM_SPEC_COALESCE_SOCKET`. */
  readonly socketPath: string;
  stats(): CoalescingStats;
  /** The process ids of the training processes now. */
  workerPids(): number[];
  /** Stops accepting, ends the training processes, removes the socket's directory. */
  close(): Promise<void>;
}

interface Pending {
  readonly socket: Socket;
  readonly id: number;
  readonly key: string;
  readonly options: ClientMessage["options"];
  readonly request: WireRequest;
  readonly arrived: number;
}

interface TrainProcess {
  child: ChildProcess;
  busy: boolean;
  exited: boolean;
  readonly jobs: Map<number, (reply: WorkerReply | { job: number; crashed: string }) => void>;
}

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "coalesceTrainWorker.ts");

/** Starts a coalescing server on a fresh Unix socket (in a temporary directory of its own). */
export async function startCoalescingServer(options: CoalescingServerOptions = {}): Promise<CoalescingServer> {
  const workerCount = options.workers ?? 1;
  const windowMs = options.windowMs ?? 50;
  const maxRuns = options.maxRuns ?? 512;
  if (!Number.isSafeInteger(workerCount) || workerCount < 1) throw new Error(`startCoalescingServer: workers is ${workerCount}; expected an integer ≥ 1`);
  if (!(windowMs >= 0)) throw new Error(`startCoalescingServer: windowMs is ${windowMs}; expected a number ≥ 0`);
  const dir = mkdtempSync(path.join(tmpdir(), "theorem-spec-coalesce-"));
  const socketPath = path.join(dir, "trainer.sock");
  const clients = new Set<Socket>();
  /** Requests not yet answered, per client (pending or in training). */
  const open = new Map<Socket, number>();
  const pending: Pending[] = [];
  const stats = { requests: 0, errors: 0, batches: 0, runs: 0, trainSeconds: 0, batchSizes: {} as Record<number, number> };
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  let nextJob = 1;

  const spawnWorker = (): TrainProcess => {
    const child = fork(WORKER_FILE, [], { execArgv: ["--import", "tsx"], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const worker: TrainProcess = { child, busy: false, exited: false, jobs: new Map() };
    child.on("message", (reply: WorkerReply) => worker.jobs.get(reply.job)?.(reply));
    child.on("exit", (code, signal) => {
      worker.exited = true;
      for (const [job, done] of [...worker.jobs]) done({ job, crashed: `the coalescing server's training process ${child.pid} exited (code ${code}, signal ${signal}) while training` });
      worker.jobs.clear();
      if (!closing) {
        const i = workers.indexOf(worker);
        if (i >= 0) workers[i] = spawnWorker();
        schedule();
      }
    });
    return worker;
  };
  const workers: TrainProcess[] = Array.from({ length: workerCount }, spawnWorker);

  const reply = (p: Pending, message: Parameters<typeof sendMessage>[1]): void => {
    if (!p.socket.destroyed) sendMessage(p.socket, message);
  };
  const settle = (p: Pending): void => {
    open.set(p.socket, (open.get(p.socket) ?? 1) - 1);
  };
  const fail = (p: Pending, message: string): void => {
    stats.errors++;
    settle(p);
    reply(p, { type: "error", id: p.id, message });
  };

  /** Trains `group` (one key) on `worker`; resolves with the runs per request, or the error. */
  const run = (worker: TrainProcess, group: readonly Pending[]): Promise<WireTrainedRun[] | { error: string }> => {
    const job = nextJob++;
    const request: WireRequest = { ...group[0]!.request, runs: group.flatMap((p) => p.request.runs), progress: group.some((p) => p.request.progress) };
    const started = performance.now();
    stats.batches++;
    stats.runs += request.runs.length;
    stats.batchSizes[group.length] = (stats.batchSizes[group.length] ?? 0) + 1;
    return new Promise((resolve) => {
      worker.jobs.set(job, (r) => {
        if ("progress" in r) {
          for (const p of group) if (p.request.progress) reply(p, { type: "progress", id: p.id, done: r.progress[0], total: r.progress[1] });
          return;
        }
        worker.jobs.delete(job);
        stats.trainSeconds += (performance.now() - started) / 1000;
        resolve("crashed" in r ? { error: r.crashed } : "error" in r ? { error: r.error } : (r.runs as WireTrainedRun[]));
      });
      const message: WorkerJob = { job, options: group[0]!.options, request };
      worker.child.send(message);
    });
  };

  const dispatch = async (worker: TrainProcess, group: Pending[]): Promise<void> => {
    worker.busy = true;
    try {
      const result = await run(worker, group);
      if (!Array.isArray(result) && group.length > 1 && !worker.exited) {
        // A merged request failed: train each alone, so the error reaches only its request.
        for (const p of group) {
          const alone = await run(worker, [p]);
          if (Array.isArray(alone)) answer(p, alone);
          else fail(p, alone.error);
        }
        return;
      }
      if (!Array.isArray(result)) {
        for (const p of group) fail(p, result.error);
        return;
      }
      let offset = 0;
      for (const p of group) {
        answer(p, result.slice(offset, offset + p.request.runs.length));
        offset += p.request.runs.length;
      }
    } finally {
      worker.busy = false;
      schedule();
    }
  };
  const answer = (p: Pending, runs: WireTrainedRun[]): void => {
    settle(p);
    reply(p, { type: "result", id: p.id, runs });
  };

  /** Dispatches what can go now to free training processes; sets the timer for the rest. */
  function schedule(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (closing) return;
    for (;;) {
      const worker = workers.find((w) => !w.busy && !w.exited);
      if (worker === undefined || pending.length === 0) return;
      const allWaiting = [...clients].every((c) => (open.get(c) ?? 0) > 0);
      const oldest = pending[0]!;
      const waited = performance.now() - oldest.arrived;
      if (!allWaiting && waited < windowMs) {
        timer = setTimeout(schedule, windowMs - waited + 1);
        return;
      }
      const group: Pending[] = [];
      let runs = 0;
      for (let i = 0; i < pending.length; ) {
        const p = pending[i]!;
        if (p.key === oldest.key && (group.length === 0 || runs + p.request.runs.length <= maxRuns)) {
          group.push(p);
          runs += p.request.runs.length;
          pending.splice(i, 1);
        } else i++;
      }
      void dispatch(worker, group);
    }
  }

  const onClientMessage = (socket: Socket, message: ClientMessage): void => {
    if (message?.type !== "train" || typeof message.id !== "number") {
      socket.destroy(new Error(`coalescing server: unexpected message ${JSON.stringify(message)?.slice(0, 200)}`));
      return;
    }
    stats.requests++;
    open.set(socket, (open.get(socket) ?? 0) + 1);
    const p0 = { socket, id: message.id, options: message.options ?? {}, request: message.request, arrived: performance.now() };
    let key: string;
    try {
      const request = fromWireRequest(message.request);
      validateRequest(request);
      key = coalesceKey(request, p0.options, message.request.schedule);
    } catch (error) {
      fail({ ...p0, key: "" }, (error as Error).message);
      schedule();
      return;
    }
    pending.push({ ...p0, key });
    schedule();
  };

  const server: Server = createServer((socket) => {
    clients.add(socket);
    open.set(socket, 0);
    onMessages(socket, (m) => onClientMessage(socket, m as ClientMessage));
    const gone = () => {
      clients.delete(socket);
      open.delete(socket);
      for (let i = pending.length - 1; i >= 0; i--) if (pending[i]!.socket === socket) pending.splice(i, 1);
      schedule();
    };
    socket.on("close", gone);
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });

  return {
    socketPath,
    stats: () => ({ ...stats, batchSizes: { ...stats.batchSizes } }),
    workerPids: () => workers.filter((w) => !w.exited).map((w) => w.child.pid!),
    async close() {
      if (closing) return;
      closing = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const c of clients) c.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.exited) return resolve();
              w.child.once("exit", () => resolve());
              w.child.kill("SIGTERM");
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
