/**
 * The benign variants (issue #18): implementations that differ from the reference but are correct,
 * so every claim must pass through each of them — a claim that fails ("kills") one is a false kill,
 * a defect of the suite (or a finding about what the claim as stated really requires). The
 * counterpart of the mutants (src/implementation/mutants.ts), which every run must be killed by
 * some claim. Each runs the claim specs through the shipped PyTorch adapter (adapters/pytorch/) in
 * free mode, with the adapter's variant flags (adapters/pytorch/README.md, "Benign variants").
 */
import { pytorchCommand } from "../implementation/activeImplementation.ts";

export interface BenignVariant {
  /** Stable id (the row of the matrix, `--only`). */
  readonly id: string;
  /** Short name for the table. */
  readonly name: string;
  /** What differs from the reference. */
  readonly description: string;
  /** Flags of adapters/pytorch/trainer.py (none: the adapter as shipped, via `THEOREM_SPEC_TRAINER=pytorch`). */
  readonly flags: readonly string[];
  /** Why it is a correct implementation of the conventions of CLAIMS.md. */
  readonly whyCorrect: string;
}

export const BENIGN_VARIANTS: readonly BenignVariant[] = [
  {
    id: "pytorch",
    name: "PyTorch adapter as shipped",
    description: "the shipped adapter in free mode: its own He initialisation (torch.randn) and batch order (epochs of torch.randperm), torch autograd, projected WN",
    flags: [],
    whyCorrect: "an independent implementation of the same conventions (checked step for step against the reference in aligned mode); free mode changes only the random draws, which the claims' statistical verdicts must not depend on",
  },
  {
    id: "pytorch-wn-reparametrised",
    name: "WN reparametrised (V not renormalised)",
    description: "weight normalisation W = g V/‖V‖_F in the standard reparametrised form of torch.nn.utils.parametrizations.weight_norm: gradient through V/‖V‖_F, V takes the plain step and is not renormalised (V⁰ = W⁰/‖W⁰‖_F), decay 2λ on g only",
    flags: ["--wn", "reparametrised"],
    whyCorrect: "CLAIMS.md (Conventions): W_k = g_k V_k/‖V_k‖_F with decay on g_k; \"the Lagrange-multiplier form of the paper keeps ‖V_k‖ = 1 exactly (project after each step); either is acceptable\". The effective weights are a function of V/‖V‖ only; what changes is the direction's step size, divided by ‖V‖², which grows",
  },
  {
    id: "pytorch-wn-reparametrised-torch-init",
    name: "WN reparametrised, V⁰ = W⁰ (torch's initialisation)",
    description: "as pytorch-wn-reparametrised, but initialised as torch.nn.utils.weight_norm does: V⁰ = W⁰, so ‖V⁰‖_F = g⁰ (≈ √(2·fan-out) for a hidden layer) instead of 1",
    flags: ["--wn", "reparametrised", "--wn-init", "weights"],
    whyCorrect: "the same parametrisation W = g V/‖V‖_F (the scale of V is not observable in W), as a user of torch's own weight_norm gets it; CLAIMS.md names no scale for V. Whether the claims really accept it is what the run decides: the direction's step is divided by ‖V‖² ≈ g², which at the first step is, to first order, plain SGD's direction step",
  },
  {
    id: "pytorch-batches-with-replacement",
    name: "minibatches drawn with replacement",
    description: "free mode: each step's B indices drawn uniformly with replacement (torch.randint, seeded from the run's seed) instead of epochs of permutations",
    flags: ["--batches", "with-replacement"],
    whyCorrect: "SGD on a minibatch S̃ of size B is the claims' algorithm (CLAIMS.md: W ← W − η(∇L_S̃ + 2λW)); the paper's analysis of SGD noise takes S̃ uniform at random, and sampling with replacement is the textbook form of it (unbiased gradient, the same noise scale up to the factor (N − B)/(N − 1))",
  },
  {
    id: "pytorch-run-order",
    name: "runs one at a time, in reverse order",
    description: "the runs of a request trained one by one, last first (--run-order one-by-one-reversed), instead of all together on a run axis; results returned in request order",
    flags: ["--run-order", "one-by-one-reversed"],
    whyCorrect: "runs never interact (each has its own seed, data and parameters); the order and batching of runs inside one request is an implementation detail, and only float rounding of the batched products can differ",
  },
];

/** The variant with `id`. @throws naming the known ids. */
export function benignVariantById(id: string): BenignVariant {
  const v = BENIGN_VARIANTS.find((x) => x.id === id);
  if (v === undefined) throw new Error(`unknown benign variant ${JSON.stringify(id)}; expected one of ${BENIGN_VARIANTS.map((x) => x.id).join(", ")}`);
  return v;
}

/**
 * The `THEOREM_SPEC_TRAINER` value of a variant: `pytorch` for the adapter as shipped, else
 * `cmd:<python with torch> <adapter> <flags>` (the python resolved like `pytorch` does).
 */
export function benignTrainerValue(variant: BenignVariant, command: () => string = pytorchCommand): string {
  return variant.flags.length === 0 ? "pytorch" : `cmd:${command()} ${variant.flags.join(" ")}`;
}
