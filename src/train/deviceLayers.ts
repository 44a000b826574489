/**
 * The layers of a network plan on the device, for the reference trainer: each layer's forward
 * product and, written out by hand, the two products of its backward pass. Tensors carry the run
 * axis first: activations `h [S, M, inputSize]`, parameter matrices `w [S, rows, cols]`.
 *
 * Every product of a layer's weights runs the wasm backend's generic `BatchMatMul` loop (through
 * `blockedMatMul`), whose per-element arithmetic depends only on the logical operands — so a run's
 * numbers do not depend on how many runs are batched with it. (TF.js's own `tf.matMul` of a batch
 * of 1 without transposes takes XNNPACK instead, whose float32 results differ in the last bits.)
 */
import * as tf from "@tensorflow/tfjs";
import type { LayerPlan } from "../nets/architecture.ts";
import { blockedMatMul } from "./blockedMatMul.ts";

/** One layer on the device (see the module comment). */
export interface DeviceLayer {
  readonly plan: LayerPlan;
  /**
   * Local (conv) layers: a constant 0/1 selection matrix `sel [P_out·k, P_in]` (row j·k + o picks
   * input position table[j·k + o]) that gathers the patches, so that the input gradient is a
   * matrix product too: the wasm backend has no kernel for the gradient of `gather`
   * (UnsortedSegmentSum) nor for the filter gradient of `conv2d`.
   */
  readonly sel?: tf.Tensor2D;
}

/** What the backward pass of a layer needs from its forward pass. */
export interface LayerForward {
  /** Pre-activation `z [S, M, outputSize]`. */
  readonly z: tf.Tensor3D;
  /** The left operand of the layer's product: `h` (dense) or the patches `[S, M·P_out, k·c_in]` (local). */
  readonly operand: tf.Tensor3D;
}

/** The device form of each layer of a plan (allocates the selection matrices; dispose them with {@link disposeDeviceLayers}). */
export function deviceLayers(plans: readonly LayerPlan[]): DeviceLayer[] {
  return plans.map((plan) => {
    if (plan.kind !== "local") return { plan };
    const sel = new Float32Array(plan.positionsOut * plan.taps * plan.positionsIn);
    plan.table.forEach((p, r) => {
      sel[r * plan.positionsIn + p] = 1;
    });
    return { plan, sel: tf.tensor2d(sel, [plan.positionsOut * plan.taps, plan.positionsIn]) };
  });
}

export function disposeDeviceLayers(layers: readonly DeviceLayer[]): void {
  tf.dispose(layers.flatMap((l) => (l.sel === undefined ? [] : [l.sel])));
}

/** Forward product of one layer: h [S, M, inputSize], w [S, rows, cols] → z [S, M, outputSize]. */
export function layerForward(layer: DeviceLayer, h: tf.Tensor3D, w: tf.Tensor3D): LayerForward {
  const { plan } = layer;
  if (plan.kind !== "local") return { z: blockedMatMul(h, w, false, true), operand: h };
  const [S, M] = h.shape as [number, number, number];
  const { positionsIn, positionsOut, taps, channelsIn, channelsOut } = plan;
  // [S, M, P_in·c] → [P_in, S·M·c] → patches [P_out·k, S·M·c] → [S·M, P_out·k, c] → [S, M·P_out, k·c]
  const byPosition = h.reshape([S * M, positionsIn, channelsIn]).transpose([1, 0, 2]).reshape([positionsIn, S * M * channelsIn]);
  const picked = tf.matMul(layer.sel!, byPosition as tf.Tensor2D);
  const patches = picked
    .reshape([positionsOut * taps, S * M, channelsIn])
    .transpose([1, 0, 2])
    .reshape([S, M * positionsOut, taps * channelsIn]) as tf.Tensor3D;
  const z = blockedMatMul(patches, w, false, true).reshape([S, M, positionsOut * channelsOut]) as tf.Tensor3D;
  return { z, operand: patches };
}

/** `dz [S, M, outputSize]` as the gradient of the layer's product `[S, M', rows]`. */
function productGradient(layer: DeviceLayer, dz: tf.Tensor3D): tf.Tensor3D {
  const { plan } = layer;
  if (plan.kind !== "local") return dz;
  const [S, M] = dz.shape as [number, number, number];
  return dz.reshape([S, M * plan.positionsOut, plan.channelsOut]);
}

/** ∂/∂w of ⟨dz, z⟩: `[S, rows, cols]` = (dz)ᵀ · operand per run. */
export function layerWeightGradient(layer: DeviceLayer, dz: tf.Tensor3D, forward: LayerForward): tf.Tensor3D {
  return blockedMatMul(productGradient(layer, dz), forward.operand, true, false);
}

/** ∂/∂h of ⟨dz, z⟩: `[S, M, inputSize]` = dz · w per run (through the patch selection for a local layer). */
export function layerInputGradient(layer: DeviceLayer, dz: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  const dOperand = blockedMatMul(productGradient(layer, dz), w);
  const { plan } = layer;
  if (plan.kind !== "local") return dOperand;
  const [S, M] = dz.shape;
  const { positionsIn, positionsOut, taps, channelsIn } = plan;
  // The transpose of the forward's reshapes, and selᵀ · ∂picked for the patch selection.
  const dPicked = dOperand.reshape([S * M, positionsOut * taps, channelsIn]).transpose([1, 0, 2]).reshape([positionsOut * taps, S * M * channelsIn]);
  const dByPosition = tf.matMul(layer.sel!, dPicked as tf.Tensor2D, true, false);
  return dByPosition.reshape([positionsIn, S * M, channelsIn]).transpose([1, 0, 2]).reshape([S, M, positionsIn * channelsIn]) as tf.Tensor3D;
}
