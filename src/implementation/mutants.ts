/**
 * The mutants of the reliability kill matrix (issue #8): deliberate defects behind the trainer
 * and metric interfaces. Select one for a whole run with `THEOREM_SPEC_MUTANT=<id>`
 * (`activeImplementation.ts`); `npm run reliability:mutants` runs every claim against each and
 * prints which claims kill it.
 */
import { dropWeightDecay } from "../train/dropWeightDecay.ts";
import { halveWeightDecay } from "../train/halveWeightDecay.ts";
import { dropWeightNormalisation, fullBatchInstead, shuffleLabels } from "../train/mutants.ts";
import type { Trainer } from "../train/types.ts";
import { CONV_NORM_ON_DENSE_MATRIX, NC1_REGULARISED_INVERSE, RANK_RELATIVE_TO_SIGMA_MAX } from "./metricMutants.ts";
import type { MetricSuite } from "./metricSuite.ts";

export interface Mutant {
  /** Value of `THEOREM_SPEC_MUTANT`. */
  readonly id: string;
  /** Short name for tables. */
  readonly name: string;
  /** Behind which interface the defect sits. */
  readonly kind: "trainer" | "metric";
  /** What is wrong, in one sentence. */
  readonly defect: string;
  /** Trainer mutants: wraps the implementation under test. */
  readonly wrapTrainer?: (inner: Trainer) => Trainer;
  /** Metric mutants: the metric suite with the defect. */
  readonly metrics?: MetricSuite;
}

export const MUTANTS: readonly Mutant[] = [
  { id: "wd-dropped", name: "weight decay dropped", kind: "trainer", defect: "every run trains with λ = 0, whatever λ was asked for", wrapTrainer: dropWeightDecay },
  { id: "wn-dropped", name: "weight normalisation dropped", kind: "trainer", defect: "plain weights W are trained even when the architecture asks for W = gV", wrapTrainer: dropWeightNormalisation },
  { id: "full-batch", name: "full batch instead of minibatches", kind: "trainer", defect: "every step uses the whole training set, whatever B was asked for", wrapTrainer: fullBatchInstead },
  { id: "wd-convention", name: "λ instead of 2λ in the step", kind: "trainer", defect: "the decay term of the update is ηλW instead of 2ηλW (the gradient of λ‖W‖²)", wrapTrainer: halveWeightDecay },
  { id: "labels-shuffled", name: "labels shuffled", kind: "trainer", defect: "the training labels are permuted before training (the data no longer determine the targets)", wrapTrainer: shuffleLabels },
  { id: "nc1-regularised-inverse", name: "NC1: regularised plain inverse", kind: "metric", defect: "NC1 uses (Σ_B + εI)⁻¹ instead of the pseudo-inverse Σ_B^† on the top C − 1 eigenpairs", metrics: NC1_REGULARISED_INVERSE },
  { id: "rank-sigma-max", name: "rank tolerance relative to σ_max", kind: "metric", defect: "numerical rank counts σ_i/σ_max > τ instead of σ_i/‖W‖_F > τ", metrics: RANK_RELATIVE_TO_SIGMA_MAX },
  { id: "conv-norm-dense", name: "conv kernel norm on the dense matrix", kind: "metric", defect: "a conv layer's norm in ρ is taken on its dense operator matrix (one kernel copy per output position) instead of on the kernel", metrics: CONV_NORM_ON_DENSE_MATRIX },
];

/**
 * The mutant with this id.
 * @throws naming the value and listing the ids when there is none.
 */
export function mutantById(id: string): Mutant {
  const mutant = MUTANTS.find((m) => m.id === id);
  if (mutant === undefined) {
    throw new Error(`THEOREM_SPEC_MUTANT=${JSON.stringify(id)} is not a mutant; expected one of ${MUTANTS.map((m) => m.id).join(", ")}`);
  }
  return mutant;
}
