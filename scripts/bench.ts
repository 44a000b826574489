/**
 * `npm run bench`: throughput of the reference workloads on the active TensorFlow.js backend and,
 * when PyTorch is installed, of the same workloads in PyTorch (one thread, runs one after
 * another), with the ratio per workload; the kernels per training step (`kernelsPerStep`); then
 * the wall time of one claim spec at the ci profile.
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
import { activeBackend, initBackend } from "../src/backend.ts";
import { kernelsPerStep } from "../src/bench/kernelsPerStep.ts";
import { measure, type Measurement } from "../src/bench/measure.ts";
import { claimMlpWorkload, metricsWorkload, treeCnnWorkload, wideMlpWorkload } from "../src/bench/workloads.ts";

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

interface Row {
  key: string;
  description: string;
  unitName: string;
  tfjs: Measurement & { throughput: number };
  torch?: Measurement & { throughput: number };
  ratio?: number;
  kernelsPerStep?: number;
}

async function main(): Promise<void> {
  const backend = (await initBackend(), activeBackend());
  const load = os.loadavg().map((x) => x.toFixed(2)).join(", ");
  console.log(`bench: backend ${backend}, ${os.cpus().length} cores (load average ${load}), node ${process.version}, ${repetitions} repetition(s) after 1 warm-up\n`);
  const training = [claimMlpWorkload, wideMlpWorkload, treeCnnWorkload];
  const workloads = [...training.map((make) => make()), metricsWorkload()];
  const rows: Row[] = [];
  for (const [i, w] of workloads.entries()) {
    process.stdout.write(`  ${w.key}: ${w.description} … `);
    const m = await measure(() => w.run(), { warmup: 1, repetitions });
    const throughput = w.units / m.medianSeconds;
    const make = training[i];
    const kernels = make === undefined ? undefined : (await kernelsPerStep((steps) => make(steps).run())).perStep;
    console.log(`${throughput.toFixed(1)} ${w.unitName}/s${kernels === undefined ? "" : `, ${kernels} kernels per step`}`);
    rows.push({ key: w.key, description: w.description, unitName: w.unitName, tfjs: { ...m, throughput }, ...(kernels === undefined ? {} : { kernelsPerStep: kernels }) });
  }

  const python = findTorchPython();
  let torchInfo: unknown = "not installed (apt-get install python3-torch libopenblas0-pthread)";
  if (python !== undefined) {
    console.log(`\n  PyTorch reference (${python}, 1 thread, runs one after another) …`);
    const result = spawnSync(python, [path.join(ROOT, "bench", "torch_reference.py")], {
      env: { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" },
      encoding: "utf8",
    });
    if (result.status === 0) {
      const parsed = JSON.parse(result.stdout) as Record<string, Measurement & { units: number }>;
      torchInfo = parsed._torch;
      for (const row of rows) {
        const t = parsed[row.key];
        if (t === undefined) continue;
        const throughput = t.units / t.medianSeconds;
        row.torch = { ...t, throughput };
        row.ratio = row.tfjs.throughput / throughput;
      }
    } else {
      torchInfo = `failed: ${result.stderr.slice(-500)}`;
    }
  }

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

  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toPrecision(3));
  console.log("\n| workload | TF.js (" + backend + ") | spread (s) | kernels/step | PyTorch | TF.js / PyTorch |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.key} | ${fmt(r.tfjs.throughput)} ${r.unitName}/s | ${r.tfjs.minSeconds.toFixed(2)}–${r.tfjs.maxSeconds.toFixed(2)} | ${r.kernelsPerStep ?? "—"} | ${r.torch ? `${fmt(r.torch.throughput)} ${r.unitName}/s` : "—"} | ${r.ratio === undefined ? "—" : `${r.ratio.toFixed(2)}×`} |`,
    );
  }
  if (specSeconds !== undefined) console.log(`| neural-collapse spec (ci) | ${specSeconds.toFixed(1)} s wall | | | | |`);
  const report = {
    date: new Date().toISOString(),
    load: os.loadavg(),
    backend,
    node: process.version,
    cpus: os.cpus().length,
    torch: torchInfo,
    workloads: rows,
    neuralCollapseSpecSeconds: specSeconds,
  };
  writeFileSync(outFile, JSON.stringify(report, null, 2));
  console.log(`\nbench: results written to ${path.relative(process.cwd(), outFile) || outFile}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
