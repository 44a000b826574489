/**
 * The weight-decay convention, defined here and nowhere else (CLAIMS.md, "Conventions"):
 *
 *   L^λ(W) = L(W) + λ Σ_k ‖W_k‖_F²,   so one step is   W ← W − η (∇L_S̃(W) + 2λ W).
 *
 * A PyTorch-style `weight_decay` coefficient equals 2λ. Under weight normalisation
 * (W_k = g_k V_k, ‖V_k‖_F = 1) the penalty is λ Σ_k g_k², so the decay term acts on g_k alone.
 */

/** The factor multiplying a parameter in the gradient of the penalty λ‖p‖²: ∂(λ‖p‖²)/∂p = 2λ p. */
export function decayCoefficient(lambda: number): number {
  return 2 * lambda;
}
