/**
 * Compositionally sparse classification data: labels produced by a random teacher network, and
 * 1-D inputs whose pixel norms are balanced or concentrated — the setting of the CNN-versus-dense
 * comparison in Galanti, Xu, Galanti, Poggio, "Norm-based generalization bounds for sparse neural
 * networks" (NeurIPS 2023), after Theorem 3.2 and Corollary 3.3.
 *
 * - `teacher: "tree"` — a binary tree of local functions: a random bias-free ReLU CNN with kernel 2,
 *   stride 2 (non-overlapping pairs) on an input of length 2^L, so every hidden unit depends on one
 *   contiguous block of the input (compositional sparsity);
 * - `teacher: "dense"` — a random bias-free ReLU MLP of the same depth: every unit depends on every
 *   pixel (no local structure; the control of claim G4).
 * Labels: for C = 2, class 1 iff the teacher's score difference f_1 − f_0 exceeds its median over a
 * probe sample of 2 000 inputs; for C > 2, the argmax of the teacher's outputs centred by their
 * probe means. A degenerate teacher (a class with < 80 % of its 1/C share of the probe) is redrawn.
 */
import { Matrix } from "ml-matrix";
import { describeValue } from "../linalg/validate.ts";
import { forwardHost } from "../nets/forwardHost.ts";
import { initWeights } from "../nets/initWeights.ts";
import type { Architecture } from "../nets/architecture.ts";
import { parameterShapes } from "../nets/architecture.ts";
import { createRng, deriveSeed } from "../random/rng.ts";
import type { Dataset, SplitDataset } from "./dataset.ts";

/** Redraws of a degenerate teacher before giving up. */
const MAX_TEACHER_ATTEMPTS = 20;
/** A teacher is kept when every class holds at least this share of 1/C of the probe sample. */
const MIN_CLASS_SHARE = 0.8;

/** Parameters of {@link treeTeacherData}. */
export interface TreeTeacherConstraints {
  /** Tree depth L ≥ 2: input length 2^L, teacher with L − 1 conv layers and a dense last layer. */
  depth: number;
  /** Classes C ≥ 2. */
  classes: number;
  /** Training and test samples (≥ 1 each). */
  trainCount: number;
  testCount: number;
  /** `tree` (compositionally sparse) or `dense` (no local structure). */
  teacher: "tree" | "dense";
  /** Teacher channels per conv layer (tree) / hidden width (dense). Default 4 / 2^L. */
  teacherWidth?: number;
  /**
   * Pixel-norm profile: `balanced` — i.i.d. N(0, 1) pixels; `concentrated` — pixel j scaled by
   * 2^{−j/2} (most of ‖x‖² in the first pixels), which raises the balance constant β.
   */
  pixels: "balanced" | "concentrated";
  seed: number;
}

/** The teacher architecture of the constraints (also the student of the tree CNN family). */
export function teacherArchitecture(c: Pick<TreeTeacherConstraints, "depth" | "classes" | "teacher" | "teacherWidth">): Architecture {
  checkTeacher("teacherArchitecture", c);
  const length = 2 ** c.depth;
  if (c.teacher === "tree") {
    const channels = c.teacherWidth ?? 4;
    return {
      kind: "conv",
      inputShape: [length],
      inputChannels: 1,
      conv: Array.from({ length: c.depth - 1 }, () => ({ kernel: 2, stride: 2, channels })),
      outputDim: c.classes,
      normalization: "none",
    };
  }
  const width = c.teacherWidth ?? length;
  return { inputDim: length, hidden: Array.from({ length: c.depth - 1 }, () => width), outputDim: c.classes, normalization: "none" };
}

function check(name: string, value: number, min: number, fn = "treeTeacherData"): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${fn}: ${name} = ${value}; expected an integer ≥ ${min}`);
  }
}

/** The fields `teacherArchitecture` reads: depth ≥ 2, classes ≥ 2, a known teacher, teacherWidth ≥ 1 when given. */
function checkTeacher(fn: string, c: Pick<TreeTeacherConstraints, "depth" | "classes" | "teacher" | "teacherWidth">): void {
  if (c === null || typeof c !== "object") {
    throw new Error(`${fn}: constraints is ${describeValue(c)}; expected { depth, classes, teacher, … }`);
  }
  check("depth", c.depth, 2, fn);
  check("classes", c.classes, 2, fn);
  if (c.teacher !== "tree" && c.teacher !== "dense") {
    throw new Error(`${fn}: teacher = ${JSON.stringify(c.teacher)}; expected "tree" or "dense"`);
  }
  if (c.teacherWidth !== undefined) check("teacherWidth", c.teacherWidth, 1, fn);
}

function sampleInputs(count: number, length: number, pixels: TreeTeacherConstraints["pixels"], seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(count * length);
  for (let n = 0; n < count; n++) {
    for (let j = 0; j < length; j++) {
      const scale = pixels === "balanced" ? 1 : 2 ** (-j / 2);
      x[n * length + j] = scale * rng.normal();
    }
  }
  return x;
}

/**
 * Seeded train/test data labelled by a random tree (or dense) teacher; see the module comment.
 * @example const { train, test } = treeTeacherData({ depth: 5, classes: 2, trainCount: 200,
 *   testCount: 1000, teacher: "tree", pixels: "balanced", seed: 1 }); // inputs of length 32
 */
export function treeTeacherData(c: TreeTeacherConstraints): SplitDataset {
  checkTeacher("treeTeacherData", c);
  check("trainCount", c.trainCount, 1);
  check("testCount", c.testCount, 1);
  if (c.pixels !== "balanced" && c.pixels !== "concentrated") {
    throw new Error(`treeTeacherData: pixels = ${JSON.stringify(c.pixels)}; expected "balanced" or "concentrated"`);
  }
  if (!Number.isSafeInteger(c.seed)) throw new Error(`treeTeacherData: seed = ${c.seed}; expected an integer`);
  const length = 2 ** c.depth;
  const architecture = teacherArchitecture(c);
  const shapes = parameterShapes(architecture);
  const probeCount = 2000;
  const probeInputs = sampleInputs(probeCount, length, c.pixels, deriveSeed(c.seed, "probe"));
  // A random ReLU teacher can be degenerate (dead units: a constant score for most inputs, so one
  // class would swallow the data). Redraw it (streams "teacher/0", "teacher/1", …) until every
  // class holds at least MIN_CLASS_SHARE / C of the probe sample.
  for (let attempt = 0; attempt < MAX_TEACHER_ATTEMPTS; attempt++) {
    const weights = initWeights(architecture, deriveSeed(c.seed, `teacher/${attempt}`)).map((w, k) =>
      Matrix.from1DArray(shapes[k]![0], shapes[k]![1], w),
    );
    const outputs = (inputs: Float32Array, count: number) =>
      forwardHost(weights, Matrix.from1DArray(count, length, inputs), architecture).at(-1)!;
    const probe = outputs(probeInputs, probeCount);
    const centre = probe.mean("column");
    const probeScores = Array.from({ length: probeCount }, (_, n) => probe.get(n, 1) - probe.get(n, 0)).sort((a, b) => a - b);
    const median = (probeScores[probeCount / 2 - 1]! + probeScores[probeCount / 2]!) / 2;
    const labelsOf = (inputs: Float32Array, count: number): Int32Array => {
      const out = outputs(inputs, count);
      const labels = new Int32Array(count);
      for (let n = 0; n < count; n++) {
        if (c.classes === 2) {
          labels[n] = out.get(n, 1) - out.get(n, 0) > median ? 1 : 0;
          continue;
        }
        let best = 0;
        for (let k = 1; k < c.classes; k++) {
          if (out.get(n, k) - centre[k]! > out.get(n, best) - centre[best]!) best = k;
        }
        labels[n] = best;
      }
      return labels;
    };
    const probeLabels = labelsOf(probeInputs, probeCount);
    const shares = Array.from({ length: c.classes }, (_, k) => probeLabels.filter((y) => y === k).length / probeCount);
    if (Math.min(...shares) < MIN_CLASS_SHARE / c.classes) continue;
    const dataset = (inputs: Float32Array, count: number): Dataset => ({
      inputs,
      labels: labelsOf(inputs, count),
      count,
      dim: length,
      classes: c.classes,
    });
    const trainInputs = sampleInputs(c.trainCount, length, c.pixels, deriveSeed(c.seed, "train"));
    const testInputs = sampleInputs(c.testCount, length, c.pixels, deriveSeed(c.seed, "test"));
    return {
      train: dataset(trainInputs, c.trainCount),
      test: dataset(testInputs, c.testCount),
      provenance: {
        generator: "treeTeacherData",
        depth: c.depth,
        classes: c.classes,
        trainCount: c.trainCount,
        testCount: c.testCount,
        teacher: c.teacher,
        teacherWidth: c.teacherWidth ?? (c.teacher === "tree" ? 4 : length),
        teacherAttempt: attempt,
        pixels: c.pixels,
        seed: c.seed,
      },
    };
  }
  throw new Error(
    `treeTeacherData: no non-degenerate ${c.teacher} teacher in ${MAX_TEACHER_ATTEMPTS} draws for seed ${c.seed}; try another seed or a wider teacher`,
  );
}
