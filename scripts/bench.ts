/**
 * `npm run bench`: throughput of the reference workloads on the active TensorFlow.js backend, for
 * each trainer of `TRAINERS` and, when PyTorch is installed, of the same workloads in PyTorch on
 * one thread, trained both one run after another and batched (`torch.bmm` over a run axis), with
 * both ratios per workload; the kernels per training step (`kernelsPerStep`); the NC metrics on
 * 10 000 × 256 features; then the wall time of one claim spec at the ci profile. Everything in one
 * invocation, so under the same load (printed before and after).
 *
 * Repetitions alternate (ABAB…): per workload, after one warm-up call of each, repetition i runs
 * every trainer once, then each PyTorch mode once (`bench/torch_reference.py --serve`), so each
 * ratio is of two times taken seconds apart; a ratio is the median of the per-repetition ratios,
 * with its sign-test interval (`pairedRatios.ts`) — the load of a shared machine drifts within
 * minutes, which moved the ratios of separately timed blocks by ± 20 % between invocations.
 *
 *   npm run bench                   # everything, 9 repetitions (≈ 5 min on 2 cores, quiet)
 *   npm run bench -- --quick        # 5 repetitions, no spec timing
 *   npm run bench -- --repetitions 15
 *   npm run bench -- --out file.json
 *
 * PyTorch reference (optional): `apt-get install python3-torch libopenblas0-pthread`; the bench
 * runs it with OPENBLAS_NUM_THREADS=1. Results: a table on stdout and `bench-results.json`.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { activeBackend, initBackend, trainerEngine } from "../src/backend.ts";
import { kernelsPerStep } from "../src/bench/kernelsPerStep.ts";
import { measure, type Measurement, summarize } from "../src/bench/measure.ts";
import { type PairedRatios, pairedRatios } from "../src/bench/pairedRatios.ts";
import { startTorchReference, type TorchReference } from "../src/bench/torchReference.ts";
import { claimMlpWorkload, metricsWorkload, treeCnnWorkload, type TrainingWorkload, wideMlpWorkload } from "../src/bench/workloads.ts";
import { isProcessTrainer, pytorchCommand } from "../src/implementation/activeImplementation.ts";
import { processTrainer } from "../src/protocol/processTrainer.ts";
import { fusedMultiplyAddAvailable } from "../src/train/engine.ts";
import { sgdTrainer } from "../src/train/sgdTrainer.ts";
import type { Trainer } from "../src/train/types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
if (args.includes("--help")) {
  console.log("usage: npm run bench -- [--quick] [--repetitions N] [--out bench-results.json]");
  process.exit(0);
}
const quick = args.includes("--quick");
const outIndex = args.indexOf("--out");
const outFile = outIndex >= 0 ? args[outIndex + 1] ?? "bench-results.json" : path.join(ROOT, "bench-results.json");
const repetitionsIndex = args.indexOf("--repetitions");
/** Alternating repetitions per workload: 5 (quick; the interval is then the range, 93.75 %) or 9 (96.1 %). */
const repetitions = repetitionsIndex >= 0 ? Number(args[repetitionsIndex + 1]) : quick ? 5 : 9;
/** The metrics' repetitions (not paired with anything; the Householder evaluation takes seconds). */
const metricRepetitions = quick ? 1 : 3;
if (!Number.isSafeInteger(repetitions) || repetitions < 1) {
  console.error(`bench: --repetitions ${args[repetitionsIndex + 1]}; expected an integer ≥ 1`);
  process.exit(2);
}

function findTorchPython(): string | undefined {
  for (const python of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(python, ["-c", "import torch"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/**
 * The trainers timed on every training workload, one table row each. To add one (e.g. a trainer
 * behind the subprocess protocol), append `{ label, make }`; `kernels: true` also counts its TF.js
 * kernels per step (meaningful only for a trainer that runs in this process on TF.js).
 */
const TRAINERS: Array<{ label: string; make: () => Trainer; kernels?: boolean }> = [
  { label: "sgdTrainer", make: () => sgdTrainer(), kernels: true },
  // The opt-in engine with fused multiply-adds in the products (src/train/engine.ts), where this
  // runtime has a fused relaxed_madd (the default, wasm-exact, is the first row).
  ...(fusedMultiplyAddAvailable() ? [{ label: "sgdTrainer, engine wasm-fma (opt-in)", make: () => sgdTrainer({ engine: "wasm-fma" }) }] : []),
  // The same trainer with every step as TF.js ops (the engine before whole steps ran in wasm; the
  // numbers of wasm-exact bit for bit): the "before" of docs/performance.md, side by side.
  { label: "sgdTrainer, TF.js ops per step", make: () => sgdTrainer({ wasmSteps: false }), kernels: true },
];
/**
 * The shipped PyTorch adapter behind the trainer protocol (adapters/pytorch/, free mode, 1 thread),
 * when torch is installed: one long-lived process for the whole bench (its start-up falls in the
 * warm-up). Its row also gives the share of the wall time spent outside training — request files,
 * JSON lines, process — from the trainer's own `timing.trainSeconds` (docs/trainer-protocol.md).
 */
const adapter = findTorchPython() === undefined ? undefined : processTrainer({ command: pytorchCommand(), mode: "free" });
if (adapter !== undefined) TRAINERS.push({ label: "PyTorch adapter (trainer protocol)", make: () => adapter });

type Throughput = Measurement & { throughput: number };

interface Row {
  key: string;
  trainer: string;
  description: string;
  unitName: string;
  /** Runs trained together (1: there is no batched PyTorch variant, it would be the same work). */
  runs: number;
  tfjs: Throughput;
  kernelsPerStep?: number;
  /** A protocol trainer: the share of its wall time spent outside training (transport, files, process). */
  outsideTraining?: number;
  /** PyTorch, one run after another, and the paired ratio to it. */
  torch?: Throughput;
  ratio?: PairedRatios;
  /** PyTorch, all runs batched (bmm over a run axis), and the paired ratio to it. */
  torchBatched?: Throughput;
  ratioBatched?: PairedRatios;
}

/** Seconds of one call. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const backend = (await initBackend(), activeBackend());
  const engine = trainerEngine();
  const loadBefore = os.loadavg();
  console.log(`bench: backend ${backend}, trainer engine ${engine} (sgdTrainer's default), ${os.cpus().length} cores (load average ${loadBefore.map((x) => x.toFixed(2)).join(", ")}), node ${process.version}, ${repetitions} repetition(s) after 1 warm-up\n`);
  const training: TrainingWorkload[] = [claimMlpWorkload, wideMlpWorkload, treeCnnWorkload];
  const python = findTorchPython();
  let torch: TorchReference | undefined;
  let torchInfo: unknown = "not installed (apt-get install python3-torch libopenblas0-pthread)";
  if (python !== undefined) {
    try {
      torch = await startTorchReference(python, path.join(ROOT, "bench", "torch_reference.py"));
      torchInfo = torch.info;
    } catch (error) {
      torchInfo = `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const throughputOf = (seconds: readonly number[], units: number): Throughput => {
    const m = summarize(seconds);
    return { ...m, throughput: units / m.medianSeconds };
  };
  const rows: Row[] = [];
  for (const make of training) {
    const key = make(1).key;
    const contenders = TRAINERS.map((t) => {
      const trainer = t.make();
      return { t, trainer, w: make(undefined, trainer), seconds: [] as number[] };
    });
    const modes = torch === undefined ? [] : (await torch.modes(key)).map((mode) => ({ mode, seconds: [] as number[], units: 0 }));
    console.log(`  ${key}: ${contenders[0]!.w.description}; ${contenders.length} trainer(s)${torch === undefined ? "" : ` and PyTorch (${python}, 1 thread: ${modes.map((m) => m.mode).join(", ")})`} alternating, 1 warm-up + ${repetitions} repetitions`);
    // warm-up (and, for a protocol trainer, its process start) outside the counts
    for (const x of contenders) await x.w.run();
    for (const m of modes) await torch!.time(key, m.mode);
    const before = contenders.map((x) => (isProcessTrainer(x.trainer) ? x.trainer.stats() : undefined));
    for (let i = 0; i < repetitions; i++) {
      for (const x of contenders) x.seconds.push(await timed(() => x.w.run()));
      for (const m of modes) {
        const timing = await torch!.time(key, m.mode);
        m.seconds.push(timing.seconds);
        m.units = timing.units;
      }
      process.stdout.write(`${i === 0 ? "    repetition " : " "}${i + 1}${i === repetitions - 1 ? "\n" : ""}`);
    }
    const torchRates = Object.fromEntries(modes.map((m) => [m.mode, { throughput: throughputOf(m.seconds, m.units), perRepetition: m.seconds.map((sec) => m.units / sec) }]));
    contenders.forEach((x, j) => {
      const { t, trainer, w } = x;
      const b = before[j];
      const after = isProcessTrainer(trainer) ? trainer.stats() : undefined;
      const outsideTraining = b === undefined || after === undefined ? undefined : 1 - (after.trainSeconds - b.trainSeconds) / (after.wallSeconds - b.wallSeconds);
      const tfjs = throughputOf(x.seconds, w.units);
      const ours = x.seconds.map((sec) => w.units / sec);
      const row: Row = { key: w.key, trainer: t.label, description: w.description, unitName: w.unitName, runs: w.runs, tfjs, ...(outsideTraining === undefined ? {} : { outsideTraining }) };
      const sequential = torchRates.sequential;
      const batched = torchRates.batched;
      if (sequential !== undefined) Object.assign(row, { torch: sequential.throughput, ratio: pairedRatios(ours, sequential.perRepetition) });
      if (batched !== undefined) Object.assign(row, { torchBatched: batched.throughput, ratioBatched: pairedRatios(ours, batched.perRepetition) });
      rows.push(row);
    });
    for (const [j, x] of contenders.entries()) {
      if (x.t.kernels === true) rows[rows.length - contenders.length + j]!.kernelsPerStep = (await kernelsPerStep((steps) => make(steps, x.t.make()).run())).perStep;
      const r = rows[rows.length - contenders.length + j]!;
      const extra = r.kernelsPerStep !== undefined ? `, ${r.kernelsPerStep} kernels per step` : r.outsideTraining !== undefined ? `, ${(100 * r.outsideTraining).toFixed(1)} % of the time outside training` : "";
      const vs = r.ratioBatched ?? r.ratio;
      console.log(`    ${x.t.label}: ${r.tfjs.throughput.toFixed(1)} ${r.unitName}/s${extra}${vs === undefined ? "" : `; ${vs.median.toFixed(2)}× PyTorch ${r.ratioBatched === undefined ? "sequential" : "batched"}`}`);
    }
    for (const m of modes) console.log(`    PyTorch ${m.mode}: ${torchRates[m.mode]!.throughput.throughput.toFixed(1)} run-steps/s`);
  }
  const metrics = metricsWorkload();
  process.stdout.write(`  ${metrics.key}: ${metrics.description} … `);
  const metricsTime = await measure(() => metrics.run(), { warmup: 1, repetitions: metricRepetitions });
  console.log(`${metricsTime.medianSeconds.toFixed(3)} s per evaluation`);
  const metricsBefore = metricsWorkload({ spectrum: "householder" });
  process.stdout.write(`  ${metricsBefore.key}: ${metricsBefore.description} … `);
  const metricsBeforeTime = await measure(() => metricsBefore.run(), { warmup: 1, repetitions: metricRepetitions });
  console.log(`${metricsBeforeTime.medianSeconds.toFixed(3)} s per evaluation`);

  let specSeconds: number | undefined;
  if (!quick) {
    console.log("\n  one claim spec at the ci profile (specs/neural-collapse.spec.ts) …");
    const t0 = performance.now();
    const spec = spawnSync("npx", ["vitest", "run", "--project", "claims", "specs/neural-collapse.spec.ts"], {
      cwd: ROOT,
      env: { ...process.env, THEOREM_SPEC_PROFILE: "ci" },
      stdio: "ignore",
    });
    specSeconds = (performance.now() - t0) / 1000;
    if (spec.status !== 0) console.log(`  (the spec exited with ${spec.status})`);
  }

  const loadAfter = os.loadavg();
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
  const ratio = (x: PairedRatios | undefined) => (x === undefined ? "—" : `${x.median.toFixed(2)}× (${x.low.toFixed(2)}–${x.high.toFixed(2)})`);
  const coverage = rows.find((r) => r.ratio !== undefined)?.ratio?.coverage;
  console.log(`\nload average before ${loadBefore.map((x) => x.toFixed(2)).join(", ")}, after ${loadAfter.map((x) => x.toFixed(2)).join(", ")}`);
  if (coverage !== undefined) {
    console.log(`\nratios: the median over ${repetitions} alternating repetitions of the per-repetition ratio (ours / PyTorch, timed seconds apart), in brackets its sign-test interval (${(100 * coverage).toFixed(1)} % coverage; src/bench/pairedRatios.ts)`);
  }
  console.log(`\n| workload | trainer (TF.js ${backend}, default engine ${engine}) | spread (s) | kernels/step | PyTorch, runs one after another | ratio | PyTorch batched (bmm) | ratio |`);
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const batched = r.torchBatched !== undefined ? `${fmt(r.torchBatched.throughput)} ${r.unitName}/s` : r.runs === 1 ? "(1 run: same as sequential)" : "—";
    console.log(
      `| ${r.key} | ${r.trainer}: ${fmt(r.tfjs.throughput)} ${r.unitName}/s${r.outsideTraining === undefined ? "" : ` (${(100 * r.outsideTraining).toFixed(1)} % outside training)`} | ${r.tfjs.minSeconds.toFixed(2)}–${r.tfjs.maxSeconds.toFixed(2)} | ${r.kernelsPerStep ?? "—"} | ${r.torch ? `${fmt(r.torch.throughput)} ${r.unitName}/s` : "—"} | ${ratio(r.ratio)} | ${batched} | ${ratio(r.ratioBatched ?? (r.runs === 1 ? r.ratio : undefined))} |`,
    );
  }
  for (const [m, t] of [[metrics, metricsTime], [metricsBefore, metricsBeforeTime]] as const) {
    console.log(`| ${m.key} | ${t.medianSeconds.toFixed(3)} s per evaluation | ${t.minSeconds.toFixed(3)}–${t.maxSeconds.toFixed(3)} | | | | | |`);
  }
  if (specSeconds !== undefined) console.log(`| neural-collapse spec (ci) | ${specSeconds.toFixed(1)} s wall | | | | | | |`);
  const report = {
    date: new Date().toISOString(),
    load: { before: loadBefore, after: loadAfter },
    backend,
    engine,
    node: process.version,
    cpus: os.cpus().length,
    torch: torchInfo,
    workloads: rows,
    metrics: [
      { key: metrics.key, description: metrics.description, ...metricsTime },
      { key: metricsBefore.key, description: metricsBefore.description, ...metricsBeforeTime },
    ],
    neuralCollapseSpecSeconds: specSeconds,
  };
  writeFileSync(outFile, JSON.stringify(report, null, 2));
  console.log(`\nbench: results written to ${path.relative(process.cwd(), outFile) || outFile}`);
  await adapter?.close();
  await torch?.close();
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
