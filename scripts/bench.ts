/**
 * `npm run bench`: throughput of the reference workloads on the active TensorFlow.js backend, for
 * each trainer of `TRAINERS` and, when PyTorch is installed, of the same workloads in PyTorch on
 * one thread, trained both one run after another and batched (`torch.bmm` over a run axis), right
 * after the TF.js trainers of the same workload (the load of a shared machine drifts within
 * minutes), with both ratios per workload; the kernels per training step (`kernelsPerStep`); the NC metrics on
 * 10 000 × 256 features; then the wall time of one claim spec at the ci profile. Everything in one
 * invocation, so under the same load (printed before and after).
 *
 *   npm run bench                   # everything (≈ 3 min on 2 cores)
 *   npm run bench -- --quick        # one repetition, no spec timing
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
import { measure, type Measurement } from "../src/bench/measure.ts";
import { claimMlpWorkload, metricsWorkload, treeCnnWorkload, type TrainingWorkload, wideMlpWorkload } from "../src/bench/workloads.ts";
import { isProcessTrainer, pytorchCommand } from "../src/implementation/activeImplementation.ts";
import { processTrainer } from "../src/protocol/processTrainer.ts";
import { fusedMultiplyAddAvailable } from "../src/train/engine.ts";
import { sgdTrainer } from "../src/train/sgdTrainer.ts";
import type { Trainer } from "../src/train/types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
if (args.includes("--help")) {
  console.log("usage: npm run bench -- [--quick] [--out bench-results.json]");
  process.exit(0);
}
const quick = args.includes("--quick");
const outIndex = args.indexOf("--out");
const outFile = outIndex >= 0 ? args[outIndex + 1] ?? "bench-results.json" : path.join(ROOT, "bench-results.json");
const repetitions = quick ? 1 : 3;

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
  /** PyTorch, one run after another. */
  torch?: Throughput;
  ratio?: number;
  /** PyTorch, all runs batched (bmm over a run axis). */
  torchBatched?: Throughput;
  ratioBatched?: number;
}

async function main(): Promise<void> {
  const backend = (await initBackend(), activeBackend());
  const engine = trainerEngine();
  const loadBefore = os.loadavg();
  console.log(`bench: backend ${backend}, trainer engine ${engine} (sgdTrainer's default), ${os.cpus().length} cores (load average ${loadBefore.map((x) => x.toFixed(2)).join(", ")}), node ${process.version}, ${repetitions} repetition(s) after 1 warm-up\n`);
  const training: TrainingWorkload[] = [claimMlpWorkload, wideMlpWorkload, treeCnnWorkload];
  const python = findTorchPython();
  let torchInfo: unknown = "not installed (apt-get install python3-torch libopenblas0-pthread)";
  const rate = (t: (Measurement & { units: number }) | undefined): Throughput | undefined => (t === undefined ? undefined : { ...t, throughput: t.units / t.medianSeconds });
  const rows: Row[] = [];
  for (const make of training) {
    for (const t of TRAINERS) {
      const trainer = t.make();
      const w = make(undefined, trainer);
      process.stdout.write(`  ${w.key} (${t.label}): ${w.description} … `);
      await w.run(); // warm-up (and, for a protocol trainer, its process start) outside the counts
      const before = isProcessTrainer(trainer) ? trainer.stats() : undefined;
      const m = await measure(() => w.run(), { warmup: 0, repetitions });
      const after = isProcessTrainer(trainer) ? trainer.stats() : undefined;
      const outsideTraining = before === undefined || after === undefined ? undefined : 1 - (after.trainSeconds - before.trainSeconds) / (after.wallSeconds - before.wallSeconds);
      const throughput = w.units / m.medianSeconds;
      const kernels = t.kernels === true ? (await kernelsPerStep((steps) => make(steps, t.make()).run())).perStep : undefined;
      const extra = kernels !== undefined ? `, ${kernels} kernels per step` : outsideTraining !== undefined ? `, ${(100 * outsideTraining).toFixed(1)} % of the time outside training` : "";
      console.log(`${throughput.toFixed(1)} ${w.unitName}/s${extra}`);
      rows.push({ key: w.key, trainer: t.label, description: w.description, unitName: w.unitName, runs: w.runs, tfjs: { ...m, throughput }, ...(kernels === undefined ? {} : { kernelsPerStep: kernels }), ...(outsideTraining === undefined ? {} : { outsideTraining }) });
    }
    // PyTorch on the same workload right after (not minutes later: the load on a shared machine drifts).
    const key = make(1).key;
    if (python !== undefined) {
      console.log(`  ${key}: PyTorch reference (${python}, 1 thread; runs one after another, and batched) …`);
      const result = spawnSync(python, [path.join(ROOT, "bench", "torch_reference.py"), key], {
        env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" },
        encoding: "utf8",
      });
      if (result.status === 0) {
        const parsed = JSON.parse(result.stdout) as Record<string, Record<string, Measurement & { units: number }>>;
        torchInfo = parsed._torch;
        const sequential = rate(parsed[key]?.sequential);
        const batched = rate(parsed[key]?.batched);
        for (const row of rows.filter((r) => r.key === key)) {
          if (sequential !== undefined) Object.assign(row, { torch: sequential, ratio: row.tfjs.throughput / sequential.throughput });
          if (batched !== undefined) Object.assign(row, { torchBatched: batched, ratioBatched: row.tfjs.throughput / batched.throughput });
        }
      } else {
        torchInfo = `failed: ${result.stderr.slice(-500)}`;
      }
    }
  }
  const metrics = metricsWorkload();
  process.stdout.write(`  ${metrics.key}: ${metrics.description} … `);
  const metricsTime = await measure(() => metrics.run(), { warmup: 1, repetitions });
  console.log(`${metricsTime.medianSeconds.toFixed(3)} s per evaluation`);
  const metricsBefore = metricsWorkload({ spectrum: "householder" });
  process.stdout.write(`  ${metricsBefore.key}: ${metricsBefore.description} … `);
  const metricsBeforeTime = await measure(() => metricsBefore.run(), { warmup: 1, repetitions });
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
  const ratio = (x: number | undefined) => (x === undefined ? "—" : `${x.toFixed(2)}×`);
  console.log(`\nload average before ${loadBefore.map((x) => x.toFixed(2)).join(", ")}, after ${loadAfter.map((x) => x.toFixed(2)).join(", ")}`);
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
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
