/**
 * The coalescing trainer of batched streams (src/reliability/coalescingServer.ts): what it returns
 * is bit for bit what the reference trainer returns for each request alone — several shapes,
 * requests arriving interleaved from several "streams" (connections), a diverging run inside a
 * merged request, an invalid request next to valid ones — and it leaves no process or temporary
 * directory behind.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/dataset.ts";
import type { ConvNetConfig } from "../../src/nets/convNet.ts";
import type { MlpConfig } from "../../src/nets/mlp.ts";
import { createRng } from "../../src/random/rng.ts";
import { coalesceKey } from "../../src/reliability/coalesceKey.ts";
import { coalescingTrainer } from "../../src/reliability/coalescingClient.ts";
import { startCoalescingServer, type CoalescingServer } from "../../src/reliability/coalescingServer.ts";
import { stepDecay, warmup } from "../../src/train/schedule.ts";
import { sgdTrainer } from "../../src/train/sgdTrainer.ts";
import type { RunSpec, TrainedRun, TrainingRequest } from "../../src/train/types.ts";

function randomData(count: number, dim: number, classes: number, seed: number): Dataset {
  const rng = createRng(seed);
  return { inputs: Float32Array.from({ length: count * dim }, () => rng.normal()), labels: Int32Array.from({ length: count }, (_, i) => i % classes), count, dim, classes };
}

const mlp: MlpConfig = { inputDim: 6, hidden: [5, 4], outputDim: 3, normalization: "none" };
const wn: MlpConfig = { ...mlp, normalization: "weight" };
const conv: ConvNetConfig = { kind: "conv", inputShape: [8], inputChannels: 2, conv: [{ kernel: 3, stride: 1, channels: 3 }, { kernel: 2, stride: 2, channels: 2 }], outputDim: 3, normalization: "none" };

const runs = (n: number, seed0: number, dim: number, over: Partial<RunSpec> = {}): RunSpec[] =>
  Array.from({ length: n }, (_, i) => ({ seed: seed0 + i, data: randomData(12, dim, 3, 100 + seed0 + i), weightDecay: 0.01 * (i % 2), learningRate: 0.05, ...over }));

/** Requests of two "streams": matching shapes (to be merged) and stream-specific ones. */
function streamRequests(stream: number): TrainingRequest[] {
  const s = 10 * stream;
  return [
    { architecture: mlp, runs: runs(3, s + 1, 6), batchSize: 4, steps: 40, recordAt: [10, 20] },
    { architecture: wn, runs: runs(2, s + 2, 6), batchSize: "full", steps: 30, schedule: warmup(10) },
    { architecture: conv, runs: runs(2, s + 3, 16), batchSize: 6, steps: 25, schedule: stepDecay([0.5], 0.1) },
    // a run that diverges (η far too large) next to ones that do not
    { architecture: wn, runs: [...runs(2, s + 4, 6), { seed: s + 9, data: randomData(12, 6, 3, s), weightDecay: 1e-3, learningRate: 100 }], batchSize: "full", steps: 6, recordAt: [1, 2, 3, 4, 5] },
    // stream-specific shape
    { architecture: { ...mlp, hidden: [4 + stream] }, runs: runs(2, s + 5, 6), batchSize: 3, steps: 15 },
  ];
}

function bits(result: readonly TrainedRun[]): unknown {
  return result.map((r) => ({
    status: r.status,
    reason: r.reason,
    snapshots: r.snapshots.map((s) => ({ step: s.step, loss: Buffer.from(new Float64Array([s.loss]).buffer).toString("hex"), weights: s.weights.map((w) => Buffer.from(w.buffer, w.byteOffset, w.byteLength).toString("hex")) })),
  }));
}

describe("coalescing trainer (batched seed streams)", () => {
  let server: CoalescingServer;
  beforeAll(async () => {
    server = await startCoalescingServer({ workers: 2, windowMs: 500 });
  });
  afterAll(async () => {
    const pids = server.workerPids();
    const dir = path.dirname(server.socketPath);
    await server.close();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(dir)).toBe(false);
  });

  it("the reference trainer's runs do not depend on the other runs of their request (merged = alone, bit for bit)", async () => {
    const reference = sgdTrainer();
    const [a, b] = [streamRequests(0)[0]!, streamRequests(1)[0]!];
    const alone = [...(await reference.train(a)), ...(await reference.train(b))];
    const merged = await reference.train({ ...a, runs: [...b.runs, ...a.runs] });
    expect(bits([...merged.slice(b.runs.length), ...merged.slice(0, b.runs.length)])).toEqual(bits(alone));
  });

  it("keys: equal for the fields shared by a request's runs, different when one differs", () => {
    const [r] = streamRequests(0);
    const k = coalesceKey(r!, {});
    expect(coalesceKey({ ...r!, runs: runs(5, 77, 6) }, {})).toBe(k);
    expect(coalesceKey({ ...r!, schedule: () => 1 }, {})).toBe(k); // the constant schedule is the default
    expect(coalesceKey({ ...r!, recordAt: [20, 10, 10] }, {})).toBe(k);
    for (const other of [{ ...r!, steps: 41 }, { ...r!, batchSize: 3 }, { ...r!, recordAt: [10] }, { ...r!, schedule: warmup(5) }, { ...r!, divergenceFactor: 10 }, { ...r!, architecture: wn }, { ...r!, runs: runs(1, 1, 6).map((x) => ({ ...x, data: randomData(11, 6, 3, 1) })) }]) {
      expect(coalesceKey(other, {})).not.toBe(k);
    }
    expect(coalesceKey(r!, { trainOnlyLastLayer: true })).not.toBe(k);
  });

  it("two streams' requests, interleaved and merged, give each request what the reference gives it alone", async () => {
    const reference = sgdTrainer();
    const frozenReference = sgdTrainer({ trainOnlyLastLayer: true });
    const streams = [0, 1, 2].map((k) => ({ requests: streamRequests(k), trainer: coalescingTrainer("sgd", {}, server.socketPath, `stream ${k}`), frozen: coalescingTrainer("sgd, last layer only", { trainOnlyLastLayer: true }, server.socketPath, `stream ${k}`) }));
    const expected = await Promise.all(streams.map(async (s) => ({ main: await Promise.all(s.requests.map((r) => reference.train(r))), frozen: await frozenReference.train(s.requests[0]!) })));
    // every stream connects first (a small request each), so the server waits for all of them
    await Promise.all(streams.map((s) => s.trainer.train({ architecture: mlp, runs: runs(1, 5, 6), batchSize: "full", steps: 1 })));
    const before = server.stats();
    const got = await Promise.all(
      streams.map(async (s, k) => {
        const main: TrainedRun[][] = [];
        // each stream sends its requests in its own order, one at a time, as a spec does
        const order = k % 2 === 0 ? s.requests : [...s.requests].reverse();
        for (const r of order) main[s.requests.indexOf(r)] = await s.trainer.train(r);
        return { main, frozen: await s.frozen.train(s.requests[0]!) };
      }),
    );
    got.forEach((g, k) => {
      expect(bits(g.frozen)).toEqual(bits(expected[k]!.frozen));
      g.main.forEach((result, i) => {
        expect(result.map((r) => r.spec)).toEqual(streams[k]!.requests[i]!.runs); // the caller's own run specs
        expect(bits(result)).toEqual(bits(expected[k]!.main[i]!));
      });
    });
    expect(got[0]!.main[3]!.map((r) => r.status)).toEqual(["ok", "ok", "diverged"]);
    const after = server.stats();
    expect(after.requests - before.requests).toBe(18);
    expect(after.batches - before.batches).toBeLessThan(18); // some requests were merged
  }, 120_000);

  it("an invalid request fails alone, with the reference trainer's message; the requests merged next to it succeed", async () => {
    const good = streamRequests(0)[0]!;
    const bad: TrainingRequest = { ...good, runs: runs(2, 1, 6, { learningRate: -1 }) };
    const referenceError = await sgdTrainer().train(bad).then(() => undefined, (e: Error) => e.message);
    expect(referenceError).toBeDefined();
    const [t1, t2] = [coalescingTrainer("sgd", {}, server.socketPath, "bad 1"), coalescingTrainer("sgd", {}, server.socketPath, "bad 2")];
    const [ok, failed] = await Promise.allSettled([t1.train(good), t2.train(bad)]);
    expect(ok.status).toBe("fulfilled");
    expect(bits((ok as PromiseFulfilledResult<TrainedRun[]>).value)).toEqual(bits(await sgdTrainer().train(good)));
    expect(failed.status).toBe("rejected");
    expect((failed as PromiseRejectedResult).reason.message).toBe(referenceError);
  }, 60_000);

  it("a training process that dies fails its requests with a clear error and is replaced", async () => {
    const trainer = coalescingTrainer("sgd", {}, server.socketPath, "crash");
    const long: TrainingRequest = { architecture: mlp, runs: runs(2, 3, 6), batchSize: 4, steps: 50_000_000 };
    const batches = server.stats().batches;
    const pending = trainer.train(long);
    while (server.stats().batches === batches) await new Promise((r) => setTimeout(r, 50));
    for (const pid of server.workerPids()) process.kill(pid, "SIGKILL");
    await expect(pending).rejects.toThrow(/training process \d+ exited \(code null, signal SIGKILL\) while training/);
    const short = streamRequests(0)[4]!;
    expect(bits(await trainer.train(short))).toEqual(bits(await sgdTrainer().train(short)));
  }, 60_000);

  it("clear errors without a server", async () => {
    await expect(coalescingTrainer("sgd", {}, undefined).train(streamRequests(0)[0]!)).rejects.toThrow(/THEOREM_SPEC_COALESCE_SOCKET is not set/);
    await expect(coalescingTrainer("sgd", {}, "/nonexistent/theorem-spec.sock").train(streamRequests(0)[0]!)).rejects.toThrow(/cannot reach the coalescing server at \/nonexistent\/theorem-spec.sock/);
    await expect(startCoalescingServer({ workers: 0 })).rejects.toThrow(/workers is 0/);
  });
});
