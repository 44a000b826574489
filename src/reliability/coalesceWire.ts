/**
 * The wire of the coalescing trainer (`coalescingServer.ts`, `coalescingClient.ts`): messages
 * framed as a 4-byte big-endian length followed by `v8.serialize(message)` (structured clone:
 * typed arrays cross as they are, bit for bit), over a Unix socket; and the plain-data form of a
 * training request (a schedule is a function, so it crosses as its table of multipliers).
 */
import type { Socket } from "node:net";
import { deserialize, serialize } from "node:v8";
import type { Dataset } from "../data/dataset.ts";
import type { RunStatus, Snapshot, TrainingRequest } from "../train/types.ts";
import { scheduleTable, type CoalescedTrainerOptions } from "./coalesceKey.ts";

/** The environment variable naming the coalescing server's socket in a batched stream's child vitest. */
export const COALESCE_SOCKET_ENV = "THEOREM_SPEC_COALESCE_SOCKET";

/** A run as it crosses the wire (the `RunSpec` fields the trainer reads). */
export interface WireRun {
  readonly seed: number;
  readonly data: Dataset;
  readonly weightDecay: number;
  readonly learningRate: number;
}

/** A `TrainingRequest` as plain data: its fields, but the runs, the schedule and the progress callback in plain form. */
export interface WireRequest extends Omit<TrainingRequest, "runs" | "schedule" | "onProgress"> {
  readonly runs: readonly WireRun[];
  /** m(t, T) for t = 0 … T − 1; absent for the constant schedule. */
  readonly schedule?: Float64Array;
  /** True when the request has an `onProgress` (the server then forwards progress). */
  readonly progress: boolean;
}

export interface WireTrainedRun {
  readonly status: RunStatus;
  readonly reason?: string;
  readonly snapshots: readonly Snapshot[];
}

export type ClientMessage = { readonly type: "train"; readonly id: number; readonly options: CoalescedTrainerOptions; readonly request: WireRequest };
export type ServerMessage =
  | { readonly type: "result"; readonly id: number; readonly runs: readonly WireTrainedRun[] }
  | { readonly type: "error"; readonly id: number; readonly message: string }
  | { readonly type: "progress"; readonly id: number; readonly done: number; readonly total: number };

/** The plain-data form of `request` (its schedule tabulated, its callbacks dropped). */
export function toWireRequest(request: TrainingRequest): WireRequest {
  const schedule = scheduleTable(request);
  return {
    architecture: request.architecture,
    runs: request.runs.map((r) => ({ seed: r.seed, data: { inputs: r.data.inputs, labels: r.data.labels, count: r.data.count, dim: r.data.dim, classes: r.data.classes }, weightDecay: r.weightDecay, learningRate: r.learningRate })),
    batchSize: request.batchSize,
    steps: request.steps,
    ...(schedule === undefined ? {} : { schedule }),
    ...(request.recordAt === undefined ? {} : { recordAt: request.recordAt }),
    ...(request.divergenceFactor === undefined ? {} : { divergenceFactor: request.divergenceFactor }),
    progress: request.onProgress !== undefined,
  };
}

/** A `TrainingRequest` again (the schedule a lookup in its table), for the reference trainer. */
export function fromWireRequest(wire: WireRequest, onProgress?: (done: number, total: number) => void): TrainingRequest {
  const table = wire.schedule;
  return {
    architecture: wire.architecture,
    runs: wire.runs,
    batchSize: wire.batchSize,
    steps: wire.steps,
    ...(table === undefined ? {} : { schedule: (t: number) => table[t]! }),
    ...(wire.recordAt === undefined ? {} : { recordAt: wire.recordAt }),
    ...(wire.divergenceFactor === undefined ? {} : { divergenceFactor: wire.divergenceFactor }),
    ...(onProgress === undefined ? {} : { onProgress }),
  };
}

/** Writes one framed message. */
export function sendMessage(socket: Socket, message: unknown): void {
  const body = serialize(message);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  socket.write(Buffer.concat([head, body]));
}

/** Calls `onMessage` with every framed message arriving on `socket`. */
export function onMessages(socket: Socket, onMessage: (message: unknown) => void): void {
  let buffered: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32BE(0);
      if (buffered.length < 4 + length) break;
      const body = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      onMessage(deserialize(body));
    }
  });
}
