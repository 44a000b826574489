/**
 * Which arithmetic the trainer's own wasm steps (`wasmSteps.ts`) use on the wasm backend — the
 * "engine", part of the identity of every number they produce:
 *
 * - `wasm-fma` (opt-in, `THEOREM_SPEC_ENGINE=fma`): the layer products with fused multiply-adds (`kernels/trainerFma.wat`,
 *   `f32x4.relaxed_madd` of relaxed SIMD; every other kernel as in `exact`). Available where this
 *   runtime has relaxed SIMD (Node 20 behind `--experimental-wasm-relaxed-simd`, which is set
 *   here at start-up, before the module is compiled; on by default from Node 22) **and** a probe
 *   finds relaxed_madd fused: relaxed SIMD allows an unfused multiply-add, which would give other
 *   numbers. Where it is fused, every element of a product is the same chain of fused operations
 *   on every run and in every process of the machine: deterministic, but not equal bit for bit to
 *   the TF.js ops (within float32 rounding, `FMA_ENGINE_TOLERANCE` in the tests).
 * - `wasm-exact` (the default): the float32 operations of the TF.js wasm kernels in their order (no fused
 *   multiply-add), equal to the TF.js-ops path bit for bit.
 *
 * The regression baselines record the engine with the versions (`relevantVersions`), so they
 * compare exactly only on the engine that recorded them; `npm run bench` prints it per row.
 * On the other backends (`cpu`, `tensorflow`) every step is TF.js ops and the engine does not apply.
 */
import { setFlagsFromString } from "node:v8";
import { WASM_BASE64 as FMA_BASE64 } from "./kernels/trainerFma.wasm.ts";

/**
 * How far the `wasm-fma` engine's numbers may be from the TF.js ops' (`wasm-exact`), as the largest
 * |a − b| / max(1, |b|) over every recorded weight and loss (`tests/train/wasmSteps.test.ts`, the
 * configurations the claims train). `oneStep`: after one SGD step, where the only difference is the
 * rounding of the products (one rounding per multiply-add instead of two; a product of K terms
 * moves by ≲ K · 2⁻²⁴ relative to Σ|a||b|): measured ≤ 4e-7, bound 1e-5. `trained`: after 15–30
 * steps, where SGD carries and amplifies the first differences (weight normalisation most):
 * measured ≤ 1.6e-4, bound 1e-3.
 */
export const FMA_ENGINE_TOLERANCE = { oneStep: 1e-5, trained: 1e-3 } as const;

export type WasmEngine = "wasm-fma" | "wasm-exact";
export const WASM_ENGINES: readonly WasmEngine[] = ["wasm-fma", "wasm-exact"];

/** The fused product module's functions (`kernels/trainerFma.wat`). */
export interface FmaWasm {
  product(a: number, aRow: number, aCol: number, b: number, bRow: number, c: number, cRow: number, rows: number, vectors: number, shared: number, epilogue: number, delta: number, runs: number, aRunBytes: number, bRunBytes: number, cRunBytes: number): void;
  probe(a: number, b: number, c: number): number;
}

interface WasmApi {
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let fmaBytes: Uint8Array | undefined;
/** The fused module's bytes. */
export function trainerFmaBytes(): Uint8Array {
  fmaBytes ??= Uint8Array.from(Buffer.from(FMA_BASE64, "base64"));
  return fmaBytes;
}

let flagTried = false;
/** Enables relaxed SIMD in V8 where it is behind a flag (Node 20); harmless where it is on already. */
function enableRelaxedSimd(): void {
  if (flagTried) return;
  flagTried = true;
  try {
    setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    // not Node, or flags are frozen: relaxed SIMD is then available only if it is on by default
  }
}

let compiled: object | null | undefined;
/** The compiled fused module, or null where this runtime has no relaxed SIMD. */
function fmaModule(): object | null {
  if (compiled !== undefined) return compiled;
  enableRelaxedSimd();
  compiled = null;
  try {
    if (wasmApi !== undefined && wasmApi.validate(trainerFmaBytes())) compiled = new wasmApi.Module(trainerFmaBytes());
  } catch {
    compiled = null;
  }
  return compiled;
}

const instances = new WeakMap<object, FmaWasm>();
/** The fused module on a `WebAssembly.Memory`, or undefined where relaxed SIMD is missing. */
export function fmaWasmOn(memory: object): FmaWasm | undefined {
  const module = fmaModule();
  if (module === null || wasmApi === undefined) return undefined;
  let instance = instances.get(memory);
  if (instance === undefined) {
    instance = new wasmApi.Instance(module, { env: { memory } }).exports as FmaWasm;
    instances.set(memory, instance);
  }
  return instance;
}

/** Relaxed SIMD is available and its multiply-add is fused here: fl(a·b + c) with one rounding. */
export function fusedMultiplyAddAvailable(): boolean {
  if (wasmApi === undefined) return false;
  const probe = fmaWasmOn(new wasmApi.Memory({ initial: 0 }));
  if (probe === undefined) return false;
  // (1 + 2⁻²³)(1 − 2⁻²³) − 1 = −2⁻⁴⁶ exactly (fused); the float32 product rounds to 1 (unfused: 0).
  return probe.probe(Math.fround(1 + 2 ** -23), Math.fround(1 - 2 ** -23), -1) === -(2 ** -46);
}

/**
 * The engine the environment asks for: `wasm-fma` when `THEOREM_SPEC_ENGINE=fma`, else
 * `wasm-exact` (unset, empty or `exact`). Pure; whether `wasm-fma` can run here is
 * `fusedMultiplyAddAvailable`'s question.
 * @throws Error naming the variable and its value when it is not an engine.
 * @example requestedWasmEngine({ THEOREM_SPEC_ENGINE: "fma" }) // "wasm-fma"
 */
export function requestedWasmEngine(env: Readonly<Record<string, string | undefined>> = process.env): WasmEngine {
  const forced = env.THEOREM_SPEC_ENGINE;
  if (forced === undefined || forced === "" || forced === "exact") return "wasm-exact";
  if (forced === "fma") return "wasm-fma";
  throw new Error(`THEOREM_SPEC_ENGINE=${JSON.stringify(forced)} is not an engine; expected exact or fma`);
}

let chosen: WasmEngine | undefined;
/**
 * The engine the wasm steps use by default: `requestedWasmEngine()` — `wasm-exact`, unless
 * `THEOREM_SPEC_ENGINE=fma` asks for `wasm-fma` (an error where the probe finds no fused
 * multiply-add). Decided once per process. `wasm-fma` is opt-in: on the bench's 2-core machine its
 * gain was within the run-to-run noise (docs/performance.md), and its numbers differ from the
 * TF.js ops' in the last bits, which every recorded measurement (baselines, reliability records)
 * would have to be re-measured for.
 */
export function defaultWasmEngine(): WasmEngine {
  if (chosen !== undefined) return chosen;
  const requested = requestedWasmEngine();
  if (requested === "wasm-fma" && !fusedMultiplyAddAvailable()) {
    throw new Error("THEOREM_SPEC_ENGINE=fma was requested but this runtime has no fused relaxed_madd (relaxed SIMD); unset it to use the wasm-exact engine");
  }
  chosen = requested;
  return chosen;
}
