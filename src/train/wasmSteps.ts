/**
 * Whole SGD steps in a WebAssembly memory of the trainer's own, for the wasm backend: the
 * forward pass, the hand-written backward pass of `squareLossGradients.ts` and the parameter
 * updates of `parameterSteps.ts`, all runs at once, each as calls of the kernels of
 * `kernels/trainer.wat` on buffers allocated once per request — no TF.js kernel, tensor or
 * upload per step (a step of the claim MLP was 23 TF.js kernels, of the tree CNN 94).
 *
 * With the `wasm-exact` engine (`engine.ts`) the kernels evaluate the float32 operations of the
 * TF.js kernels the step used to run, in the same order (the products the generic `BatchMatMul`
 * loop, `Relu`, `Step`, `Multiply`, …), so a run's numbers are those of the TF.js path bit for bit
 * (`tests/train/wasmSteps.test.ts`); with `wasm-fma` the products' multiply-adds are fused
 * (`kernels/trainerFma.wat`) and the rest is the same. A local
 * (conv) layer whose patches tile its input (kernel = stride: the selection is the identity) needs
 * no copy at all: its patches are its input, read as `[S, M·P_out, k·c_in]`.
 *
 * Layout (row-major, run axis first, as the TF.js path's tensors): activations `[S, M, size]`,
 * parameters `[S, rows, cols]`, per-run scalars `[S]`.
 */
import type { LayerPlan } from "../nets/architecture.ts";
import { batchedProducts, productGeometry, storesDirectly, type ProductEpilogue } from "./batchedProducts.ts";
import { defaultWasmEngine, fmaWasmOn, type WasmEngine } from "./engine.ts";
import { trainerWasmOn } from "./trainerWasm.ts";

const PAGE_BYTES = 65_536;
const ALIGN = 16;

interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

const wasmMemory = (globalThis as { WebAssembly?: { Memory: new (d: { initial: number }) => WasmMemory } }).WebAssembly?.Memory;

/** Where a product's operands live and how they are read (see `product` in `trainer.wat`). */
interface Operand {
  readonly at: number;
  /** Per-run shape `[d1, d2]` as stored. */
  readonly shape: readonly [number, number];
  readonly transposed: boolean;
}

/** The per-layer buffers (byte addresses). */
interface LayerBuffers {
  readonly plan: LayerPlan;
  /** Samples per run of the layer's product: M (dense) or M·P_out (local). */
  readonly productRows: number;
  /** The left operand of the product: the layer input itself, or the gathered patches. */
  readonly operand: number;
  /** Patch table (i32) of a local layer that needs a gather, else 0. */
  readonly table: number;
  readonly z: number;
  /** ReLU output (hidden layers), else 0. */
  readonly h: number;
  /** Gradient of the loss with respect to z. */
  readonly dz: number;
  /** Gradient with respect to the product's left operand (layers above the first trained), else 0. */
  readonly dOperand: number;
  /** Gradient with respect to the layer input (after the patch scatter), or dOperand. */
  readonly dInput: number;
  readonly grad: number;
  /** Effective weights W = g V (weight-normalised) or the weights. */
  readonly w: number;
  /** Weight-normalised: V (two buffers, alternating as the step's input and output), the current one, and g. */
  readonly v: [number, number];
  current: 0 | 1;
  readonly g: number;
}

/** Options of {@link createWasmSteps}. */
export interface WasmStepsOptions {
  /** Runs S. */
  readonly runs: number;
  /** Samples per run and step M (the minibatch, or N for full batch). */
  readonly samples: number;
  readonly normalized: boolean;
  /** Layers below `from` are not trained (`trainOnlyLastLayer`). */
  readonly from: number;
  /** The arithmetic of the products (`engine.ts`; default `defaultWasmEngine()`). */
  readonly engine?: WasmEngine;
  /**
   * Samples per run of the data set N, when minibatches are to be gathered in wasm
   * (`setData`, `gatherBatch`): the data set is then kept in the module's memory too.
   */
  readonly dataRows?: number;
}

/** A request's step machinery (see the module comment). */
export interface WasmSteps {
  /** Minibatch inputs `[S, M, d]` and targets `[S, M, C]`, to be filled before each `step`. */
  readonly inputs: Float32Array;
  readonly targets: Float32Array;
  /** Sets the parameters: per layer the stacked `[S, rows, cols]` matrices (V or W) and, weight-normalised, g `[S]`. */
  setParameters(mats: readonly Float32Array[], scales: readonly Float32Array[]): void;
  /** Copies the data set, inputs `[S, N, d]` and targets `[S, N, C]` (needs `dataRows` = N). */
  setData(x: Float32Array, y: Float32Array): void;
  /**
   * Fills `inputs` / `targets` with the minibatch: row i of run s is sample `batchOf(s)[i]` of run
   * s of the data set (`setData`), for i < M — copied by the `gatherRows` kernel.
   */
  gatherBatch(batchOf: (run: number) => Int32Array): void;
  /** Sets the per-run step sizes η_s m(t) and decay factors 2λ_s, each `[S]` float32. */
  setRates(lr: Float32Array, decay: Float32Array): void;
  /** One SGD step of every run on the current `inputs` / `targets`. */
  step(): void;
  /**
   * Per-run mean square loss `[S]` of the current weights on `x` `[S, N, d]` against `y` `[S, N, C]`
   * (each run its own N samples), as the TF.js ops `div(sum(squaredDifference(f, y), [1, 2]), N)`
   * compute it: the forward pass M samples at a time through the step's own buffers (the products
   * compute every row on its own), the sum of fl32((f − y)²) sequential from 0 over each run's
   * [N, C] in memory order, then divided by N. Overwrites `inputs` / `targets`.
   */
  losses(x: Float32Array, y: Float32Array, N: number): Float32Array;
  /** The effective weights per layer, `[S, rows, cols]` (copies). */
  effectiveWeights(): Float32Array[];
  /** The engine in use. */
  readonly engine: WasmEngine;
}

/** Whether whole steps can run here (WebAssembly with SIMD, unshared memory). */
export function wasmStepsSupported(): boolean {
  return wasmMemory !== undefined && trainerWasmOn(new wasmMemory({ initial: 1 })) !== undefined;
}


/** Whether a local layer's patch table is the identity (its patches tile the input). */
function tilesInput(plan: LayerPlan): boolean {
  if (plan.kind !== "local") return true;
  if (plan.positionsOut * plan.taps !== plan.positionsIn) return false;
  return plan.table.every((p, r) => p === r);
}

/** The step machinery of a network plan (undefined where `wasmStepsSupported()` is false). */
export function createWasmSteps(plans: readonly LayerPlan[], options: WasmStepsOptions): WasmSteps | undefined {
  if (wasmMemory === undefined) return undefined;
  const { runs: S, samples: M, normalized, from } = options;
  const depth = plans.length;
  const inputSize = plans[0]!.inputSize;
  const outputSize = plans[depth - 1]!.outputSize;

  // Allocation plan: byte offsets, 16-byte aligned, from 64 (address 0 stays unused).
  let top = 64;
  const alloc = (floats: number): number => {
    const at = top;
    top += Math.ceil((4 * floats) / ALIGN) * ALIGN;
    return at;
  };
  const inputsAt = alloc(S * M * inputSize);
  const targetsAt = alloc(S * M * outputSize);
  const N = options.dataRows ?? 0;
  const dataXAt = alloc(S * N * inputSize);
  const dataYAt = alloc(S * N * outputSize);
  const indexAt = alloc(N > 0 ? S * M : 0);
  const lrAt = alloc(S);
  const decayAt = alloc(S);
  let scratchFloats = 0;
  let scatterFloats = 0;
  const layers: LayerBuffers[] = [];
  let input = inputsAt;
  plans.forEach((plan, k) => {
    const local = plan.kind === "local";
    const productRows = local ? M * plan.positionsOut : M;
    const gathers = local && !tilesInput(plan);
    const operand = gathers ? alloc(S * productRows * plan.cols) : input;
    let table = 0;
    if (gathers) table = alloc(plan.table.length);
    const z = alloc(S * M * plan.outputSize);
    const h = k < depth - 1 ? alloc(S * M * plan.outputSize) : 0;
    const dz = k >= from ? alloc(S * M * plan.outputSize) : 0;
    const dOperand = k > from ? alloc(S * productRows * plan.cols) : 0;
    const dInput = k > from && gathers ? alloc(S * M * plan.inputSize) : dOperand;
    if (k > from && gathers && local) scatterFloats = Math.max(scatterFloats, plan.positionsIn * plan.channelsIn);
    const n = plan.rows * plan.cols;
    const grad = k >= from ? alloc(S * n) : 0;
    const w = alloc(S * n);
    const v: [number, number] = normalized ? [alloc(S * n), alloc(S * n)] : [0, 0];
    const g = normalized ? alloc(S) : 0;
    // forward: operand [M', cols] · Wᵀ; weight gradient: dzᵀ [rows, M'] · operand; input gradient: dz · W
    scratchFloats = Math.max(
      scratchFloats,
      productGeometry([productRows, plan.cols], false, [plan.rows, plan.cols], true).scratchFloats,
      productGeometry([productRows, plan.rows], true, [productRows, plan.cols], false).scratchFloats,
      productGeometry([productRows, plan.rows], false, [plan.rows, plan.cols], false).scratchFloats,
    );
    layers.push({ plan, productRows, operand, table, z, h, dz, dOperand, dInput, grad, w, v, current: 0, g });
    input = h;
  });
  const scratchAt = alloc(S * scratchFloats);
  const scatterAt = alloc(scatterFloats);

  const memory = new wasmMemory({ initial: Math.ceil(top / PAGE_BYTES) + 1 });
  const mm = trainerWasmOn(memory);
  if (mm === undefined) return undefined;
  const engine = options.engine ?? defaultWasmEngine();
  const fma = engine === "wasm-fma" ? fmaWasmOn(memory) : undefined;
  if (engine === "wasm-fma" && fma === undefined) throw new Error("wasmSteps: the wasm-fma engine needs relaxed SIMD, which this runtime lacks");
  const products = { product: fma === undefined ? mm.product : fma.product, copy: mm.copy, transpose: mm.transpose };
  const f32 = new Float32Array(memory.buffer);
  const i32 = new Int32Array(memory.buffer);
  for (const l of layers) if (l.table !== 0 && l.plan.kind === "local") i32.set(l.plan.table, l.table / 4);

  /**
   * `a · b` per run (with the transposes) into c [S, rows, cols]: the generic loop's result
   * (`blockedMatMul.ts`), its geometry computed once here, not per step (the claim MLP's steps are
   * short enough for that to show).
   */
  const geometryOf = (a: Operand, b: Operand) => productGeometry(a.shape, a.transposed, b.shape, b.transposed);
  const product = (a: Operand, b: Operand, c: number, epilogue?: ProductEpilogue): (() => void) => {
    const geometry = geometryOf(a, b);
    return () => batchedProducts(products, geometry, S, a.at, b.at, c, scratchAt, epilogue);
  };
  /**
   * Per layer, its three products: forward z = operand · Wᵀ (and h = relu(z) in its store where
   * the result is stored directly: `reluInForward`), ∇W = δᵀ operand, δ_operand = δ W (and
   * δ_{k−1} = δ_operand ⊙ step(z_{k−1}) in its store where no patch scatter comes between:
   * `reluGradientInProduct`).
   */
  const noProduct = (): void => {};
  const layerProducts = layers.map((l, k) => {
    const { plan } = l;
    const operand: Operand = { at: l.operand, shape: [l.productRows, plan.cols], transposed: false };
    const dz: Operand = { at: l.dz, shape: [l.productRows, plan.rows], transposed: false };
    const wT: Operand = { at: l.w, shape: [plan.rows, plan.cols], transposed: true };
    const w: Operand = { ...wT, transposed: false };
    const reluInForward = l.h !== 0 && storesDirectly(geometryOf(operand, wT));
    const below = layers[k - 1];
    const reluGradientInProduct = k > from && below !== undefined && l.dInput === l.dOperand && storesDirectly(geometryOf(dz, w));
    return {
      reluInForward,
      reluGradientInProduct,
      forward: product(operand, wT, l.z, reluInForward ? { kind: "relu", delta: l.h - l.z } : undefined),
      weightGradient: k >= from ? product({ ...dz, transposed: true }, operand, l.grad) : noProduct,
      inputGradient: k <= from ? noProduct
        : reluGradientInProduct ? product(dz, w, below!.dz, { kind: "reluGradient", delta: below!.z - below!.dz })
        : product(dz, w, l.dOperand),
    };
  });

  const perSample = Math.fround(1 / M);
  const last = layers[depth - 1]!;
  const refreshWeights = (l: LayerBuffers): void => {
    mm.scaleRuns(l.v[l.current], l.g, l.w, l.plan.rows * l.plan.cols, S);
  };

  /** Forward: z_k = operand_k · W_kᵀ, h_k = relu(z_k), on `inputs`. */
  const forward = (): void => {
    layers.forEach((l, k) => {
      const { plan } = l;
      const input = k === 0 ? inputsAt : layers[k - 1]!.h;
      if (l.table !== 0 && plan.kind === "local") mm.gatherPatches(input, l.table, l.operand, S * M, plan.positionsIn, plan.positionsOut * plan.taps, plan.channelsIn);
      layerProducts[k]!.forward();
      if (l.h !== 0 && !layerProducts[k]!.reluInForward) mm.relu(l.z, l.h, S * M * plan.outputSize);
    });
  };

  return {
    engine,
    inputs: f32.subarray(inputsAt / 4, inputsAt / 4 + S * M * inputSize),
    targets: f32.subarray(targetsAt / 4, targetsAt / 4 + S * M * outputSize),
    setParameters(mats, scales) {
      layers.forEach((l, k) => {
        f32.set(mats[k]!, (normalized ? l.v[l.current] : l.w) / 4);
        if (normalized) {
          f32.set(scales[k]!, l.g / 4);
          refreshWeights(l);
        }
      });
    },
    setData(x, y) {
      if (x.length !== S * N * inputSize || y.length !== S * N * outputSize) {
        throw new Error(`wasmSteps.setData: ${x.length} inputs and ${y.length} targets; expected [${S}, ${N}, ${inputSize}] and [${S}, ${N}, ${outputSize}]`);
      }
      f32.set(x, dataXAt / 4);
      f32.set(y, dataYAt / 4);
    },
    gatherBatch(batchOf) {
      if (N === 0) throw new Error("wasmSteps.gatherBatch: created without dataRows");
      for (let s = 0, at = indexAt / 4; s < S; s++, at += M) {
        const batch = batchOf(s);
        for (let i = 0; i < M; i++) i32[at + i] = s * N + batch[i]!;
      }
      mm.gatherRows(dataXAt, indexAt, inputsAt, S * M, 4 * inputSize);
      mm.gatherRows(dataYAt, indexAt, targetsAt, S * M, 4 * outputSize);
    },
    setRates(lr, decay) {
      f32.set(lr, lrAt / 4);
      f32.set(decay, decayAt / 4);
    },
    step() {
      forward();
      // Backward: δ_L = (1/M)·2(f − y); ∇W_k = δ_kᵀ operand_k; δ_{k−1} = (δ_k W_k) ⊙ step(z_{k−1}).
      mm.lossGradient(last.z, targetsAt, last.dz, S * M * outputSize, perSample);
      for (let k = depth - 1; k >= from; k--) {
        const l = layers[k]!;
        const { plan } = l;
        layerProducts[k]!.weightGradient();
        if (k === from) break;
        layerProducts[k]!.inputGradient();
        if (layerProducts[k]!.reluGradientInProduct) continue;
        if (l.dInput !== l.dOperand && plan.kind === "local") {
          mm.scatterPatches(l.dOperand, l.table, l.dInput, scatterAt, S * M, plan.positionsIn, plan.positionsOut * plan.taps, plan.channelsIn);
        }
        const below = layers[k - 1]!;
        mm.reluGradient(l.dInput, below.z, below.dz, S * M * below.plan.outputSize);
      }
      // Updates (after every gradient: they read this step's weights). Frozen layers keep theirs.
      for (let k = from; k < depth; k++) {
        const l = layers[k]!;
        const n = l.plan.rows * l.plan.cols;
        if (!normalized) {
          mm.plainStep(l.w, l.grad, lrAt, decayAt, l.w, n, S);
          continue;
        }
        const next = l.current === 0 ? 1 : 0;
        // V', g' and W' = g' V' (the `scaleRuns` of refreshWeights, fused into the division by ‖V‖)
        mm.weightNormStep(l.v[l.current], l.g, l.grad, lrAt, decayAt, l.v[next], l.g, l.w, n, S);
        l.current = next;
      }
    },
    losses(x, y, N) {
      const d = inputSize;
      const C = outputSize;
      const inputs = f32.subarray(inputsAt / 4, inputsAt / 4 + S * M * d);
      const sums = new Float64Array(S); // float32 values, each step rounded (fround)
      const outAt = last.z / 4;
      for (let m0 = 0; m0 < N; m0 += M) {
        const rows = Math.min(M, N - m0);
        for (let s = 0; s < S; s++) inputs.set(x.subarray((s * N + m0) * d, (s * N + m0 + rows) * d), s * M * d);
        forward();
        for (let s = 0; s < S; s++) {
          let sum = sums[s]!;
          for (let e = 0, f = outAt + s * M * C, t = (s * N + m0) * C; e < rows * C; e++) {
            const diff = Math.fround(f32[f + e]! - y[t + e]!);
            sum = Math.fround(sum + Math.fround(diff * diff));
          }
          sums[s] = sum;
        }
      }
      return Float32Array.from(sums, (sum) => sum / N);
    },
    effectiveWeights() {
      return layers.map((l) => f32.slice(l.w / 4, l.w / 4 + S * l.plan.rows * l.plan.cols));
    },
  };
}
