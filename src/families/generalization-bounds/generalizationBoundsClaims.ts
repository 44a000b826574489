/**
 * The generalization bounds family's entries of the catalogue (`src/claims/catalog.ts` assembles them in
 * CLAIMS.md order): per claim, the catalogue entry (statement, source, control) and its
 * sentence-level form — the paper's sentence and the statements checked, each with its expected
 * verdict (`src/claims/claimTypes.ts` documents the fields).
 */
import { XU, NORM_BOUNDS, ABSTRACT, type SentenceClaim } from "../../claims/claimTypes.ts";

/** "G1", "G2", "G3", "G4", in CLAIMS.md order. */
export const GENERALIZATION_BOUNDS_CLAIMS: readonly SentenceClaim[] = [
  {
    id: "G1",
    family: "Generalization bounds",
    title: "Toeplitz norm identity of a convolution",
    statement:
      "A convolution with valid padding, as a dense matrix, holds one copy of the kernel per output position, so " +
      "`‖W_l‖_F = √d_l ‖w_l‖_F` (d_l output positions) and `ρ̃ = ρ · √(∏_{l<L} d_l)`. Exact; checked by " +
      "materialising the dense matrix from the conv op.",
    source: `${XU}, generalization bounds for CNNs; ${NORM_BOUNDS}`,
    derived: false,
    control: "A dense matrix of the same shape that is not a convolution: the identity fails.",
    controlStated: false,
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
  {
    id: "G2",
    family: "Generalization bounds",
    title: "CNN bound is far below the dense bound",
    statement:
      "On the same trained CNN, Corollary 3.3's bound (kernel norms ρ, kernel sizes k_l, max patch norm) is orders of " +
      "magnitude below the dense bound (Golowich et al. with ρ̃). For kernel 2, stride 2, input length 2^L the ratio " +
      "grows like `2^{0.25 L(L−1)}` for balanced inputs.",
    source: `${XU}, generalization bounds for CNNs; ${NORM_BOUNDS}, Proposition 3.1, Theorem 3.2, Corollary 3.3`,
    derived: false,
    control: "A network whose layers have one output position each (d_l = 1, a dense net): the ratio is 1.",
    controlStated: false,
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
  {
    id: "G3",
    family: "Generalization bounds",
    title: "Bound behaviour with m and λ",
    statement:
      "ρ stays bounded as the training set size m grows, so the bound falls like `m^{-1/2}`; the bound is valid " +
      "(never below the observed generalization gap) and moves with the gap as λ and m vary.",
    source: `${XU}, generalization bounds; ${NORM_BOUNDS}, Theorem 3.2`,
    derived: false,
    control: "λ = 0: ρ grows with m and the bound does not fall like `m^{-1/2}`.",
    controlStated: false,
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
  {
    id: "G4",
    family: "Generalization bounds",
    title: "Sparse advantage of local-kernel CNNs",
    statement:
      "On a compositionally sparse target (a binary tree of local functions), a local-kernel CNN reaches lower test " +
      "error than a dense network of comparable size.",
    source: `${XU}; Galanti, Xu, Galanti, Poggio, “Norm-based generalization bounds for compositionally sparse neural networks” (arXiv 2301.12033)`,
    derived: false,
    control: "A target that is not compositionally sparse (a global function of all inputs): the advantage disappears.",
    controlStated: false,
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
];
