import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeNpy } from "../../src/protocol/npy.ts";
import { parseTrainerLine } from "../../src/protocol/parseTrainerLine.ts";
import type { ResultMessage } from "../../src/protocol/protocolMessages.ts";
import { readResultRuns } from "../../src/protocol/readResultRuns.ts";
import { writeRequestFiles } from "../../src/protocol/writeRequestFiles.ts";
import { requestOf } from "./fakeTrainerHarness.ts";

const dir = mkdtempSync(join(tmpdir(), "theorem-spec-result-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One run, layers [2, 3] and [2, 2], steps 4, recordAt [0, 2, 4].
const request = requestOf({ runs: 1, dim: 3, hidden: [2], classes: 2, binary: false, count: 4, batch: "full", steps: 4, extraRecord: [2], seed: 1, normalization: "none" });
const message = writeRequestFiles(dir, request, { id: "r1", mode: "free" });
writeNpy(join(dir, "out/w0.npy"), new Float32Array(3 * 6), [3, 2, 3]);
writeNpy(join(dir, "out/w1.npy"), new Float32Array(3 * 4), [3, 2, 2]);
writeNpy(join(dir, "out/w0_2.npy"), new Float32Array(2 * 6), [2, 2, 3]);
writeNpy(join(dir, "out/w1_2.npy"), new Float32Array(2 * 4), [2, 2, 2]);

function readOne(run: unknown) {
  const result: ResultMessage = { type: "result", id: "r1", mode: "free", runs: [run as ResultMessage["runs"][number]] };
  return readResultRuns(dir, request, message, result)[0]!;
}
const good = { status: "ok", steps: [0, 2, 4], losses: [1, 0.5, 0.25], weights: ["out/w0.npy", "out/w1.npy"] };

describe("readResultRuns: each result run checked on its own", () => {
  it("reads a good run, and applies the divergence rule (null loss; loss above the limit from a large initial loss)", () => {
    const ok = readOne(good);
    expect(ok.status).toBe("ok");
    expect(ok.snapshots.map((s) => [s.step, s.loss])).toEqual([[0, 1], [2, 0.5], [4, 0.25]]);
    expect(readOne({ ...good, losses: [1, null, 0.25] })).toMatchObject({ status: "diverged", reason: "loss is null (not finite) at step 2" });
    expect(readOne({ ...good, losses: [5, 4000, 6000] })).toMatchObject({ status: "diverged", reason: "loss 6000 at step 4 exceeds 1000 × max(1, initial loss 5.000)" });
    expect(readOne({ ...good, losses: [Number.NaN, 1, 1] }).snapshots).toEqual([]);
  });

  it("a run the trainer declares diverged keeps its prefix of snapshots (possibly none)", () => {
    const two = { status: "diverged", steps: [0, 2], losses: [1, 1], weights: ["out/w0_2.npy", "out/w1_2.npy"] };
    expect(readOne({ ...two, reason: "nan at step 3" })).toMatchObject({ status: "diverged", reason: "trainer: nan at step 3" });
    expect(readOne(two).reason).toBe("trainer: diverged (no reason given)");
    writeNpy(join(dir, "out/e0.npy"), new Float32Array(0), [0, 2, 3]);
    writeNpy(join(dir, "out/e1.npy"), new Float32Array(0), [0, 2, 2]);
    expect(readOne({ status: "diverged", steps: [], losses: [], weights: ["out/e0.npy", "out/e1.npy"] })).toMatchObject({ status: "diverged", snapshots: [] });
  });

  it("a malformed run is a fault of that run, named with the field and what was expected", () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /^trainer fault: result\.runs\[0\] is null; expected \{ status, steps, losses, weights \}$/],
      [{ ...good, status: "fine" }, /\.status is "fine"; expected "ok" or "diverged"/],
      [{ ...good, steps: "all" }, /\.steps is "all"; expected an array of integer steps/],
      [{ ...good, status: "diverged", steps: [0, 4] }, /\.steps is \[0,4\] \(status diverged\); expected recordAt \[0,2,4\] or a prefix of it/],
      [{ ...good, losses: [1, 2] }, /\.losses is \[1,2\]; expected 3 numbers \(or null when not finite\), one per step/],
      [{ ...good, weights: ["out/w0.npy"] }, /\.weights is \["out\/w0\.npy"\]; expected 2 paths \(one \.npy per layer\)/],
      [{ ...good, weights: ["out/w0.npy", "out/w0.npy"] }, /\.weights\[1\] "out\/w0\.npy" has shape \[3, 2, 3\]; expected \[K = 3 snapshots, 2, 2\]/],
    ];
    for (const [run, reason] of cases) expect(readOne(run)).toMatchObject({ status: "diverged", snapshots: [], reason: expect.stringMatching(reason) });
  });
});

describe("parseTrainerLine: the trainer's lines, checked by hand with clear messages", () => {
  it("accepts the four trainer messages and refuses the rest, quoting the line and naming the field", () => {
    expect(parseTrainerLine('{"type":"progress","id":"r1","done":1,"total":2}')).toEqual({ type: "progress", id: "r1", done: 1, total: 2 });
    expect(parseTrainerLine('{"type":"error","id":"r1","message":"no"}').type).toBe("error");
    const cases: Array<[string, RegExp]> = [
      ["[1, 2]", /^line "\[1, 2\]" is not a JSON object; expected a protocol message/],
      ['{"type":"train"}', /has type "train"; expected one of "hello", "progress", "result", "error"/],
      ['{"kind":"hello"}', /has type missing; expected one of/],
      ['{"type":"hello","protocol":"1","name":"x","modes":["free"]}', /the "hello" message's protocol is "1"; expected an integer \(1\)/],
      ['{"type":"hello","protocol":1,"name":"","modes":["free"]}', /the "hello" message's name is ""; expected a non-empty string/],
      ['{"type":"hello","protocol":1,"name":"x","modes":["fast"]}', /the "hello" message's modes is \["fast"\]; expected a non-empty array of "free", "aligned"/],
      ['{"type":"progress","id":"r1","done":"half","total":2}', /the "progress" message's done is "half"; expected a finite number/],
      ['{"type":"result","id":"r1","mode":"exact","runs":[]}', /the "result" message's mode is "exact"; expected "free" or "aligned"/],
      ['{"type":"result","id":"r1","mode":"free","runs":[],"timing":{"trainSeconds":-1}}', /the "result" message's timing is \{"trainSeconds":-1\}; expected \{ trainSeconds\?: a number ≥ 0 \}/],
      ['{"type":"error","id":"r1"}', /the "error" message's message is missing; expected a string/],
      [`{"type":"nonsense","pad":"${"x".repeat(300)}"}`, /^line "\{.{190,}…" has type "nonsense"/],
    ];
    for (const [line, message] of cases) expect(() => parseTrainerLine(line)).toThrow(message);
  });
});
