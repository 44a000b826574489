/**
 * The trainer's WebAssembly kernels: the text source `kernels/trainer.wat` (each function documented
 * there), assembled by wabt into `kernels/trainer.wasm.ts` (`npm run kernels`; a test checks the
 * checked-in binary against the source), instantiated here on a given memory — the TF.js wasm
 * backend's own (`trainerWasmFor`, for the kernels `blockedMatMul.ts` and `parameterSteps.ts`
 * register), or a memory of the trainer's (`wasmSteps.ts`).
 *
 * Each kernel evaluates exactly the float32 operations of a sequence of TF.js wasm kernels — the
 * same operations on the same operands in the same order, every one rounded to float32 — so its
 * results are identical bit for bit, only with fewer passes over memory, SIMD where the order
 * allows it, and independent sums interleaved where it does not. Tested against the TF.js kernels
 * in `tests/train/`.
 *
 * Addresses are in bytes, strides and sizes in elements.
 */
import { WASM_BASE64 } from "./kernels/trainer.wasm.ts";

/** The module's functions (see `kernels/trainer.wat`). */
export interface TrainerWasm {
  /** epilogue 0: c; 1: also relu(c) at c + delta bytes; 2: c · step(z) at c, z at c + delta bytes (`ProductEpilogue`). */
  /** For each of `runs` runs, the operands and result of the next run at the given bytes further. */
  product(a: number, aRow: number, aCol: number, b: number, bRow: number, c: number, cRow: number, rows: number, vectors: number, shared: number, epilogue: number, delta: number, runs: number, aRunBytes: number, bRunBytes: number, cRunBytes: number): void;
  copy(src: number, srcRow: number, srcCol: number, dst: number, dstRow: number, rows: number, cols: number, paddedCols: number, runs: number, srcRunBytes: number, dstRunBytes: number): void;
  transpose(src: number, srcRow: number, dst: number, dstRow: number, rows: number, cols: number, runs: number, srcRunBytes: number, dstRunBytes: number): void;
  /** wOut: where W' = g' V' is also written (`scaleRuns` fused), or 0. */
  weightNormStep(v: number, g: number, grad: number, lr: number, decay: number, vOut: number, gOut: number, wOut: number, n: number, S: number): void;
  plainStep(w: number, grad: number, lr: number, decay: number, wOut: number, n: number, S: number): void;
  relu(src: number, dst: number, n: number): void;
  lossGradient(f: number, y: number, dst: number, n: number, perSample: number): void;
  reluGradient(dh: number, z: number, dst: number, n: number): void;
  scaleRuns(v: number, g: number, dst: number, n: number, S: number): void;
  gatherRows(src: number, index: number, dst: number, count: number, rowBytes: number): void;
  gatherPatches(src: number, table: number, dst: number, samples: number, positionsIn: number, patchRows: number, channels: number): void;
  scatterPatches(src: number, table: number, dst: number, scratch: number, samples: number, positionsIn: number, patchRows: number, channels: number): void;
}

/** The block length of the shared dimension in the backend's matrix-product loop (`kBlockSize`). */
export const SHARED_BLOCK = 48;

let bytes: Uint8Array | undefined;

/** The module's bytes. */
export function trainerWasmBytes(): Uint8Array {
  bytes ??= Uint8Array.from(Buffer.from(WASM_BASE64, "base64"));
  return bytes;
}

/**
 * The WebAssembly API used here, typed locally: the project compiles against the ES2022 lib
 * without the DOM's WebAssembly declarations.
 */
interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum?: number }) => { readonly buffer: ArrayBuffer | SharedArrayBuffer; grow(pages: number): number };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this runtime runs the module at all (WebAssembly with SIMD). */
export function trainerWasmSupported(): boolean {
  return wasmApi !== undefined && wasmApi.validate(trainerWasmBytes());
}

/** The parts of the TF.js wasm backend (`tf.backend()` when it is "wasm") the kernels use. */
export interface WasmBackendInternals {
  readonly wasm: { readonly asm?: { readonly memory?: unknown }; _malloc(bytes: number): number; _free(address: number): void };
  readonly dataIdMap: { get(dataId: object): { readonly memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: "float32"): { dataId: object; shape: number[]; dtype: "float32" };
}

let supported: boolean | undefined;
const instances = new WeakMap<object, TrainerWasm>();

/** The module on the backend's memory, or undefined where it cannot run (shared memory, no SIMD). */
export function trainerWasmFor(backend: WasmBackendInternals): TrainerWasm | undefined {
  return trainerWasmOn(backend.wasm?.asm?.memory);
}

let compiled: object | undefined;

/** The module on a `WebAssembly.Memory` (unshared), or undefined where it cannot run. */
export function trainerWasmOn(memory: unknown): TrainerWasm | undefined {
  if (wasmApi === undefined || !(memory instanceof wasmApi.Memory)) return undefined;
  if (typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer) return undefined;
  supported ??= trainerWasmSupported();
  if (!supported) return undefined;
  let instance = instances.get(memory);
  if (instance === undefined) {
    compiled ??= new wasmApi.Module(trainerWasmBytes());
    instance = new wasmApi.Instance(compiled, { env: { memory } }).exports as TrainerWasm;
    instances.set(memory, instance);
  }
  return instance;
}

/** The byte address of a tensor's data in the backend's memory. */
export function tensorAddress(backend: WasmBackendInternals, t: { dataId: object; shape: readonly number[] }): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (data === undefined) throw new Error(`trainerWasm: a tensor of shape [${t.shape.join(", ")}] has no data in the wasm backend`);
  return data.memoryOffset;
}
