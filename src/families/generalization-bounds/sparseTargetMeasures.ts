/**
 * Measurements of claims G2–G3 derived from the sparse-target experiment's runs
 * (`sparseTargetExperiment.ts`) and from He-initialised networks: picking cells, the (tree,
 * shuffled) label pairs, ρ's slope in m, the bound at the initial weights (G3's control), and the
 * bound ratio's growth with depth (G2).
 */
import { activeMetrics } from "../../implementation/activeImplementation.ts";
import { layerNormProduct } from "../../implementation/metricSuite.ts";
import { compileArchitecture } from "../../nets/architecture.ts";
import { Matrix } from "ml-matrix";
import { boundTerms, cnnRademacherBound } from "../../bounds/index.ts";
import { parameterShapes } from "../../nets/architecture.ts";
import { initWeights } from "../../nets/initWeights.ts";
import { createRng, deriveSeed } from "../../random/rng.ts";
import { olsSlope } from "../../stats/olsSlope.ts";
import { studentCnn, studentMlp, type SparseTargetConfig, type StudentRun } from "./sparseTargetExperiment.ts";

/** Depths of G2's sweep of the bound ratio (He-initialised networks, balanced inputs). */
export const G2_DEPTHS = [3, 4, 5, 6, 7, 8] as const;

/** Samples per depth of G2's sweep (standard normal inputs of length 2^L). */
export const G2_SWEEP_SAMPLES = 200;

/** The runs of one cell: `student` on `teacher`'s labels with `m` training samples, seeds in order. */
export function selectRuns(runs: readonly StudentRun[], student: string, teacher: string, m: number): StudentRun[] {
  return runs.filter((r) => r.student === student && r.teacher === teacher && r.trainCount === m);
}

/** Pairs (tree teacher, shuffled labels) of CNN runs with the same inputs, m and initialisation, over `trainSizes`. */
export function labelPairsOf(runs: readonly StudentRun[], trainSizes: readonly number[]): Array<readonly [StudentRun, StudentRun]> {
  return trainSizes.flatMap((m) => {
    const shuffled = selectRuns(runs, "cnn", "shuffled", m);
    return selectRuns(runs, "cnn", "tree", m).map((t, i) => [t, shuffled[i]!] as const);
  });
}

/** Per seed, the least-squares slope of log ρ against log m (`cells[j]`: the runs at `trainSizes[j]`, seeds in order). */
export function rhoSlopesInM(cells: ReadonlyArray<readonly StudentRun[]>, trainSizes: readonly number[]): number[] {
  const seeds = cells[0]?.length ?? 0;
  return Array.from({ length: seeds }, (_, i) => olsSlope(trainSizes.map((m) => Math.log(m)), cells.map((cell) => Math.log(cell[i]!.terms.rho))));
}

/**
 * Corollary 3.3's complexity with ρ of the run's *initial* CNN weights: it sees the data, not what
 * training did with the labels (G3's control).
 */
export function initialWeightComplexity(config: SparseTargetConfig, run: StudentRun): number {
  const cnn = studentCnn(config);
  const shapes = parameterShapes(cnn);
  const weights = initWeights(cnn, run.seed).map((v, k) => Matrix.from1DArray(shapes[k]![0], shapes[k]![1], v));
  const rho = layerNormProduct(weights, compileArchitecture(cnn).layers, activeMetrics());
  return cnnRademacherBound({ ...run.terms, rho });
}

/** One point of G2's depth sweep: ln(dense bound / Corollary 3.3 bound) and the predicted 0.25 L(L−1) ln 2. */
export interface DepthSweepPoint {
  readonly seed: number;
  readonly L: number;
  readonly lnRatio: number;
  readonly predicted: number;
}

/**
 * G2's depth sweep on He-initialised students (`kind`) at every depth of `depths`, per data seed:
 * the bound ratio on `G2_SWEEP_SAMPLES` standard normal inputs, and per seed the least-squares
 * slope of ln(ratio) against the predicted growth.
 */
export function boundRatioDepthSweep(
  config: SparseTargetConfig,
  kind: "cnn" | "mlp",
  seeds: number,
  depths: readonly number[] = G2_DEPTHS,
): { slopes: number[]; table: DepthSweepPoint[] } {
  const table: DepthSweepPoint[] = [];
  const slopes: number[] = [];
  for (let s = 0; s < seeds; s++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const L of depths) {
      const cfg = { ...config, depth: L };
      const architecture = kind === "cnn" ? studentCnn(cfg) : studentMlp(cfg);
      const rng = createRng(deriveSeed(config.seed, `depth/${s}/${L}`));
      const inputs = Matrix.from1DArray(G2_SWEEP_SAMPLES, 2 ** L, Array.from({ length: G2_SWEEP_SAMPLES * 2 ** L }, () => rng.normal()));
      const shapes = parameterShapes(architecture);
      const weights = initWeights(architecture, deriveSeed(config.seed, `depth-init/${s}/${L}`)).map((v, k) => Matrix.from1DArray(shapes[k]![0], shapes[k]![1], v));
      const terms = boundTerms(weights, architecture, inputs, activeMetrics());
      const lnRatio = Math.log(terms.denseBound / terms.sparseBound);
      const predicted = 0.25 * L * (L - 1) * Math.log(2);
      table.push({ seed: s, L, lnRatio, predicted });
      xs.push(predicted);
      ys.push(lnRatio);
    }
    slopes.push(olsSlope(xs, ys));
  }
  return { slopes, table };
}
