/**
 * Prints a fingerprint of a small seeded training (used by the cross-process determinism test):
 * the backend and a hash of every snapshot's loss and weights, bit for bit.
 *   npx tsx scripts/fingerprint.ts [seed]
 */
import { createHash } from "node:crypto";
import { activeBackend, initBackend } from "../src/backend.ts";
import { gaussianMixture } from "../src/data/gaussianMixture.ts";
import { sgdTrainer } from "../src/train/sgdTrainer.ts";

export async function trainingFingerprint(seed: number): Promise<string> {
  const data = gaussianMixture({ classes: 3, dim: 8, perClass: 10, separation: 2, noise: 2, seed }).train;
  const runs = await sgdTrainer().train({
    architecture: { inputDim: 8, hidden: [12, 12], outputDim: 3, normalization: "weight" },
    runs: [
      { seed, data, weightDecay: 5e-3, learningRate: 0.02 },
      { seed: seed + 1, data, weightDecay: 0, learningRate: 0.02 },
    ],
    batchSize: 5,
    steps: 60,
    recordAt: [20, 40],
  });
  const hash = createHash("sha256");
  for (const run of runs) {
    for (const snap of run.snapshots) {
      hash.update(new Float64Array([snap.step, snap.loss]));
      for (const w of snap.weights) hash.update(new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
    }
  }
  return hash.digest("hex");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(process.argv[2] ?? 1);
  await initBackend();
  console.log(`${activeBackend()} ${await trainingFingerprint(seed)}`);
}
