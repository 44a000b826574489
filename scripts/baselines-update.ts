/**
 * `npm run baselines:update`: reruns every canonical run (src/baselines/canonicalRuns.ts), rewrites
 * `fixtures/baselines/<family>.json`, and prints what moved against the previous baselines, so an
 * intended change is reviewed as a data diff in its commit.
 *   npm run baselines:update [-- family …]
 */
import { activeBackend, initBackend } from "../src/backend.ts";
import { compareQuantities, formatComparison, relevantVersions, type Baseline } from "../src/baselines/baseline.ts";
import { baselinePath, readBaseline, writeBaseline } from "../src/baselines/baselineFiles.ts";
import { CANONICAL_RUNS } from "../src/baselines/canonicalRuns.ts";

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !CANONICAL_RUNS.some((r) => r.family === w));
if (unknown.length > 0) {
  console.error(`baselines:update: unknown family ${unknown.join(", ")}; known: ${CANONICAL_RUNS.map((r) => r.family).join(", ")}`);
  process.exit(2);
}
await initBackend();
const backend = activeBackend();
for (const run of CANONICAL_RUNS.filter((r) => wanted.length === 0 || wanted.includes(r.family))) {
  console.log(`\n## ${run.family}: ${run.description}`);
  const t0 = performance.now();
  const quantities = await run.measure();
  // The previous baseline of this engine (its own directory for wasm-exact, src/baselines/baselineFiles.ts).
  const previous = readBaseline(run.family);
  const next: Baseline = {
    family: run.family,
    description: run.description,
    generated: new Date().toISOString(),
    backend,
    versions: relevantVersions(),
    parameters: run.parameters,
    quantities,
  };
  writeBaseline(next);
  console.log(`measured in ${((performance.now() - t0) / 1000).toFixed(1)} s; written to ${baselinePath(run.family, next.versions["trainer engine"])}`);
  if (previous === undefined) {
    console.log("(no previous baseline)");
    continue;
  }
  // Exact per seed only against a baseline of the same backend and versions (engine included), as
  // specs/regression.spec.ts compares; else within the seed-to-seed spread.
  const exact = previous.backend === backend && JSON.stringify(previous.versions) === JSON.stringify(next.versions);
  console.log(exact ? "compared with the previous baseline exactly per seed (same backend and versions)" : `compared with the previous baseline (${previous.backend}, ${JSON.stringify(previous.versions)}) within the seed-to-seed spread`);
  const rows = compareQuantities(previous.quantities, quantities, exact);
  const moved = rows.filter((r) => !r.ok);
  console.log(moved.length === 0 ? `no quantity moved (${rows.length} compared)` : `${moved.length} of ${rows.length} quantities moved:\n${formatComparison(moved)}`);
}
