/**
 * Norm-based Rademacher complexity bounds (Galanti, Xu, Galanti, Poggio, "Norm-based
 * generalization bounds for sparse neural networks", NeurIPS 2023; `../shared/papers/`).
 */

function check(fn: string, name: string, value: number, positive = true): void {
  if (!(typeof value === "number" && Number.isFinite(value) && (positive ? value > 0 : value >= 0))) {
    throw new Error(`${fn}: ${name} = ${value}; expected a finite number ${positive ? "> 0" : "≥ 0"}`);
  }
}

function checkInteger(fn: string, name: string, value: number, min: number): void {
  if (!(typeof value === "number" && Number.isSafeInteger(value) && value >= min)) {
    throw new Error(`${fn}: ${name} = ${value}; expected an integer ≥ ${min}`);
  }
}

/**
 * @internal Checks the architecture and sample terms shared by the bounds: m ≥ 1 samples, depth
 * L ≥ 1, C ≥ 1 outputs, and (with `kernels`) L − 1 kernel sizes, each an integer ≥ 1.
 */
export function checkBoundTerms(
  fn: string,
  b: { readonly m: number; readonly depth: number; readonly outputs: number; readonly kernelSizes?: readonly number[] },
  kernels: boolean,
): void {
  if (b === null || typeof b !== "object") {
    throw new Error(`${fn}: inputs = ${JSON.stringify(b)}; expected an object of bound terms`);
  }
  checkInteger(fn, "m", b.m, 1);
  checkInteger(fn, "depth", b.depth, 1);
  checkInteger(fn, "outputs", b.outputs, 1);
  if (!kernels) return;
  if (!Array.isArray(b.kernelSizes)) {
    throw new Error(`${fn}: kernelSizes = ${JSON.stringify(b.kernelSizes)}; expected an array of depth − 1 = ${b.depth - 1} kernel sizes`);
  }
  if (b.kernelSizes.length !== b.depth - 1) {
    throw new Error(`${fn}: kernelSizes has ${b.kernelSizes.length} entries; expected depth − 1 = ${b.depth - 1} (one per conv layer)`);
  }
  b.kernelSizes.forEach((k, l) => checkInteger(fn, `kernelSizes[${l}]`, k, 1));
}

/** Inputs of {@link cnnRademacherBound}. */
export interface CnnBoundInputs {
  /** ρ(w) = ∏_{l=1}^{L} ‖w^l‖_F: kernel norms of the conv layers times the last layer's norm. */
  readonly rho: number;
  /** Number of samples m. */
  readonly m: number;
  /** Depth L (conv layers + the dense last layer). */
  readonly depth: number;
  /** Kernel sizes k_l (number of taps) of the L − 1 conv layers. */
  readonly kernelSizes: readonly number[];
  /** Number of outputs C. */
  readonly outputs: number;
  /** max_j Σ_i ‖z⁰_j(x_i)‖² (see `maxPixelNormSum`). */
  readonly maxPixelNormSum: number;
}

/**
 * The complexity factor 1 + √(2(log(2)·L + Σ_l log(k_l) + log(C))) of Proposition 3.1.
 * @throws unless depth L and outputs C are integers ≥ 1 and logDegrees = Σ_l log(k_l) is finite and ≥ 0.
 */
export function complexityFactor(depth: number, logDegrees: number, outputs: number): number {
  checkInteger("complexityFactor", "depth", depth, 1);
  check("complexityFactor", "logDegrees", logDegrees, false);
  checkInteger("complexityFactor", "outputs", outputs, 1);
  return 1 + Math.sqrt(2 * (Math.log(2) * depth + logDegrees + Math.log(outputs)));
}

/**
 * Corollary 3.3 (Rademacher complexity of convolutional networks):
 *
 *   R_X(F^sh_{G,ρ}) ≤ (ρ/m) · (1 + √(2(log(2) L + Σ_{l<L} log k_l + log C))) · √(∏_{l<L} k_l · max_j Σ_i ‖z⁰_j(x_i)‖²).
 */
export function cnnRademacherBound(b: CnnBoundInputs): number {
  const fn = "cnnRademacherBound";
  checkBoundTerms(fn, b, true);
  check(fn, "rho", b.rho, false);
  check(fn, "maxPixelNormSum", b.maxPixelNormSum, false);
  const logK = b.kernelSizes.reduce((a, k) => a + Math.log(k), 0);
  const prodK = b.kernelSizes.reduce((a, k) => a * k, 1);
  return (b.rho / b.m) * complexityFactor(b.depth, logK, b.outputs) * Math.sqrt(prodK * b.maxPixelNormSum);
}

/** Inputs of {@link denseRademacherBound}. */
export interface DenseBoundInputs {
  /** ρ̃(w) = ∏_{l=1}^{L} ‖W^l‖_F of the dense weight matrices (a conv layer: its full operator matrix). */
  readonly rhoTilde: number;
  readonly m: number;
  readonly depth: number;
  readonly outputs: number;
  /** Σ_i ‖x_i‖². */
  readonly sumSquaredNorms: number;
}

/**
 * Golowich, Rakhlin, Shamir (COLT 2018) Theorem 1 for a fully connected network with Frobenius
 * norms, in the form the comparison after Corollary 3.3 uses (conv layers treated as dense):
 *
 *   R_X ≤ (ρ̃/m) · (1 + √(2(log(2) L + log C))) · √(Σ_i ‖x_i‖²).
 *
 * For C = 1 the factor is Golowich's (√(2 log(2) L) + 1); the log C term is the multi-output
 * extension of Proposition 3.1, kept so the two bounds differ only by their architecture terms.
 */
export function denseRademacherBound(b: DenseBoundInputs): number {
  const fn = "denseRademacherBound";
  checkBoundTerms(fn, b, false);
  check(fn, "rhoTilde", b.rhoTilde, false);
  check(fn, "sumSquaredNorms", b.sumSquaredNorms, false);
  return (b.rhoTilde / b.m) * complexityFactor(b.depth, 0, b.outputs) * Math.sqrt(b.sumSquaredNorms);
}
