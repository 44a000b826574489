/**
 * Sentence-level claims: for every catalogue claim, the paper's sentence and the statements the
 * suite checks — *as stated* and, where the suite had to re-state it to test it, *as refined* —
 * each with the verdict the catalogue expects (`npm run verify` compares the observed verdict with
 * it; see `src/report/summary.ts`).
 *
 * The full text of the Research paper is not in `../shared/papers/`: sentences are quoted only
 * from its abstract (CBMM memo / arXiv 2101.00072 version, marked `quoted`), otherwise paraphrased
 * from CLAIMS.md, with the section of the paper they come from.
 *
 * How results are assigned to statements: a spec labels a test with `statement: <key>` through
 * `labelClaim`; a test without one checks the claim's `primary` statement. A statement whose
 * expected verdict is "not reproduced" or "inconclusive" is checked by a *pinned finding* test
 * (tag `finding`): it asserts the finding itself — the effect is absent under a rule whose power is
 * stated, or the check passes on its control too — so a change that makes the paper's effect appear
 * fails it, and verify reports the verdict change.
 */
import type { ClaimId } from "./claimIds.ts";
import type { StatementKind, StatementVerdict } from "./verdicts.ts";

/** Where the claim comes from in the paper. */
export interface PaperSentence {
  /** The sentence: quoted verbatim when `quoted`, else a paraphrase. */
  readonly text: string;
  /** `true` when `text` is the paper's own words (from its abstract). */
  readonly quoted: boolean;
  /** The part of the paper it comes from. */
  readonly section: string;
}

/** One checked statement of a claim. */
export interface ClaimStatement {
  /** The statement's label value in the results (`statement`); unique within the claim, e.g. `"as stated"`. */
  readonly key: string;
  readonly kind: StatementKind;
  /** The statement as checked, one line (the landing page's statement column). */
  readonly text: string;
  /** The verdict the catalogue expects; verify fails when the observed verdict differs. */
  readonly expected: StatementVerdict;
  /** Tests of the claim without a `statement` label check this statement (exactly one per claim). */
  readonly primary?: true;
  /** What was found, in words a reader outside statistics understands (figures from `docs/`). */
  readonly plain: string;
  /** Why the verdict is not a plain "held" (or why the statement was refined), with the doc to read. */
  readonly why?: string;
  /** For "not reproduced": the rule and what it would have detected. */
  readonly power?: string;
}

export interface SentenceLevelClaim {
  readonly paper: PaperSentence;
  readonly statements: readonly ClaimStatement[];
}

const ABSTRACT = "abstract (CBMM memo / arXiv 2101.00072 version)";

export const SENTENCE_LEVEL: Readonly<Record<ClaimId, SentenceLevelClaim>> = {
  N1: {
    paper: {
      text: "With normalization and weight decay, the dynamics of ρ converge to an equilibrium in which ρ stays bounded and the normalised layers balance; the equilibrium is derived in CLAIMS.md for a single scale and for per-layer scales.",
      quoted: false,
      section: "normalisation and the dynamics of ρ",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "After SGD + WD + WN training ρ sits at the per-layer equilibrium (time-averaged), the layer scales balance, ρ stays bounded; both closed forms are exact.",
        expected: "held",
        plain: "ρ ends within 0.1 % of the predicted equilibrium, the layer scales agree to 0.1 %, and both formulas match numerical minimisers to rounding error.",
        why: "CLAIMS' per-layer equation has two roots or none; the minimum is the larger root, which is what is checked (docs/normalization-duality.md). ρ stays bounded at λ = 0 too (the square loss stops at an exact fit), so boundedness has no λ = 0 control.",
      },
    ],
  },
  N2: {
    paper: {
      text: "With weight decay the solutions quasi-interpolate: the fit is not exact, the normalised margins approach equality, and the fit becomes exact as λ → 0.",
      quoted: false,
      section: "quasi-interpolation with weight decay",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "With λ > 0 the mean margin ρȳ stays below 1 and approaches 1 as λ → 0; the normalised margins become nearly equal.",
        expected: "held",
        plain: "With weight decay the fit falls short by 4–6 % at the largest λ and the shortfall shrinks like λ^1.7; the spread of the margins falls about 8-fold.",
        why: "The margins also equalise at λ = 0 (an exact fit makes them all 1), so the spread check's control is last-layer-only training, not λ = 0 (docs/normalization-duality.md).",
      },
    ],
  },
  NC1: {
    paper: {
      text: "We then predict Neural Collapse and its properties without any specific assumption.",
      quoted: true,
      section: `${ABSTRACT}; neural-collapse section (NC1)`,
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "SGD + WD + WN into quasi-interpolation drives NC1 = Tr(Σ_W Σ_B^†)/C → 0.",
        expected: "held",
        plain: "Within-class spread of the features falls about 50- to 80-fold over training and ends near 1 % of the between-class spread; it does not fall when the features are frozen.",
      },
    ],
  },
  NC2: {
    paper: {
      text: "The class means of the features approach a simplex equiangular tight frame (NC2).",
      quoted: false,
      section: "neural-collapse section (NC2)",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        text: "The centred class means approach a simplex ETF (ETF distance → 0).",
        expected: "not specified",
        plain: "The centred ETF distance falls (0.3–0.4 → 0.03–0.09) and is attached, but is not decided.",
        why: "Three random centred means can start near a simplex by chance (0.03), so the ratio of that distance is no test (it failed 2 of 10 seed streams); the suite decides the uncentred frame, which implies it for a bias-free last layer (docs/neural-collapse.md).",
      },
      {
        key: "as refined",
        kind: "as refined",
        primary: true,
        text: "The uncentred class means approach an orthogonal equinorm frame (its centred version is the simplex ETF): the frame distance at least halves.",
        expected: "held",
        plain: "The distance of the class means to the predicted frame falls 5- to 6-fold; it does not fall when the features are frozen.",
      },
    ],
  },
  NC3: {
    paper: {
      text: "The last-layer classifier aligns with the class means (self-duality, NC3).",
      quoted: false,
      section: "neural-collapse section (NC3)",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "‖Wᵀ/‖W‖ − M/‖M‖‖ → 0 for the last layer W, with the uncentred means M a bias-free last layer predicts.",
        expected: "held",
        plain: "The classifier's distance to the class means falls 8- to 10-fold; without weight decay it stays where it started.",
        why: "The centred variant stays near 0.5, as a bias-free last layer predicts; it is attached.",
      },
    ],
  },
  NC4: {
    paper: {
      text: "The classifier becomes the nearest-class-centre rule (NC4).",
      quoted: false,
      section: "neural-collapse section (NC4)",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "The fraction of samples where argmax W h ≠ the nearest class mean → 0.",
        expected: "held",
        plain: "The network and the nearest-mean rule agree on every training sample; on frozen features they disagree on 13–29 %.",
      },
    ],
  },
  "NC-WD": {
    paper: {
      text: "Weight decay is necessary for neural collapse: the same training with λ = 0 collapses markedly less.",
      quoted: false,
      section: "neural-collapse section (role of weight decay)",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        text: "Weight decay is necessary for collapse: with λ = 0 the same training collapses markedly less (NC1–NC3 larger at equal training).",
        expected: "not reproduced",
        plain: "Without weight decay NC1 still ends below 0.1, the level the suite calls collapsed; its gap to the weight-decay value varies in sign over configurations (−1.2 … +0.85 decades, mean ≈ 0.2): exact interpolation collapses the features by itself.",
        why: "NC1 and CDNV also collapse at λ = 0 in this regime (docs/neural-collapse.md); what weight decay is needed for is NC3.",
        power: "NC1's level rule (upper 95 % bound of mean log10 NC1 at the end < log10 0.1, over seeds) applied to the λ = 0 runs: it holds in every configuration. A λ = 0 arm whose features did not learn ends at its initial NC1 of 0.25–0.6 and fails it, as features frozen at initialisation do (NC1's control). NC1's tenfold-fall rule at λ = 0 is attached, not asserted: it held in 38 of 44 configurations over 24 seed streams, too close to its threshold to pin.",
      },
      {
        key: "as refined",
        kind: "as refined",
        primary: true,
        text: "Weight decay is necessary for the self-duality NC3: with λ = 0 the classifier stays ≥ √10 × farther from the means.",
        expected: "held",
        plain: "With weight decay the classifier ends about 7× closer to the class means than without; a trainer that drops weight decay shows no gap.",
      },
    ],
  },
  "NC-depth": {
    paper: {
      text: "Collapse also appears in intermediate layers and strengthens with depth; the top-layer features have rank ≈ C − 1.",
      quoted: false,
      section: "neural-collapse section; Rangamani et al., ICML 2023",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "NC1 measured at each layer decreases with depth.",
        expected: "held",
        plain: "NC1 falls by about half a decade per layer from the input to the top features; with frozen hidden layers it does not.",
      },
      {
        key: "as stated: feature rank",
        kind: "as stated",
        text: "The top-layer features have rank ≈ C − 1.",
        expected: "not specified",
        plain: "The numerical rank of the centred top features is attached; it is above C − 1.",
        why: "Measured and reported, not decided: under λ > 0 the SGD-noise floor of NC1 (≈ 3e-3) leaves within-class singular values above the rank tolerance τ = 1e-3, so a decision would need a tolerance tied to that floor (docs/neural-collapse.md).",
      },
    ],
  },
  D1: {
    paper: {
      text: "The first layer's weights are dual to the training inputs: the component outside their span only decays under weight decay (derived in CLAIMS.md).",
      quoted: false,
      section: "duality between activations and weights",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "‖W⊥_t‖ = (1 − 2ηλ)^t ‖W⊥_0‖ at every step, under GD and SGD alike.",
        expected: "held",
        plain: "The measured decay matches the formula at every step to 1 part in 10⁷ (within float32 rounding); without weight decay the component stays constant.",
      },
    ],
  },
  D2: {
    paper: {
      text: "At a stationary point of the regularised loss each layer's weights are a combination of its input activations, so the rows lie in their span, and the last layer's in the span of the class means (derived in CLAIMS.md).",
      quoted: false,
      section: "duality between activations and weights",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        text: "After training each row of W_k lies in span{h_{k−1}(x_n)} (small relative residual, row by row).",
        expected: "not specified",
        plain: "Rows of dead ReLU units keep their initial direction (their own residual 0.6–0.85) while carrying ≤ 0.14 % of the layer; reported, not decided.",
        why: "A dead unit's row gets no gradient and only decays like (1 − 2ηλ)^t: at a stationary point it is 0, so its direction is no measure of stationarity. The suite decides the layer's residual instead (docs/normalization-duality.md).",
      },
      {
        key: "as refined",
        kind: "as refined",
        primary: true,
        text: "On near-stationary runs each layer's residual outside span{h_{k−1}}, relative to ‖W_k‖, is small, and the last layer lies in the span of the class means.",
        expected: "held",
        plain: "Less than 0.3 % of each layer lies outside the span of its inputs (57–79 % at initialisation); without weight decay most of it stays outside.",
      },
    ],
  },
  R1: {
    paper: {
      text: "Quasi-interpolating solutions obtained by Stochastic Gradient Descent (SGD) in the presence of WD have a bias towards low rank weight matrices.",
      quoted: true,
      section: `${ABSTRACT}; low-rank section, with Galanti & Poggio's bound`,
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "At every W and minibatch: rank ∇L_S̃ ≤ B and σ_{B+1}(W)/‖W‖_F ≤ ‖∇L^λ_S̃(W)‖₂/(2λ‖W‖_F).",
        expected: "held",
        plain: "The bound held on every generated and trained layer checked (no violation in thousands of cases); deliberately wrong versions of it are violated.",
      },
      {
        key: "as stated: near convergence",
        kind: "as stated",
        text: "Near convergence the right side is small, so W is near rank B.",
        expected: "not reproduced",
        plain: "At the end of SGD training the bound's right side is still 1–3, above the value 0.33 that no matrix can exceed: it says nothing about the rank.",
        why: "Under SGD the minibatch gradient of L^λ never becomes small (the SGD noise of S1); the weights become low rank anyway, by weight decay (R2; docs/low-rank-noise.md).",
        power: "Per hidden layer at the end of training, s = log10(bound · √(B+1)); one-sided t-test over the layers of all configurations, pooled: lower 95 % bound of mean s > 0, i.e. the right side exceeds the trivial bound 1/√(B+1). A right side small enough to say anything (below 1/√(B+1)) would fail this rule.",
      },
    ],
  },
  R2: {
    paper: {
      text: "The rank of the trained weight matrices decreases with larger weight decay, smaller batch size and larger learning rate; without weight decay no low-rank bias appears.",
      quoted: false,
      section: "low-rank section (trends)",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        text: "The numerical rank decreases with larger λ, smaller B and larger η; with λ = 0 it stays near full.",
        expected: "not reproduced",
        plain: "At equal steps the batch size does not move the rank (0.0–0.25 rank units per doubling of B).",
        why: "The low rank comes from weight decay shrinking unsustained directions at 2ηλ per step, whatever B; at equal epochs a smaller B takes more steps, a trend in 2ηλT, not in B (docs/low-rank-noise.md).",
        power: "Per seed, the slope of the total rank against log2 B; one-sided t-test: upper 95 % bound of the mean slope < 1 rank unit per doubling — the size the λ and η trends are decided at (they show 10–16 units). A trend of that size would fail this rule.",
      },
      {
        key: "as refined",
        kind: "as refined",
        primary: true,
        text: "At equal steps the numerical rank decreases with larger λ and larger η, and λ > 0 gives low rank where λ = 0 stays near full rank; the B trend is measured and reported.",
        expected: "held",
        plain: "Doubling λ or η removes 10–16 rank units; at the largest λ the layers keep 20–40 % of their rank, without weight decay all of it.",
      },
    ],
  },
  S1: {
    paper: {
      text: "The same analysis predicts the existence of an inherent SGD noise for deep networks.",
      quoted: true,
      section: `${ABSTRACT}; SGD-noise section`,
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "With λ > 0 and B < N, SGD's per-step change of the weights and of the training outputs stays at a floor bounded away from 0, where full-batch GD converges.",
        expected: "held",
        plain: "With weight decay SGD keeps moving the weights by about 1.3× the weight-decay step at every step; full-batch GD moves 50× less.",
      },
      {
        key: "as stated: λ = 0 outputs stop",
        kind: "as stated",
        text: "SGD with λ = 0 in the interpolation regime also stops moving — its training outputs too.",
        expected: "not specified",
        plain: "Without weight decay the weights stop (asserted); the outputs move 10–100× less than with λ > 0 but, in some configurations, still 20–30× more than converged full-batch GD's.",
        why: "Measured and reported, not decided: the λ = 0 outputs change by ≈ 0.1·√loss per step and stop only as the loss → 0, so whether they have 'stopped' depends on the training length (the arm trains 3T steps); the weight part is asserted by the λ = 0 control of the first statement (docs/low-rank-noise.md).",
      },
    ],
  },
  S2: {
    paper: {
      text: "The SGD noise is tied to the rank constraint: with λ > 0 no exact fixed point for every minibatch exists, and the step size bounds the distance of the weights to rank B.",
      quoted: false,
      section: "SGD-noise section",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "‖ΔW‖/(2ηλ‖W‖) bounds the distance of W/‖W‖ to rank B at every late step; the floor grows with η and λ and falls with B.",
        expected: "held",
        plain: "The step bounds the distance to rank B in every case checked; the floor is linear in η, grows like λ^0.4 and falls like 1/√B.",
      },
    ],
  },
  G1: {
    paper: {
      text: "A convolution with valid padding, written as a dense matrix, holds one copy of its kernel per output position, so its Frobenius norm is √d_l times the kernel's.",
      quoted: false,
      section: "generalization bounds for CNNs",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "‖W_l‖_F = √d_l ‖w_l‖_F for the dense matrix of a valid-padding convolution.",
        expected: "held",
        plain: "Exact to 2e-15 on every generated conv layer; with zero padding it fails on every case.",
      },
    ],
  },
  G2: {
    paper: {
      text: "We derive novel norm-based bounds for convolutional layers that are orders of magnitude better than classical bounds for dense networks.",
      quoted: true,
      section: `${ABSTRACT}; Galanti et al. 2023, Corollary 3.3`,
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "Corollary 3.3's bound is orders of magnitude below the dense bound, and the ratio grows like 2^{0.25 L(L−1)}.",
        expected: "held",
        plain: "At depth 5 the CNN bound is 35× below the dense one, and the gap grows with depth at 98 % of the predicted rate; for dense networks the two coincide.",
      },
    ],
  },
  G3: {
    paper: {
      text: "ρ stays bounded as the number of training samples m grows, so the bound decreases like m^{-1/2}; the bound is valid and follows the generalization gap.",
      quoted: false,
      section: "generalization bounds; Galanti et al. 2023, Theorem 3.2",
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        text: "ρ stays bounded as m grows, so the bound falls like m^{-1/2}; the bound is valid (never below the gap).",
        expected: "inconclusive",
        plain: "ρ does stay bounded — but it does so for every student, including networks trained on shuffled labels, so the check says nothing; the bound is valid only because it is vacuous (≈ 10²–10³).",
        why: "With a fixed number of steps, small training sets are fitted longest and end with the largest norms: ρ falls with m for λ = 0 and shuffled labels too (docs/generalization-bounds.md). A pinned test asserts the check also passes on shuffled labels.",
      },
      {
        key: "as refined",
        kind: "as refined",
        primary: true,
        text: "The bound separates learnable from shuffled labels on the same inputs (it follows the gap), which a bound at the initial weights cannot; ρ is bounded in m.",
        expected: "held",
        plain: "The bound is lower for the learnable labels than for shuffled ones in the same pairs; computed from the initial weights it cannot tell them apart.",
      },
    ],
  },
  G4: {
    paper: {
      text: "The advantage of deep networks relative to other classifiers is greater for the problems that are appropriate for sparse deep architectures such as CNNs.",
      quoted: true,
      section: `${ABSTRACT}; Galanti et al., compositionally sparse networks`,
    },
    statements: [
      {
        key: "as stated",
        kind: "as stated",
        primary: true,
        text: "On a compositionally sparse (tree) target a local-kernel CNN reaches lower test error than a dense network of the same size.",
        expected: "held",
        plain: "The tree CNN makes less than half the dense network's test errors (11 % vs 24 %); on a target with no local structure it is worse.",
      },
    ],
  },
};
