/**
 * Variants outside the conventions (issue #18): plausible implementations that CLAIMS.md's
 * conventions, read as the paper's analysis needs them, exclude. Each names the claims that must
 * reject it (a robust failure, outcome `fail`): the suite must be able to see the difference, so
 * a required rejection that does not happen is a defect ("the suite no longer distinguishes …").
 * Their other cells are reported, not judged. Run like the benign variants (trainerVariant.ts);
 * the findings that put each here: docs/reliability.md, "What the benign matrix found".
 */
import type { OutOfConventionVariant } from "./trainerVariant.ts";

export const OUT_OF_CONVENTION_VARIANTS: readonly OutOfConventionVariant[] = [
  {
    kind: "outside-conventions",
    id: "pytorch-wn-reparametrised-torch-init",
    name: "WN reparametrised, V⁰ = W⁰ (torch's initialisation)",
    description: "as pytorch-wn-reparametrised, but initialised as torch.nn.utils.weight_norm does: V⁰ = W⁰, so ‖V⁰‖_F = g⁰ (≈ √(2·fan-out) for a hidden layer) instead of 1",
    flags: ["--wn", "reparametrised", "--wn-init", "weights"],
    whyOutside:
      "CLAIMS.md (Conventions): W_k = g_k V_k/‖V_k‖_F; \"the Lagrange-multiplier form of the paper keeps ‖V_k‖ = 1 exactly (project after each step); either is acceptable\" — read as the projected or the reparametrised step, both from ‖V_k⁰‖ = 1. " +
      "The paper's flow V̇_k = −g_k(I − V_kV_kᵀ)∇_{W_k}L is that of unit-norm V_k; at ‖V_k‖ = s the reparametrised direction moves by −(g_k/s²)(I − V̂_kV̂_kᵀ)∇_{W_k}L, so s is a free learning-rate factor of the directions, unobservable in W. " +
      "V⁰ = W⁰ makes s = g⁰: every hidden direction moves g⁰²-fold slower (≈ 1/64 at width 32) for the whole run, and the first step is, to first order, plain SGD's — the wn-dropped mutant's",
    mustReject: [
      {
        claim: "N1",
        why: "N1's WN-step test checks one step against the paper's direction step −η g_k(I − V_kV_kᵀ)∇_{W_k}L, which holds at ‖V_k‖ = 1 only; here the step is 1/g⁰² of it, as without WN (direction error |1/g⁰² − 1|, as for wn-dropped). If N1 accepted this variant it could not tell weight normalisation from none",
      },
    ],
  },
];
