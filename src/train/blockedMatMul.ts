/**
 * `blockedMatMul(a, b, transposeA, transposeB)`: the batched matrix product of rank-3 float32
 * tensors `[S, ·, ·]` as the wasm backend's generic `BatchMatMul` loop computes it — the same
 * float32 result for every S, bit for bit — several times faster there.
 *
 * On wasm, `tf.matMul` of rank-3 tensors runs one of two kernels: XNNPACK for a batch of 1 without
 * transposes, and otherwise a generic scalar loop whose arithmetic depends only on the logical
 * operands — per output element, float32 sums over blocks of 48 products in order (see
 * `trainerWasm.ts`); the two differ in the last bits, so only the generic loop makes a
 * run's numbers independent of how many runs are batched with it. This function hands every
 * product to a SIMD module that evaluates the generic loop's per-element sums four rows and four
 * columns at a time, in the backend's own memory (no copies of the operands). Without that module
 * (another backend, a runtime without unshared wasm memory or SIMD) it is `tf.matMul`, with the
 * second operand transposed explicitly for a batch of 1 without transposes (which takes the
 * generic loop on wasm).
 *
 * No gradient is registered: it is for hand-written backward passes (`squareLossGradients.ts`).
 *
 * ```ts
 * const h = tf.randomNormal([10, 16, 64]) as tf.Tensor3D;
 * const w = tf.randomNormal([10, 32, 64]) as tf.Tensor3D;
 * blockedMatMul(h, w, false, true); // [10, 16, 32], identical to tf.matMul(h, w, false, true)
 * ```
 */
import * as tf from "@tensorflow/tfjs";
import { batchedProducts, productGeometry } from "./batchedProducts.ts";
import { tensorAddress, trainerWasmFor, type WasmBackendInternals } from "./trainerWasm.ts";

/** The kernel's name in the TF.js registry (wasm backend only). */
export const BLOCKED_MAT_MUL_KERNEL = "TheoremSpecBlockedMatMul";

/**
 * The kernel: inputs a [S, ·, ·], b [S, ·, ·] (float32, same S, matching shared dimension:
 * `blockedMatMul` checks), attrs transposeA, transposeB.
 */
function blockedMatMulKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as WasmBackendInternals;
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const transposeA = args.attrs?.transposeA === true;
  const transposeB = args.attrs?.transposeB === true;
  const mm = trainerWasmFor(backend);
  if (mm === undefined) throw new Error(`${BLOCKED_MAT_MUL_KERNEL}: not available on this runtime (blockedMatMul checks this first)`);
  const [S, a1, a2] = a.shape as [number, number, number];
  const [, b1, b2] = b.shape as [number, number, number];
  const g = productGeometry([a1, a2], transposeA, [b1, b2], transposeB);
  const out = backend.makeOutput([S, g.rows, g.cols], "float32");
  const scratchBytes = 4 * S * g.scratchFloats;
  const scratch = scratchBytes > 0 ? backend.wasm._malloc(scratchBytes) >>> 0 : 0;
  if (scratchBytes > 0 && scratch === 0) throw new Error(`${BLOCKED_MAT_MUL_KERNEL}: could not allocate ${scratchBytes} bytes of scratch in the wasm heap`);
  try {
    batchedProducts(mm, g, S, tensorAddress(backend, a), tensorAddress(backend, b), tensorAddress(backend, out), scratch);
  } finally {
    if (scratch !== 0) backend.wasm._free(scratch);
  }
  return out as tf.TensorInfo;
}

function available(): boolean {
  if (tf.getBackend() !== "wasm") return false;
  if (trainerWasmFor(tf.backend() as unknown as WasmBackendInternals) === undefined) return false;
  if (tf.getKernel(BLOCKED_MAT_MUL_KERNEL, "wasm") === undefined) {
    tf.registerKernel({ kernelName: BLOCKED_MAT_MUL_KERNEL, backendName: "wasm", kernelFunc: blockedMatMulKernel as unknown as tf.KernelFunc });
  }
  return true;
}

/** The generic loop's `a b` (with the given transposes) for `a`, `b` of rank 3 and equal batch S (see the module comment). */
export function blockedMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeA = false, transposeB = false): tf.Tensor3D {
  const shared = [transposeA ? a.shape[1] : a.shape[2], transposeB ? b.shape[2] : b.shape[1]];
  if (a.rank !== 3 || b.rank !== 3 || a.shape[0] !== b.shape[0] || shared[0] !== shared[1]) {
    throw new Error(
      `blockedMatMul: a [${a.shape.join(", ")}]${transposeA ? "ᵀ" : ""} · b [${b.shape.join(", ")}]${transposeB ? "ᵀ" : ""}; expected rank-3 operands with the same batch and shared dimension`,
    );
  }
  if (a.dtype === "float32" && b.dtype === "float32" && a.size > 0 && b.size > 0 && available()) {
    return tf.engine().runKernel(BLOCKED_MAT_MUL_KERNEL, { a, b }, { transposeA, transposeB }) as tf.Tensor3D;
  }
  if (a.shape[0] === 1 && !transposeA && !transposeB) return tf.tidy(() => tf.matMul(a, tf.transpose(b, [0, 2, 1]), false, true));
  return tf.matMul(a, b, transposeA, transposeB);
}
