/**
 * The stream side of the coalescing trainer (`coalescingServer.ts`): a `Trainer` with the
 * reference trainer's name whose requests are trained by the server. One connection per process,
 * opened on the first request; results carry the caller's own `RunSpec` objects.
 */
import { connect, type Socket } from "node:net";
import type { Trainer, TrainedRun, TrainingRequest } from "../train/types.ts";
import type { CoalescedTrainerOptions } from "./coalesceKey.ts";
import { COALESCE_SOCKET_ENV, onMessages, sendMessage, toWireRequest, type ServerMessage } from "./coalesceWire.ts";

interface Waiting {
  readonly request: TrainingRequest;
  readonly resolve: (runs: TrainedRun[]) => void;
  readonly reject: (error: Error) => void;
}

interface Connection {
  readonly socket: Socket;
  readonly ready: Promise<void>;
  readonly waiting: Map<number, Waiting>;
  nextId: number;
  failure?: Error;
}

const connections = new Map<string, Connection>();

function connection(socketPath: string, key: string): Connection {
  const known = connections.get(key);
  if (known !== undefined && known.failure === undefined) return known;
  const socket = connect(socketPath);
  const waiting = new Map<number, Waiting>();
  const ready = new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", (error) => reject(new Error(`coalescing trainer: cannot reach the coalescing server at ${socketPath} (${COALESCE_SOCKET_ENV}): ${error.message}`)));
  });
  ready.catch(() => undefined);
  const c: Connection = { socket, ready, waiting, nextId: 1 };
  const broken = (why: string) => {
    c.failure ??= new Error(`coalescing trainer: the connection to the coalescing server at ${socketPath} ${why}`);
    for (const w of waiting.values()) w.reject(c.failure);
    waiting.clear();
  };
  socket.on("error", (error) => broken(`failed: ${error.message}`));
  socket.on("close", () => broken("closed"));
  socket.unref();
  onMessages(socket, (raw) => {
    const m = raw as ServerMessage;
    const w = waiting.get(m.id);
    if (w === undefined) return;
    if (m.type === "progress") {
      w.request.onProgress?.(m.done, m.total);
      return;
    }
    waiting.delete(m.id);
    if (waiting.size === 0) socket.unref();
    if (m.type === "error") w.reject(new Error(m.message));
    else w.resolve(m.runs.map((r, i) => ({ spec: w.request.runs[i]!, status: r.status, ...(r.reason === undefined ? {} : { reason: r.reason }), snapshots: r.snapshots })));
  });
  connections.set(key, c);
  return c;
}

/**
 * The reference trainer `sgdTrainer(options)`, trained by the coalescing server at `socketPath`
 * (default `THEOREM_SPEC_COALESCE_SOCKET`). Trainers of one process share one connection, unless
 * `connection` names another (the tests play several streams in one process that way).
 * @throws on the first request when no socket is named or the server cannot be reached.
 */
export function coalescingTrainer(name: string, options: CoalescedTrainerOptions = {}, socketPath: string | undefined = process.env[COALESCE_SOCKET_ENV], connectionName = "shared"): Trainer {
  return {
    name,
    async train(request) {
      if (socketPath === undefined || socketPath === "") throw new Error(`coalescing trainer: ${COALESCE_SOCKET_ENV} is not set; it names the socket of the coalescing server (scripts/reliability.ts flake --batched)`);
      const wire = toWireRequest(request);
      const c = connection(socketPath, `${connectionName}\0${socketPath}`);
      await c.ready;
      if (c.failure !== undefined) throw c.failure;
      const id = c.nextId++;
      return new Promise<TrainedRun[]>((resolve, reject) => {
        c.waiting.set(id, { request, resolve, reject });
        c.socket.ref();
        sendMessage(c.socket, { type: "train", id, options, request: wire });
      });
    },
  };
}
