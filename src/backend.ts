/**
 * Backend selection. Order of preference:
 *   1. `tensorflow` — `@tensorflow/tfjs-node` (native libtensorflow), when it installed and loads;
 *   2. `wasm`       — `@tensorflow/tfjs-backend-wasm` (float32, single-threaded in Node);
 *   3. `cpu`        — the plain JavaScript backend of `@tensorflow/tfjs`.
 * `THEOREM_SPEC_BACKEND=tensorflow|wasm|cpu` forces one (an error if it cannot start).
 *
 * `@tensorflow/tfjs-node` is an optional dependency: its install script downloads libtensorflow,
 * which fails offline, and npm then drops it — so every machine has at least `wasm` and `cpu`.
 * The active backend is a parameter of every report (see `src/report/`).
 */
import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
import { defaultWasmEngine } from "./train/engine.ts";
import { wasmStepsSupported } from "./train/wasmSteps.ts";

export type BackendName = "tensorflow" | "wasm" | "cpu";
export const BACKEND_PREFERENCE: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

const require = createRequire(import.meta.url);
let selected: Promise<BackendName> | undefined;

async function tryBackend(name: BackendName): Promise<boolean> {
  try {
    if (name === "tensorflow") {
      // tfjs-node registers the "tensorflow" backend with the tfjs it depends on; it is only usable
      // when that is the same tfjs instance as ours (npm dedupes identical versions).
      require("@tensorflow/tfjs-node");
    } else if (name === "wasm") {
      await import("@tensorflow/tfjs-backend-wasm");
    }
    if (tf.findBackendFactory(name) === null) return false;
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

function forcedBackend(): BackendName | undefined {
  const raw = process.env.THEOREM_SPEC_BACKEND;
  if (raw === undefined || raw === "") return undefined;
  if (!(BACKEND_PREFERENCE as readonly string[]).includes(raw)) {
    throw new Error(
      `THEOREM_SPEC_BACKEND=${JSON.stringify(raw)} is not a backend; expected one of ${BACKEND_PREFERENCE.join(", ")}`,
    );
  }
  return raw as BackendName;
}

async function select(): Promise<BackendName> {
  const forced = forcedBackend();
  if (forced !== undefined) {
    if (await tryBackend(forced)) return forced;
    const hint =
      forced === "tensorflow"
        ? " (@tensorflow/tfjs-node is optional and did not install or load on this machine)"
        : "";
    throw new Error(`THEOREM_SPEC_BACKEND=${forced} was requested but could not start${hint}; unset it to fall back`);
  }
  for (const name of BACKEND_PREFERENCE) {
    if (await tryBackend(name)) return name;
  }
  throw new Error("no TensorFlow.js backend could start (tried tensorflow, wasm, cpu)");
}

/**
 * Selects and initialises the backend once per process; later calls return the same name.
 * Every entry point that creates tensors awaits this first.
 */
export function initBackend(): Promise<BackendName> {
  selected ??= select();
  return selected;
}

/** The backend in use (after `initBackend`), e.g. for report parameters. */
export function activeBackend(): string {
  return tf.getBackend();
}

/**
 * The arithmetic behind the trainer's numbers on the active backend (after `initBackend`): on
 * `wasm`, the engine of its wasm steps (`src/train/engine.ts`: `wasm-fma`, fused multiply-adds,
 * where this runtime has them fused, else `wasm-exact`, the TF.js ops' float32 operations);
 * elsewhere `tfjs-ops` (every step as TF.js ops). Part of the regression baselines' identity
 * (`relevantVersions`) and of every bench row.
 */
export function trainerEngine(): string {
  if (tf.getBackend() !== "wasm") return "tfjs-ops";
  return wasmStepsSupported() ? defaultWasmEngine() : "wasm-exact";
}
