/**
 * The benign variants (issue #18): implementations that differ from the reference but are correct
 * by the conventions of CLAIMS.md, so every claim must pass through each — a claim that fails
 * ("kills") one is a false kill, a defect of the suite. The counterpart of the mutants
 * (src/implementation/mutants.ts), which every run must be killed by some claim; variants the
 * conventions exclude are listed apart (outOfConventionVariants.ts). Kinds and how a variant runs:
 * trainerVariant.ts.
 */
import type { BenignVariant } from "./trainerVariant.ts";

export const BENIGN_VARIANTS: readonly BenignVariant[] = [
  {
    kind: "benign",
    id: "pytorch",
    name: "PyTorch adapter as shipped",
    description: "the shipped adapter in free mode: its own He initialisation (torch.randn) and batch order (epochs of torch.randperm), torch autograd, projected WN",
    flags: [],
    whyCorrect: "an independent implementation of the same conventions (checked step for step against the reference in aligned mode); free mode changes only the random draws, which the claims' statistical verdicts must not depend on",
  },
  {
    kind: "benign",
    id: "pytorch-wn-reparametrised",
    name: "WN reparametrised (V not renormalised)",
    description: "weight normalisation W = g V/‖V‖_F in the standard reparametrised form of torch.nn.utils.parametrizations.weight_norm: gradient through V/‖V‖_F, V takes the plain step and is not renormalised (V⁰ = W⁰/‖W⁰‖_F), decay 2λ on g only",
    flags: ["--wn", "reparametrised"],
    whyCorrect: "CLAIMS.md (Conventions): W_k = g_k V_k/‖V_k‖_F with decay on g_k; \"the Lagrange-multiplier form of the paper keeps ‖V_k‖ = 1 exactly (project after each step); either is acceptable\" — read, as the paper's flow needs, as both forms starting at ‖V_k⁰‖ = 1, which this one does (outOfConventionVariants.ts). The effective weights are a function of V/‖V‖ only; what changes is the direction's step size, divided by ‖V‖², which grows",
  },
  {
    kind: "benign",
    id: "pytorch-batches-with-replacement",
    name: "minibatches drawn with replacement",
    description: "free mode: each step's B indices drawn uniformly with replacement (torch.randint, seeded from the run's seed) instead of epochs of permutations",
    flags: ["--batches", "with-replacement"],
    whyCorrect: "SGD on a minibatch S̃ of size B is the claims' algorithm (CLAIMS.md: W ← W − η(∇L_S̃ + 2λW)); the paper's analysis of SGD noise takes S̃ uniform at random, and sampling with replacement is the textbook form of it (unbiased gradient, the same noise scale up to the factor (N − B)/(N − 1))",
  },
  {
    kind: "benign",
    id: "pytorch-run-order",
    name: "runs one at a time, in reverse order",
    description: "the runs of a request trained one by one, last first (--run-order one-by-one-reversed), instead of all together on a run axis; results returned in request order",
    flags: ["--run-order", "one-by-one-reversed"],
    whyCorrect: "runs never interact (each has its own seed, data and parameters); the order and batching of runs inside one request is an implementation detail, and only float rounding of the batched products can differ",
  },
];
