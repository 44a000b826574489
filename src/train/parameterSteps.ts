/**
 * One SGD step of one layer's parameters, for all runs at once (run axis first; per-run learning
 * rates η and weight-decay factors 2λ as `[S, 1, 1]`, see `weightDecay.ts`):
 *
 * - {@link plainStep}: W ← W − η (∇_W L + 2λ W);
 * - {@link weightNormStep}: under W = g V/‖V‖_F, evaluated where the trainer keeps it (‖V‖_F = 1),
 *   with the exact derivatives of g V/‖V‖ there — ∂/∂V = g (∇_W − ⟨∇_W, V⟩ V) (the tangent
 *   projection), ∂/∂g = ⟨∇_W, V⟩:
 *     V ← normalise(V − η g (∇_W − ⟨∇_W, V⟩ V)),   g ← g − η (⟨∇_W, V⟩ + 2λ g).
 *
 * Each is written as TF.js ops; on the wasm backend the same float32 operations run as one kernel
 * of `trainerWasm.ts` instead of 4 (plain) or 15 (weight-normalised) — the same numbers bit for bit
 * (tested in `tests/train/parameterSteps.test.ts`).
 */
import * as tf from "@tensorflow/tfjs";
import { tensorAddress, trainerWasmFor, type WasmBackendInternals } from "./trainerWasm.ts";

export const WEIGHT_NORM_STEP_KERNEL = "TheoremSpecWeightNormStep";
export const PLAIN_STEP_KERNEL = "TheoremSpecPlainStep";

function checkShapes(name: string, w: tf.Tensor3D, gradW: tf.Tensor3D, scalars: Record<string, tf.Tensor3D>): void {
  const S = w.shape[0];
  if (gradW.shape.join() !== w.shape.join()) throw new Error(`${name}: gradient [${gradW.shape.join(", ")}] for parameters [${w.shape.join(", ")}]`);
  for (const [label, t] of Object.entries(scalars)) {
    if (t.shape.join() !== [S, 1, 1].join()) throw new Error(`${name}: ${label} [${t.shape.join(", ")}]; expected [${S}, 1, 1]`);
  }
}

/** Whether the wasm kernels run here (wasm backend, module available); registers them on first use. */
function wasmKernels(): boolean {
  if (tf.getBackend() !== "wasm") return false;
  if (trainerWasmFor(tf.backend() as unknown as WasmBackendInternals) === undefined) return false;
  if (tf.getKernel(WEIGHT_NORM_STEP_KERNEL, "wasm") === undefined) {
    tf.registerKernel({ kernelName: WEIGHT_NORM_STEP_KERNEL, backendName: "wasm", kernelFunc: weightNormStepKernel as unknown as tf.KernelFunc });
    tf.registerKernel({ kernelName: PLAIN_STEP_KERNEL, backendName: "wasm", kernelFunc: plainStepKernel as unknown as tf.KernelFunc });
  }
  return true;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown };

function weightNormStepKernel({ inputs, backend }: KernelArgs): tf.TensorInfo[] {
  const be = backend as WasmBackendInternals;
  const { v, g, gradW, lr, decay } = inputs as Record<string, tf.TensorInfo>;
  const [S, rows, cols] = v!.shape as [number, number, number];
  const nextV = be.makeOutput([S, rows, cols], "float32");
  const nextG = be.makeOutput([S, 1, 1], "float32");
  const at = (t: tf.TensorInfo) => tensorAddress(be, t);
  trainerWasmFor(be)!.weightNormStep(at(v!), at(g!), at(gradW!), at(lr!), at(decay!), at(nextV), at(nextG), 0, rows * cols, S);
  return [nextV as tf.TensorInfo, nextG as tf.TensorInfo];
}

function plainStepKernel({ inputs, backend }: KernelArgs): tf.TensorInfo {
  const be = backend as WasmBackendInternals;
  const { w, gradW, lr, decay } = inputs as Record<string, tf.TensorInfo>;
  const [S, rows, cols] = w!.shape as [number, number, number];
  const next = be.makeOutput([S, rows, cols], "float32");
  const at = (t: tf.TensorInfo) => tensorAddress(be, t);
  trainerWasmFor(be)!.plainStep(at(w!), at(gradW!), at(lr!), at(decay!), at(next), rows * cols, S);
  return next as tf.TensorInfo;
}

/** W − η (∇_W + 2λ W) for `w`, `gradW` [S, rows, cols] and `lr` = η, `decay` = 2λ [S, 1, 1]. */
export function plainStep(w: tf.Tensor3D, gradW: tf.Tensor3D, lr: tf.Tensor3D, decay: tf.Tensor3D): tf.Tensor3D {
  checkShapes("plainStep", w, gradW, { lr, decay });
  if (wasmKernels()) return tf.engine().runKernel(PLAIN_STEP_KERNEL, { w, gradW, lr, decay }) as tf.Tensor3D;
  return tf.tidy(() => tf.sub(w, tf.mul(lr, tf.add(gradW, tf.mul(decay, w)))));
}

/**
 * The weight-normalised step (see the module comment) for `v` [S, rows, cols] with unit Frobenius
 * norm per run, `g`, `lr` = η, `decay` = 2λ [S, 1, 1] and `gradW` = ∇_W L at W = g V: [V', g'].
 */
export function weightNormStep(v: tf.Tensor3D, g: tf.Tensor3D, gradW: tf.Tensor3D, lr: tf.Tensor3D, decay: tf.Tensor3D): [tf.Tensor3D, tf.Tensor3D] {
  checkShapes("weightNormStep", v, gradW, { g, lr, decay });
  if (wasmKernels()) return tf.engine().runKernel(WEIGHT_NORM_STEP_KERNEL, { v, g, gradW, lr, decay }) as unknown as [tf.Tensor3D, tf.Tensor3D];
  return tf.tidy(() => {
    const radial = tf.sum(tf.mul(gradW, v), [1, 2], true);
    const gradV = tf.mul(g, tf.sub(gradW, tf.mul(radial, v)));
    const stepped = tf.sub(v, tf.mul(lr, gradV));
    const nextV = tf.div(stepped, tf.sqrt(tf.sum(tf.square(stepped), [1, 2], true))) as tf.Tensor3D;
    const nextG = tf.sub(g, tf.mul(lr, tf.add(radial, tf.mul(decay, g)))) as tf.Tensor3D;
    return [nextV, nextG];
  });
}
