/**
 * The cases of claim G1 (specs/generalization-bounds.spec.ts, and a few by the CLI): generated
 * conv layers materialised as dense operator matrices through TensorFlow.js's own conv ops, the
 * Toeplitz identity ‖W‖²_F = d_l ‖w‖²_F on them, and the same identity on whole tree CNNs.
 */
import { activeMetrics } from "../../implementation/activeImplementation.ts";
import { layerNormProduct } from "../../implementation/metricSuite.ts";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { convOperatorMatrix, denseNormProduct } from "../../bounds/index.ts";
import { teacherArchitecture } from "../../data/treeTeacher.ts";
import { compileArchitecture, parameterShapes, type Architecture } from "../../nets/architecture.ts";
import { compileConvLayers } from "../../nets/convNet.ts";
import { initWeights } from "../../nets/initWeights.ts";
import { localLayerHost } from "../../nets/localLayerHost.ts";

/** Generated layers per G1 check: the profile's `exactRuns`, at most this many (each runs TF convs). */
export const G1_MAX_CASES = 60;

/** Whole tree CNNs checked by G1: depths 3–6 with 3 channels. */
export const G1_TREE_DEPTHS = [3, 4, 5, 6] as const;
export const G1_TREE_CHANNELS = 3;

/** The whole-network identity holds to float64 rounding. */
export const G1_NETWORK_TOLERANCE = 1e-12;

/** Conv layers, 1-D (input 3–16, kernel 2–4, stride 1–3, 1–3 channels in and out) and 2-D (input 3–7 per axis, kernel 2–3, stride 1–2, 1–2 channels). */
export const convCases = fc.oneof(
  fc.record({
    dims: fc.constant(1 as const),
    size: fc.tuple(fc.integer({ min: 3, max: 16 }), fc.constant(1)),
    kernel: fc.tuple(fc.integer({ min: 2, max: 4 }), fc.constant(1)),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constant(1)),
    cIn: fc.integer({ min: 1, max: 3 }),
    cOut: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer(),
  }),
  fc.record({
    dims: fc.constant(2 as const),
    size: fc.tuple(fc.integer({ min: 3, max: 7 }), fc.integer({ min: 3, max: 7 })),
    kernel: fc.tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
    cIn: fc.integer({ min: 1, max: 2 }),
    cOut: fc.integer({ min: 1, max: 2 }),
    seed: fc.integer(),
  }),
);
/** One generated conv layer. */
export type ConvCase = typeof convCases extends fc.Arbitrary<infer T> ? T : never;

/**
 * The case as one-layer conv architecture, its kernel matrix and TF filter, and its dense operator.
 * `unitEntries` replaces the He-initialised kernel by its signs (entries ±1): the control uses it,
 * because a tap that padding truncates then removes at least 1/(d·k·c_in) of ‖W‖²_F — far above the
 * float32 tolerance — whereas random entries can make a truncated tap ≈ 0 by chance (it happened on
 * 1 of 26 seed streams: docs/reliability.md).
 */
export async function materialiseConv(c: ConvCase, padding: "valid" | "same", unitEntries = false) {
  const inputShape = (c.dims === 1 ? [c.size[0]] : c.size) as [number] | [number, number];
  const kernel = (c.dims === 1 ? c.kernel[0] : c.kernel) as number | [number, number];
  const stride = (c.dims === 1 ? c.stride[0] : c.stride) as number | [number, number];
  const architecture: Architecture = { kind: "conv", inputShape, inputChannels: c.cIn, conv: [{ kernel, stride, channels: c.cOut }], outputDim: 1, normalization: "none" };
  const [plan] = compileConvLayers(architecture);
  const taps = plan!.taps;
  const initial = initWeights(architecture, c.seed)[0]!;
  const w = Matrix.from1DArray(c.cOut, taps * c.cIn, unitEntries ? Array.from(initial, (v) => (v < 0 ? -1 : 1)) : initial);
  const filter = new Float32Array(taps * c.cIn * c.cOut);
  for (let o = 0; o < taps; o++) for (let ci = 0; ci < c.cIn; ci++) for (let co = 0; co < c.cOut; co++) filter[(o * c.cIn + ci) * c.cOut + co] = w.get(co, o * c.cIn + ci);
  const filterShape = c.dims === 1 ? [c.kernel[0], c.cIn, c.cOut] : [c.kernel[0], c.kernel[1], c.cIn, c.cOut];
  const operator = await convOperatorMatrix({ inputShape, channelsIn: c.cIn, filter, filterShape, stride, padding });
  return { plan: plan!, w, operator };
}

/** |‖W‖²_F / (d_l ‖w‖²_F) − 1|: zero exactly when every output position holds a whole kernel copy. */
export function toeplitzIdentityError(operator: Matrix, w: Matrix, positions: number, kernelNorm: number = w.norm()): number {
  return Math.abs(operator.norm() ** 2 / (positions * kernelNorm ** 2) - 1);
}

/** A case fits its input (kernel ≤ size on every axis); fast-check discards the others. */
export function convFits(c: ConvCase): boolean {
  return c.kernel[0] <= c.size[0] && c.kernel[1] <= c.size[1];
}

/** Zero cells TF's `same` padding adds per axis, (⌈n/s⌉ − 1)·s + k − n; a case with none is not padded at all. */
export function samePadding(c: ConvCase): [number, number] {
  const pad = (a: 0 | 1) => Math.max((Math.ceil(c.size[a]! / c.stride[a]!) - 1) * c.stride[a]! + c.kernel[a]! - c.size[a]!, 0);
  return [pad(0), pad(1)];
}

/** What G1 measures on one valid-padding layer. */
export interface ConvCaseErrors {
  /** Rows of the suite's patch-table operator and of TF's (must agree). */
  readonly oursRows: number;
  readonly operatorRows: number;
  /** ‖ours − TF's‖_F / ‖TF's‖_F (∞ when the shapes differ). */
  readonly patchTable: number;
  /** |‖W‖²_F / (d_l ‖w‖²_F) − 1|. */
  readonly identity: number;
  /** Output positions d_l. */
  readonly positions: number;
}

/**
 * A valid-padding layer's materialised operator against (a) the suite's patch-table conv applied
 * to the basis and (b) the Toeplitz identity.
 */
export async function convCaseErrors(c: ConvCase): Promise<ConvCaseErrors> {
  const { plan, w, operator } = await materialiseConv(c, "valid");
  const ours = localLayerHost(Matrix.eye(plan.positionsIn * c.cIn), w, plan).transpose();
  const patchTable = ours.rows === operator.rows ? ours.clone().sub(operator).norm() / operator.norm() : Number.POSITIVE_INFINITY;
  return { oursRows: ours.rows, operatorRows: operator.rows, patchTable, identity: toeplitzIdentityError(operator, w, plan.positionsOut, activeMetrics().layerNorm(w, plan)), positions: plan.positionsOut };
}

/** The identity with `same` padding (the control): output positions counted from the operator. */
export async function samePaddingError(c: ConvCase): Promise<{ identity: number; positions: number; validPositions: number }> {
  const { plan, w, operator } = await materialiseConv(c, "same", true);
  const positions = operator.rows / c.cOut;
  return { identity: toeplitzIdentityError(operator, w, positions), positions, validPositions: plan.positionsOut };
}

/**
 * ∏‖W_l‖_F of a He-initialised tree CNN of depth L (its dense operators' norms, `denseNormProduct`)
 * against ρ·√∏d_l: the ratio − 1, signed (G1 asserts it is below `G1_NETWORK_TOLERANCE`).
 */
export function treeNetworkIdentityError(depth: number): number {
  const architecture = teacherArchitecture({ depth, classes: 2, teacher: "tree", teacherWidth: G1_TREE_CHANNELS });
  const shapes = parameterShapes(architecture);
  const weights = initWeights(architecture, depth).map((v, k) => Matrix.from1DArray(shapes[k]![0], shapes[k]![1], v));
  const positions = compileArchitecture(architecture).layers.map((l) => (l.kind === "local" ? l.positionsOut : 1));
  const rho = layerNormProduct(weights, compileArchitecture(architecture).layers, activeMetrics());
  return denseNormProduct(weights, architecture) / (rho * Math.sqrt(positions.reduce((a, b) => a * b, 1))) - 1;
}
