/**
 * A training process of the coalescing server (`coalescingServer.ts`): forked with an IPC channel
 * (advanced serialisation, so typed arrays cross bit for bit); trains every request it is sent
 * with the reference trainer `sgdTrainer(options)` and sends back the runs or the error.
 */
import { sgdTrainer } from "../train/sgdTrainer.ts";
import type { CoalescedTrainerOptions } from "./coalesceKey.ts";
import { fromWireRequest, type WireRequest } from "./coalesceWire.ts";

export interface WorkerJob {
  readonly job: number;
  readonly options: CoalescedTrainerOptions;
  readonly request: WireRequest;
}

export type WorkerReply =
  | { readonly job: number; readonly runs: ReadonlyArray<{ status: string; reason?: string; snapshots: unknown }> }
  | { readonly job: number; readonly error: string }
  | { readonly job: number; readonly progress: readonly [number, number] };

if (process.send === undefined) throw new Error("coalesceTrainWorker: run me with child_process.fork (an IPC channel is needed)");

process.on("message", (message: WorkerJob) => {
  void (async () => {
    const { job, options, request } = message;
    try {
      const onProgress = request.progress ? (done: number, total: number) => process.send!({ job, progress: [done, total] }) : undefined;
      const runs = await sgdTrainer(options).train(fromWireRequest(request, onProgress));
      process.send!({ job, runs: runs.map((r) => ({ status: r.status, ...(r.reason === undefined ? {} : { reason: r.reason }), snapshots: r.snapshots })) });
    } catch (error) {
      process.send!({ job, error: (error as Error).message ?? String(error) });
    }
  })();
});
// Ends with its parent: the IPC channel closing means the server is gone.
process.on("disconnect", () => process.exit(0));
