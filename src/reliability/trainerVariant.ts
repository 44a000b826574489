/**
 * A variant of the benign matrix (issue #18): an implementation that differs from the reference,
 * run through every claim spec via the shipped PyTorch adapter (adapters/pytorch/) in free mode,
 * with the adapter's variant flags (adapters/pytorch/README.md, "Benign variants"). Two kinds:
 *
 * - **benign** (`benignVariants.ts`): correct by the conventions of CLAIMS.md, so every claim must
 *   pass through it; a claim that fails one is a *false kill*, a defect of the suite.
 * - **outside the conventions** (`outOfConventionVariants.ts`): a plausible implementation the
 *   conventions, read as the paper's analysis needs them, exclude; the claims it names **must**
 *   reject it — the suite must be able to see the difference, and a check that cannot fail is a
 *   defect. Its other cells are reported, not judged.
 */
import { pytorchCommand } from "../implementation/activeImplementation.ts";
import type { ClaimId } from "../claims/catalog.ts";

interface VariantCommon {
  /** Stable id (the row of the matrix, `--only`). */
  readonly id: string;
  /** Short name for the table. */
  readonly name: string;
  /** What differs from the reference. */
  readonly description: string;
  /** Flags of adapters/pytorch/trainer.py (none: the adapter as shipped, via `THEOREM_SPEC_TRAINER=pytorch`). */
  readonly flags: readonly string[];
}

/** A correct implementation of the conventions: every claim must pass through it. */
export interface BenignVariant extends VariantCommon {
  readonly kind: "benign";
  /** Why it is a correct implementation of the conventions of CLAIMS.md. */
  readonly whyCorrect: string;
}

/** A claim that must reject (robustly fail: outcome `fail`, not inconclusive) a variant outside the conventions. */
export interface ExpectedRejection {
  readonly claim: ClaimId;
  /** What the claim checks that the variant violates. */
  readonly why: string;
}

/** An implementation the conventions exclude: the claims of `mustReject` must fail with it. */
export interface OutOfConventionVariant extends VariantCommon {
  readonly kind: "outside-conventions";
  /** Which convention of CLAIMS.md it departs from, and in what reading. */
  readonly whyOutside: string;
  /** The claims that must reject it (at least one); the others are reported, not judged. */
  readonly mustReject: readonly ExpectedRejection[];
}

export type TrainerVariant = BenignVariant | OutOfConventionVariant;

/**
 * The `THEOREM_SPEC_TRAINER` value of a variant: `pytorch` for the adapter as shipped, else
 * `cmd:<python with torch> <adapter> <flags>` (the python resolved like `pytorch` does).
 */
export function variantTrainerValue(variant: TrainerVariant, command: () => string = pytorchCommand): string {
  return variant.flags.length === 0 ? "pytorch" : `cmd:${command()} ${variant.flags.join(" ")}`;
}
