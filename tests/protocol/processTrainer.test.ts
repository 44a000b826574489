import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { processTrainer } from "../../src/protocol/processTrainer.ts";
import { trainerMode } from "../../src/protocol/trainerMode.ts";
import { trainerTimeouts } from "../../src/protocol/trainerTimeouts.ts";
import { expectFakeAnswer, fakeCommand, requestOf, sandbox, survivors, type RequestShape } from "./fakeTrainerHarness.ts";

const SHAPE: RequestShape = { runs: 2, dim: 3, hidden: [4], classes: 3, binary: false, count: 6, batch: 2, steps: 5, extraRecord: [2], seed: 11, normalization: "none" };

/** Runs `body` with a fake trainer in a sandbox; closes it and checks that no process is left. */
async function withFake(fault: string, options: Partial<Parameters<typeof processTrainer>[0]>, body: (trainer: ReturnType<typeof processTrainer>, box: ReturnType<typeof sandbox>) => Promise<void>): Promise<void> {
  const box = sandbox();
  const trainer = processTrainer({ command: fakeCommand(fault), env: box.env, tempRoot: box.tempRoot, mode: "free", ...options });
  try {
    await body(trainer, box);
  } finally {
    await trainer.close();
    const pids = box.pids();
    box.dispose();
    expect(await survivors(pids)).toEqual([]);
  }
}

describe("processTrainer: a trainer process serving the suite's requests", () => {
  it("names itself by its command until hello, then by hello's name and the mode; counts requests and time", async () => {
    await withFake("progress", { mode: "aligned" }, async (trainer) => {
      expect(trainer.name).toBe(fakeCommand("progress"));
      expect(trainer.mode).toBe("aligned");
      expect(trainer.stats()).toEqual({ requests: 0, wallSeconds: 0, trainSeconds: 0 });
      expect(await trainer.hello()).toEqual({ type: "hello", protocol: 1, name: "fake trainer 1.0", modes: ["free", "aligned"] });
      expect(trainer.name).toBe("fake trainer 1.0 (aligned)");
      expect(await trainer.implementationName()).toBe("fake trainer 1.0 (aligned)");
      const progress: Array<[number, number]> = [];
      const request = { ...requestOf(SHAPE), onProgress: (done: number, total: number) => progress.push([done, total]) };
      const runs = await trainer.train(request);
      for (const run of runs) expectFakeAnswer(run, request);
      expect(progress).toEqual([[0, 5]]);
      const stats = trainer.stats();
      expect(stats.requests).toBe(1);
      expect(stats.trainSeconds).toBe(0.25);
      expect(stats.wallSeconds).toBeGreaterThan(0);
    });
  });

  it("serves concurrent train() calls one at a time, in order, from one process", async () => {
    await withFake("none", {}, async (trainer, box) => {
      const requests = [1, 2, 3].map((s) => requestOf({ ...SHAPE, seed: s, runs: s }));
      const results = await Promise.all(requests.map((r) => trainer.train(r)));
      results.forEach((runs, i) => runs.forEach((run) => expectFakeAnswer(run, requests[i]!)));
      expect(box.loggedLines().map((l) => (l as { id: string }).id)).toEqual(["r1", "r2", "r3"]);
      expect(box.pids()).toHaveLength(1);
      expect(readdirSync(box.tempRoot)).toEqual([]);
    });
  });

  it("a trainer that reports progress never times out: every message restarts the silence clock", async () => {
    await withFake("slow-progress", { requestTimeoutMs: 1000, env: { ...process.env, FAKE_TRAINER_DELAY_MS: "2500" } }, async (trainer) => {
      const request = requestOf(SHAPE);
      for (const run of await trainer.train(request)) expectFakeAnswer(run, request);
    });
  });

  it("hello() rejects, clearly, a trainer of another protocol, without the mode, or that cannot start", async () => {
    await withFake("wrong-protocol", {}, async (trainer) => {
      await expect(trainer.hello()).rejects.toThrow(/trainer "fake trainer 1\.0" speaks protocol 2; this suite speaks protocol 1; stderr \(last 4 KiB\): fakeTrainer: misbehaving/);
      expect(trainer.name).toBe(fakeCommand("wrong-protocol"));
    });
    await withFake("missing-mode", {}, async (trainer) => {
      await expect(trainer.implementationName()).rejects.toThrow(/supports modes \["aligned"\]; the suite asks for "free" \(THEOREM_SPEC_TRAINER_MODE\)/);
    });
    await withFake("none", { cwd: "/nonexistent/dir" }, async (trainer) => {
      await expect(trainer.hello()).rejects.toThrow(/trainer process \(.*\) could not be started \(spawn \/bin\/sh ENOENT\) before its hello/);
      const [run] = await trainer.train(requestOf({ ...SHAPE, runs: 1 }));
      expect(run!.reason).toMatch(/^trainer fault: trainer process .* could not be started/);
    });
  });

  it("rejects an invalid request as sgdTrainer does, and abandons the process when onProgress throws", async () => {
    await withFake("progress", {}, async (trainer, box) => {
      await expect(trainer.train({ ...requestOf(SHAPE), steps: 0 })).rejects.toThrow(/TrainingRequest\.steps = 0; expected an integer ≥ 1/);
      const throwing = { ...requestOf(SHAPE), onProgress: () => { throw new Error("display broke"); } };
      await expect(trainer.train(throwing)).rejects.toThrow("display broke");
      const request = requestOf(SHAPE);
      for (const run of await trainer.train(request)) expectFakeAnswer(run, request);
      expect(box.pids()).toHaveLength(2);
      expect(readdirSync(box.tempRoot)).toEqual([]);
    });
  });

  it("refuses bad options and environment values, naming them and what was expected", () => {
    expect(() => processTrainer({ command: " " })).toThrow(/processTrainer: command is " "; expected a shell command line/);
    expect(() => processTrainer({ command: "x", mode: "sloppy" as "free" })).toThrow(/processTrainer: mode = "sloppy"; expected "free" or "aligned"/);
    expect(() => processTrainer({ command: "x", startTimeoutMs: -1 })).toThrow(/processTrainer: startTimeoutMs = -1; expected a number of milliseconds > 0/);
    expect(trainerMode(undefined, {})).toBe("free");
    expect(trainerMode(undefined, { THEOREM_SPEC_TRAINER_MODE: " aligned " })).toBe("aligned");
    expect(() => trainerMode(undefined, { THEOREM_SPEC_TRAINER_MODE: "exact" })).toThrow(/THEOREM_SPEC_TRAINER_MODE = "exact"; expected "free" or "aligned"/);
    expect(trainerTimeouts({}, {})).toEqual({ startMs: 120_000, silenceMs: 600_000 });
    expect(trainerTimeouts({}, { THEOREM_SPEC_TRAINER_START_TIMEOUT: "2.5", THEOREM_SPEC_TRAINER_TIMEOUT: "" })).toEqual({ startMs: 2500, silenceMs: 600_000 });
    expect(trainerTimeouts({ requestTimeoutMs: 10 }, { THEOREM_SPEC_TRAINER_TIMEOUT: "abc" })).toEqual({ startMs: 120_000, silenceMs: 10 });
    expect(() => trainerTimeouts({}, { THEOREM_SPEC_TRAINER_TIMEOUT: "abc" })).toThrow(/THEOREM_SPEC_TRAINER_TIMEOUT="abc"; expected a number of seconds > 0 \(default 600\)/);
  });

  it("never keeps Node alive and never outlives it: a script that forgets close() exits, and its trainer process is gone", async () => {
    const box = sandbox();
    try {
      const script = join(box.root, "forgetful.mts");
      const api = pathToFileURL(join(import.meta.dirname, "../../src/protocol/processTrainer.ts")).href;
      const harness = pathToFileURL(join(import.meta.dirname, "fakeTrainerHarness.ts")).href;
      writeFileSync(
        script,
        `import { processTrainer } from ${JSON.stringify(api)};
import { fakeCommand, requestOf } from ${JSON.stringify(harness)};
const trainer = processTrainer({ command: fakeCommand("none"), tempRoot: ${JSON.stringify(box.tempRoot)} });
const runs = await trainer.train(requestOf(${JSON.stringify(SHAPE)}));
console.log(runs.map((r) => r.status).join(","));
`,
      );
      const run = spawnSync(process.execPath, ["--import", "tsx", script], { env: box.env, encoding: "utf8", timeout: 90_000, cwd: join(import.meta.dirname, "../..") });
      expect(run.stderr).toBe("");
      expect(run.signal).toBeNull();
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe("ok,ok");
      expect(box.pids()).toHaveLength(1);
      expect(await survivors(box.pids())).toEqual([]);
    } finally {
      box.dispose();
    }
  });
});
