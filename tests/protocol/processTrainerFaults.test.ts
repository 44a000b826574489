/**
 * The fault table of docs/trainer-protocol.md ("Faults are verdicts"), fault by fault, over
 * generated request shapes: the affected runs come back diverged with a reason naming the fault
 * (and the trainer's stderr where it wrote any), the other runs are intact, a process-level fault
 * restarts the process and the next request succeeds, no request directory and no process is left.
 */
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { processTrainer } from "../../src/protocol/processTrainer.ts";
import { recordSteps } from "../../src/protocol/writeRequestFiles.ts";
import { expectFakeAnswer, fakeCommand, requestOf, requestShapeArb, sandbox, survivors } from "./fakeTrainerHarness.ts";

/** Generated request shapes per fault: each case starts one or two processes (~50–300 ms each). */
const NUM_RUNS = 2;
/** Short enough to keep the timeout cases fast, long enough for a loaded 2-core machine to start node. */
const SHORT_TIMEOUT_MS = 3000;
const SHORT = `${SHORT_TIMEOUT_MS / 1000} s`;
const LONG_TIMEOUT_MS = 30_000;

interface FaultCase {
  /** Which runs the fault affects: all of the request, or the last run only. */
  readonly scope: "all" | "last";
  /** Whether the process is killed and a new one serves the next request. */
  readonly restart: boolean;
  readonly reason: (request: { steps: number; runs: number }) => RegExp;
  /** The fake wrote "misbehaving on purpose (<fault>)" on stderr and the reason must show it. */
  readonly stderr: boolean;
  /** For the divergence rule: the affected run keeps every snapshot but the last. */
  readonly keepsAllButLast?: boolean;
  readonly startTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

const FAULTS: Record<string, FaultCase> = {
  "exit-before-hello": { scope: "all", restart: true, stderr: true, reason: () => /^trainer fault: trainer process \(.*\) exited with code 3 before its hello/ },
  "stderr-flood": { scope: "all", restart: true, stderr: false, reason: () => /exited with code 5 before its hello; stderr \(last 4 KiB\): x+\nfakeTrainer: the end of a long stderr$/ },
  "hang-before-hello": {
    scope: "all",
    restart: true,
    stderr: true,
    startTimeoutMs: SHORT_TIMEOUT_MS,
    reason: () => new RegExp(`was silent for ${SHORT} \\(THEOREM_SPEC_TRAINER_START_TIMEOUT = ${SHORT}\\) before its hello`),
  },
  "wrong-protocol": { scope: "all", restart: true, stderr: true, reason: () => /trainer "fake trainer 1\.0" speaks protocol 2; this suite speaks protocol 1/ },
  "missing-mode": { scope: "all", restart: true, stderr: true, reason: () => /trainer "fake trainer 1\.0" supports modes \["aligned"\]; the suite asks for "free"/ },
  "progress-first": { scope: "all", restart: true, stderr: true, reason: () => /trainer process \(.*\) sent a "progress" message first; expected \{"type": "hello", …\}/ },
  "second-hello": { scope: "all", restart: true, stderr: true, reason: () => /trainer sent a second "hello" during request r1; expected "progress", "result" or "error"/ },
  "bad-field": { scope: "all", restart: true, stderr: true, reason: () => /request r1: the trainer's line ".*": the "result" message's runs is "all of them"; expected an array with one entry per request run; killed/ },
  "wrong-mode": { scope: "all", restart: false, stderr: true, reason: () => /trainer result for request r1 is in mode "aligned"; expected "free"/ },
  "exit-mid-request": { scope: "all", restart: true, stderr: true, reason: () => /^trainer fault: request r1: the trainer process exited with code 4; killed/ },
  hang: {
    scope: "all",
    restart: true,
    stderr: true,
    requestTimeoutMs: SHORT_TIMEOUT_MS,
    reason: () => new RegExp(`request r1: the trainer process was silent for ${SHORT} \\(THEOREM_SPEC_TRAINER_TIMEOUT = ${SHORT}\\); killed`),
  },
  "malformed-json": { scope: "all", restart: true, stderr: true, reason: () => /request r1: the trainer's line "\{this is not json" is not JSON; expected one protocol message .*; killed/ },
  "stdout-noise": { scope: "all", restart: true, stderr: true, reason: () => /line "Epoch 1\/1 - loss: 0\.5000" is not JSON/ },
  "wrong-id": { scope: "all", restart: true, stderr: true, reason: () => /trainer sent a "result" for id "bogus" during request r1; expected id "r1"/ },
  error: { scope: "all", restart: false, stderr: true, reason: () => /trainer error for request r1: fake refuses this request/ },
  "wrong-run-count": { scope: "all", restart: false, stderr: true, reason: ({ runs }) => new RegExp(`result for request r1 has ${runs - 1} runs; expected ${runs} \\(one per request run\\)`) },
  "missing-weight-file": { scope: "last", restart: false, stderr: true, reason: () => /^trainer fault: result\.runs\[\d\]\.weights\[0\] "out\/missing\.npy": npy file .*missing\.npy: cannot be read/ },
  "wrong-shape": { scope: "last", restart: false, stderr: true, reason: () => /weights\[0\] "out\/run\d_layer0\.npy" has shape \[\d+, \d+\]; expected \[K = \d+ snapshots, \d+, \d+\]/ },
  "wrong-dtype": { scope: "last", restart: false, stderr: true, reason: () => /weights\[0\] "out\/run\d_layer0\.npy" has dtype '<f8'; expected '<f4' \(float32\)/ },
  "missing-steps": { scope: "last", restart: false, stderr: true, reason: () => /\.steps is \[.*\] \(status ok\); expected recordAt \[.*\];/ },
  "nan-weights": { scope: "last", restart: false, stderr: false, keepsAllButLast: true, reason: ({ steps }) => new RegExp(`^weights of layer 0 are not finite at step ${steps}$`) },
  "exploding-loss": {
    scope: "last",
    restart: false,
    stderr: false,
    keepsAllButLast: true,
    reason: ({ steps }) => new RegExp(`^loss 1\\.000e\\+12 at step ${steps} exceeds 1000 × max\\(1, initial loss 0\\.5000\\)$`),
  },
  "diverged-by-trainer": { scope: "last", restart: false, stderr: false, keepsAllButLast: true, reason: () => /^trainer: fake divergence$/ },
};

/** The faults that wait out a short timeout: run last, concurrently with each other (their time is waiting, not work). */
const waitsOutTimeout = (c: FaultCase): boolean => c.startTimeoutMs !== undefined || c.requestTimeoutMs !== undefined;
const ORDERED = [...Object.entries(FAULTS).filter(([, c]) => !waitsOutTimeout(c)), ...Object.entries(FAULTS).filter(([, c]) => waitsOutTimeout(c))];

describe("processTrainer: every fault of the protocol is a verdict, never a crash", () => {
  for (const [fault, expected] of ORDERED) {
    const test = waitsOutTimeout(expected) ? it.concurrent : it;
    test(`${fault}: ${expected.scope === "all" ? "every run" : "the last run"} diverged with the reason; ${expected.restart ? "the process is restarted" : "the process is kept"}, the next request succeeds, nothing is left behind`, async ({ expect }) => {
      await fc.assert(
        fc.asyncProperty(requestShapeArb, async (shape) => {
          const box = sandbox();
          const trainer = processTrainer({
            command: fakeCommand(fault),
            env: box.env,
            tempRoot: box.tempRoot,
            mode: "free",
            startTimeoutMs: expected.startTimeoutMs ?? LONG_TIMEOUT_MS,
            requestTimeoutMs: expected.requestTimeoutMs ?? LONG_TIMEOUT_MS,
          });
          try {
            const request = requestOf(shape);
            const runs = await trainer.train(request);
            expect(runs).toHaveLength(request.runs.length);
            expect(readdirSync(box.tempRoot)).toEqual([]);
            const reason = expected.reason({ steps: request.steps, runs: request.runs.length });
            runs.forEach((run, s) => {
              expect(run.spec).toBe(request.runs[s]);
              const affected = expected.scope === "all" || s === runs.length - 1;
              if (!affected) {
                expect(run.status).toBe("ok");
                expectFakeAnswer(run, request);
                return;
              }
              expect(run.status).toBe("diverged");
              expect(run.reason).toMatch(reason);
              if (expected.stderr) expect(run.reason).toContain(`; stderr (last 4 KiB): fakeTrainer: misbehaving on purpose (${fault})`);
              if (expected.keepsAllButLast) expectFakeAnswer(run, request, recordSteps(request).length - 1);
              else expect(run.snapshots).toEqual([]);
            });
            const next = await trainer.train(request);
            for (const run of next) {
              expect(run.status).toBe("ok");
              expectFakeAnswer(run, request);
            }
            expect(readdirSync(box.tempRoot)).toEqual([]);
            expect(box.pids()).toHaveLength(expected.restart ? 2 : 1);
            expect(trainer.stats().requests).toBe(2);
          } finally {
            await trainer.close();
            const pids = box.pids();
            box.dispose();
            expect(await survivors(pids)).toEqual([]);
          }
        }),
        { numRuns: NUM_RUNS },
      );
    });
  }
});
