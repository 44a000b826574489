#!/usr/bin/env node
/**
 * A fake trainer for the protocol tests (docs/trainer-protocol.md): plain Node, no dependencies,
 * starts in ~50 ms, trains nothing. It answers every `train` request with the request's initial
 * weights at every snapshot step and a constant loss FAKE_LOSS (0.5), so the suite's view of its
 * answer is known exactly.
 *
 * It misbehaves when told to, by its first argument or FAKE_TRAINER_FAULT (one of FAULTS below);
 * run-level faults hit the last run of the request only. With FAKE_TRAINER_ONCE=<path> it
 * misbehaves only while <path> does not exist and creates it when it does (so a restarted process,
 * and the next request, behave). Other settings:
 *   FAKE_TRAINER_PIDS=<file>   append this process's pid to <file> at the start
 *   FAKE_TRAINER_LOG=<file>    append every stdin line to <file>
 *   FAKE_TRAINER_DELAY_MS=<n>  (fault slow-progress) answer after n ms, with a progress line every n/10 ms
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const FAULTS = [
  "none", "progress", "slow-progress",
  "exit-before-hello", "hang-before-hello", "wrong-protocol", "missing-mode", "stderr-flood", "progress-first",
  "exit-mid-request", "hang", "malformed-json", "stdout-noise", "wrong-id", "second-hello", "bad-field", "error", "wrong-run-count", "wrong-mode",
  "missing-weight-file", "wrong-shape", "wrong-dtype", "missing-steps", "nan-weights", "exploding-loss", "diverged-by-trainer",
];
const FAKE_LOSS = 0.5;

const fault = process.argv[2] ?? process.env.FAKE_TRAINER_FAULT ?? "none";
if (!FAULTS.includes(fault)) {
  process.stderr.write(`fakeTrainer: fault ${JSON.stringify(fault)}; expected one of ${FAULTS.join(", ")}\n`);
  process.exit(2);
}
const once = process.env.FAKE_TRAINER_ONCE;
if (process.env.FAKE_TRAINER_PIDS) appendFileSync(process.env.FAKE_TRAINER_PIDS, `${process.pid}\n`);

/** True when the fault should happen now (and, with FAKE_TRAINER_ONCE, never again). */
function misbehave(name) {
  if (fault !== name) return false;
  if (once !== undefined) {
    if (existsSync(once)) return false;
    writeFileSync(once, name);
  }
  process.stderr.write(`fakeTrainer: misbehaving on purpose (${name})\n`);
  return true;
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const hang = () => setInterval(() => undefined, 1 << 30);

// --- .npy, just what the protocol needs (v1.0, little-endian, C order) ---
function readNpy(path) {
  const bytes = readFileSync(path);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString("latin1");
  const descr = /'descr': '([^']*)'/.exec(header)[1];
  const shape = /'shape': \(([^)]*)\)/.exec(header)[1].split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  const data = bytes.subarray(10 + headerLength);
  const copy = new Uint8Array(data.length);
  copy.set(data);
  const Type = { "<f4": Float32Array, "<f8": Float64Array, "<i4": Int32Array }[descr];
  return { shape, data: new Type(copy.buffer) };
}
function writeNpy(path, array, shape) {
  const descr = array instanceof Float64Array ? "<f8" : "<f4";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  header = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 11, " ") + "\n";
  const pre = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  writeFileSync(path, Buffer.concat([pre, Buffer.from(header, "latin1"), Buffer.from(array.buffer, array.byteOffset, array.byteLength)]));
}

function answer(request) {
  const { dir, recordAt, runs } = request;
  const K = recordAt.length;
  const last = runs.length - 1;
  const out = runs.map((run, s) => {
    const hit = (name) => s === last && misbehave(name);
    let steps = [...recordAt];
    let losses = recordAt.map(() => FAKE_LOSS);
    const result = { status: "ok" };
    if (hit("missing-steps")) {
      steps = steps.slice(0, -1);
      losses = losses.slice(0, -1);
    }
    if (hit("exploding-loss")) losses[K - 1] = 1e12;
    if (hit("diverged-by-trainer")) {
      steps = steps.slice(0, -1);
      losses = losses.slice(0, -1);
      result.status = "diverged";
      result.reason = "fake divergence";
    }
    const nan = hit("nan-weights");
    const wrongShape = hit("wrong-shape");
    const wrongDtype = hit("wrong-dtype");
    const missing = hit("missing-weight-file");
    const weights = run.initialWeights.map((file, k) => {
      const init = readNpy(join(dir, file));
      const [rows, cols] = init.shape;
      const Kout = steps.length;
      const all = new (k === 0 && wrongDtype ? Float64Array : Float32Array)(Kout * rows * cols);
      for (let i = 0; i < Kout; i++) all.set(init.data, i * rows * cols);
      if (k === 0 && nan) all[(Kout - 1) * rows * cols] = Number.NaN;
      const name = `out/run${s}_layer${k}.npy`;
      writeNpy(join(dir, name), all, k === 0 && wrongShape ? [Kout, rows * cols] : [Kout, rows, cols]);
      return k === 0 && missing ? "out/missing.npy" : name;
    });
    return { ...result, steps, losses, weights };
  });
  if (misbehave("wrong-run-count")) out.pop();
  return { type: "result", id: request.id, mode: request.mode, runs: out, timing: { trainSeconds: 0.25 } };
}

function serve(request) {
  if (misbehave("exit-mid-request")) process.exit(4);
  if (misbehave("hang")) return;
  if (misbehave("malformed-json")) return void process.stdout.write("{this is not json\n");
  if (misbehave("error")) return send({ type: "error", id: request.id, message: "fake refuses this request" });
  if (misbehave("stdout-noise")) process.stdout.write("Epoch 1/1 - loss: 0.5000\n");
  if (misbehave("second-hello")) return send({ type: "hello", protocol: 1, name: "again", modes: ["free"] });
  if (misbehave("bad-field")) return send({ type: "result", id: request.id, mode: request.mode, runs: "all of them" });
  if (misbehave("wrong-mode")) return send({ ...answer(request), mode: request.mode === "free" ? "aligned" : "free" });
  const id = misbehave("wrong-id") ? "bogus" : request.id;
  if (fault === "progress") send({ type: "progress", id, done: 0, total: request.steps });
  if (fault === "slow-progress") {
    const delay = Number(process.env.FAKE_TRAINER_DELAY_MS ?? 500);
    const ticker = setInterval(() => send({ type: "progress", id, done: 1, total: request.steps }), delay / 10);
    return void setTimeout(() => {
      clearInterval(ticker);
      send({ ...answer(request), id });
    }, delay);
  }
  send({ ...answer(request), id });
}

if (misbehave("exit-before-hello")) process.exit(3);
if (misbehave("stderr-flood")) {
  process.stderr.write(`${"x".repeat(10_000)}\nfakeTrainer: the end of a long stderr\n`);
  process.exit(5);
}
if (misbehave("progress-first")) send({ type: "progress", id: "r0", done: 0, total: 1 });
if (misbehave("hang-before-hello")) hang();
else {
  const protocol = misbehave("wrong-protocol") ? 2 : 1;
  const modes = misbehave("missing-mode") ? ["aligned"] : ["free", "aligned"];
  send({ type: "hello", protocol, name: "fake trainer 1.0", modes });
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (process.env.FAKE_TRAINER_LOG) appendFileSync(process.env.FAKE_TRAINER_LOG, `${line}\n`);
    const message = JSON.parse(line);
    if (message.type === "shutdown") process.exit(0);
    if (message.type === "train") serve(message);
  });
  lines.on("close", () => process.exit(0));
}
