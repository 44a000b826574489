/**
 * The generalization-bound experiment (claims G2–G4): a local-kernel tree CNN and a dense network
 * of comparable size, trained on data labelled by a tree-shaped (compositionally sparse) or a dense
 * teacher; measured for train/test error, margin error, ρ, ρ̃ and both Rademacher bounds.
 */
import { activeMetrics, activeTrainer } from "../../implementation/activeImplementation.ts";
import { boundTerms, cnnGeneralizationBound, marginError, type BoundTerms } from "../../bounds/index.ts";
import type { Dataset } from "../../data/dataset.ts";
import { teacherArchitecture, treeTeacherData } from "../../data/treeTeacher.ts";
import { parameterShapes, type Architecture } from "../../nets/architecture.ts";
import { forwardHost } from "../../nets/forwardHost.ts";
import type { MlpConfig } from "../../nets/mlp.ts";
import { inputMatrix, weightMatrices } from "../../nets/weightMatrices.ts";
import { createRng, deriveSeed } from "../../random/rng.ts";
import { warmup } from "../../train/schedule.ts";
import type { RunSpec, Trainer } from "../../train/types.ts";

export type Student = "cnn" | "mlp";
export type Teacher = "tree" | "dense" | "shuffled";

/**
 * The experiment of G2–G4 in specs/generalization-bounds.spec.ts (docs/generalization-bounds.md):
 * the tree CNN of the paper's example (input 2^L = 32, kernel 2, stride 2, 8 channels) and a
 * one-hidden-layer dense network with the same parameter count, trained by SGD (η = 0.05 after a
 * 300-step warm-up, B = 16) on a tree teacher with 2 channels, 2 000 test samples; margin γ = 1
 * and δ = 0.001 as in the paper. Steps and seed are set per run (`SPARSE_TARGET_STEPS`).
 */
export const SPARSE_TARGET_SETTINGS = {
  depth: 5,
  classes: 2,
  teacherWidth: 2,
  studentChannels: 8,
  testCount: 2000,
  learningRate: 0.05,
  warmupSteps: 300,
  batchSize: 16,
  gamma: 1,
  delta: 0.001,
} as const;

/** SGD steps at the ci profile (scaled by `trainingScale`). */
export const SPARSE_TARGET_STEPS = 4000;

/** Training-set sizes of G3's m sweep. */
export const G3_TRAIN_SIZES = [250, 500, 1000] as const;

/** Training-set size of the CNN-versus-dense comparisons (G2, G4). */
export const G_COMPARE_SIZE = 1000;

/** Weight decay λ of every trained student. */
export const G_WEIGHT_DECAY = 1e-3;

/** Shared settings of the experiment. */
export interface SparseTargetConfig {
  /** Depth L: input length 2^L; the tree CNN has L − 1 conv layers (kernel 2, stride 2) and a dense last layer. */
  readonly depth: number;
  readonly classes: number;
  /** Channels of the teacher's conv layers (tree teacher) and of the student CNN. */
  readonly teacherWidth: number;
  readonly studentChannels: number;
  /** Hidden width of the dense student (default: the width matching the CNN's parameter count). */
  readonly mlpWidth?: number;
  readonly testCount: number;
  readonly learningRate: number;
  readonly warmupSteps: number;
  readonly steps: number;
  readonly batchSize: number;
  /** Margin γ and confidence δ of the Theorem 3.2 bound. */
  readonly gamma: number;
  readonly delta: number;
  readonly seed: number;
}

/** One cell of the grid: which student, which teacher, how much data, which λ, how many seeds. */
export interface StudentCell {
  readonly student: Student;
  readonly teacher: Teacher;
  readonly trainCount: number;
  readonly weightDecay: number;
  readonly seeds: number;
}

/** The measurements of one trained student. */
export interface StudentRun extends StudentCell {
  readonly seed: number;
  readonly status: "ok" | "diverged";
  readonly reason?: string;
  readonly loss: number;
  readonly trainError: number;
  readonly testError: number;
  /** Generalization gap: test error − train error. */
  readonly gap: number;
  /** err^γ_S at the configuration's γ. */
  readonly marginError: number;
  readonly terms: BoundTerms;
  /** Theorem 3.2 bound on the test error (meaningful for the CNN; for the MLP it is Prop. 3.1 with degree 1). */
  readonly bound: number;
  readonly parameters: number;
}

/** The student CNN: the tree architecture with `studentChannels` channels. */
export function studentCnn(config: SparseTargetConfig): Architecture {
  return teacherArchitecture({ depth: config.depth, classes: config.classes, teacher: "tree", teacherWidth: config.studentChannels });
}

/**
 * The dense student: one hidden layer whose width makes its parameter count the closest to the
 * CNN's (the "comparable size" of claim G4).
 */
export function studentMlp(config: SparseTargetConfig): MlpConfig {
  const count = parameterShapes(studentCnn(config)).reduce((a, [r, c]) => a + r * c, 0);
  const d = 2 ** config.depth;
  const width = config.mlpWidth ?? Math.max(1, Math.round(count / (d + config.classes)));
  return { inputDim: d, hidden: [width], outputDim: config.classes, normalization: "none" };
}

function errorRate(outputs: ReturnType<typeof forwardHost>[number], data: Dataset): number {
  let wrong = 0;
  for (let n = 0; n < data.count; n++) if (outputs.maxRowIndex(n)[1] !== data.labels[n]) wrong += 1;
  return wrong / data.count;
}

function shuffledLabels(data: Dataset, seed: number): Dataset {
  // A random permutation (stream "shuffle"): labels keep their class balance and lose x.
  const order = createRng(deriveSeed(seed, "shuffle")).permutation(data.count);
  return { ...data, labels: Int32Array.from(order, (i) => data.labels[i]!) };
}

/** The data of seed `i` of a cell (the `shuffled` teacher: tree-teacher inputs, labels permuted). */
export function cellData(config: SparseTargetConfig, cell: StudentCell, i: number) {
  const seed = deriveSeed(config.seed, `data/${cell.teacher === "dense" ? "dense" : "tree"}/${cell.trainCount}/${i}`);
  const split = treeTeacherData({
    depth: config.depth,
    classes: config.classes,
    trainCount: cell.trainCount,
    testCount: config.testCount,
    teacher: cell.teacher === "dense" ? "dense" : "tree",
    teacherWidth: cell.teacher === "dense" ? undefined : config.teacherWidth,
    pixels: "balanced",
    seed,
  });
  return cell.teacher === "shuffled" ? { ...split, train: shuffledLabels(split.train, seed) } : split;
}

/**
 * Trains every cell (cells with the same student and training-set size share one batched request)
 * and measures each run.
 */
export async function runSparseTargetExperiment(
  config: SparseTargetConfig,
  cells: readonly StudentCell[],
  trainer?: Trainer,
): Promise<StudentRun[]> {
  const implementation = trainer ?? (await activeTrainer());
  const metrics = activeMetrics();
  const groups = new Map<string, StudentCell[]>();
  for (const cell of cells) {
    const key = `${cell.student}/${cell.trainCount}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const results: StudentRun[] = [];
  for (const group of groups.values()) {
    const architecture = group[0]!.student === "cnn" ? studentCnn(config) : studentMlp(config);
    const parameters = parameterShapes(architecture).reduce((a, [r, c]) => a + r * c, 0);
    const planned = group.flatMap((cell) =>
      Array.from({ length: cell.seeds }, (_, i) => ({ cell, split: cellData(config, cell, i), seed: deriveSeed(config.seed, `init/${cell.student}/${i}`) })),
    );
    const runs: RunSpec[] = planned.map((p) => ({
      seed: p.seed,
      data: p.split.train,
      weightDecay: p.cell.weightDecay,
      learningRate: config.learningRate,
    }));
    const trained = await implementation.train({
      architecture,
      runs,
      batchSize: config.batchSize,
      steps: config.steps,
      schedule: warmup(config.warmupSteps, 0.1),
    });
    trained.forEach((run, r) => {
      const { cell, split } = planned[r]!;
      const last = run.snapshots.at(-1)!;
      const weights = weightMatrices(last.weights, architecture);
      const trainX = inputMatrix(split.train);
      const trainOut = forwardHost(weights, trainX, architecture).at(-1)!;
      const testOut = forwardHost(weights, inputMatrix(split.test), architecture).at(-1)!;
      const trainError = errorRate(trainOut, split.train);
      const testError = errorRate(testOut, split.test);
      const terms = boundTerms(weights, architecture, trainX, metrics);
      const margin = marginError(trainOut, split.train.labels, config.gamma);
      const bound = cnnGeneralizationBound({
        rho: terms.rho,
        m: terms.m,
        depth: terms.depth,
        kernelSizes: terms.kernelSizes,
        outputs: terms.outputs,
        maxPixelNormSum: terms.maxPixelNormSum,
        marginError: margin,
        gamma: config.gamma,
        delta: config.delta,
      }).bound;
      results.push({
        ...cell,
        seed: run.spec.seed,
        status: run.status,
        ...(run.reason === undefined ? {} : { reason: run.reason }),
        loss: last.loss,
        trainError,
        testError,
        gap: testError - trainError,
        marginError: margin,
        terms,
        bound,
        parameters,
      });
    });
  }
  return results;
}
