/**
 * The catalogue of the claims this suite verifies: one entry per claim of `shared/CLAIMS.md`, in
 * the order CLAIMS.md lists them. Specs label their results with these ids (`labelClaim` in
 * `src/report/`), and `npm run verify` prints one verdict per entry.
 *
 * Statements use the formulas as CLAIMS.md writes them (plain Unicode, Markdown code spans).
 * Where CLAIMS.md names no control, `controlStated` is `false` and `control` is a suggestion the
 * spec author must confirm or replace; CLAIMS.md: "A check that its control does not break is not
 * a check."
 *
 * Each claim also carries its sentence-level form (`statements.ts`): the paper's sentence and the
 * statements checked — as stated, and as refined where the suite had to re-state it — with the
 * verdict expected of each (`verdicts.ts`).
 */
import { CLAIM_IDS, type ClaimFamily, type ClaimId } from "./claimIds.ts";
import { SENTENCE_LEVEL, type ClaimStatement, type SentenceLevelClaim } from "./statements.ts";

export type { ClaimStatement, PaperSentence, SentenceLevelClaim } from "./statements.ts";
export type { StatementKind, StatementVerdict } from "./verdicts.ts";

export { CLAIM_FAMILIES, CLAIM_IDS, type ClaimFamily, type ClaimId } from "./claimIds.ts";

export interface Claim {
  readonly id: ClaimId;
  /** Family (CLAIMS.md section); the Allure `feature`. */
  readonly family: ClaimFamily;
  /** Short title; the Allure `story`. */
  readonly title: string;
  /** The prediction, Markdown, formulas in plain Unicode as CLAIMS.md writes them. */
  readonly statement: string;
  /** Where the claim comes from: paper (and companion paper / proposition where there is one). */
  readonly source: string;
  /**
   * `true` when CLAIMS.md marks the statement *derived* (the derivation is the project's, given in
   * CLAIMS.md, and open to review) rather than quoted from the paper.
   */
  readonly derived: boolean;
  /** The control that must make the check fail. */
  readonly control: string;
  /** `true` when CLAIMS.md states the control; `false` when `control` is this catalogue's suggestion. */
  readonly controlStated: boolean;
}

/**
 * A catalogue claim with its sentence-level form (`statements.ts`): the paper's sentence and the
 * statements checked, each with its expected verdict.
 */
export interface SentenceClaim extends Claim, SentenceLevelClaim {}

/** The Research paper, cited by every claim. */
export const PAPER =
  "Xu, Rangamani, Liao, Galanti, Poggio, “Dynamics in Deep Classifiers trained with the Square Loss: " +
  "Normalization, Low Rank, Neural Collapse and Generalization Bounds”, Research 6:0024 (2023)";

const XU = "Xu et al. 2023 (Research 6:0024)";
const NORM_BOUNDS =
  "Galanti, Xu, Galanti, Poggio, “Norm-based generalization bounds for sparse neural networks”, NeurIPS 2023";
const LOW_RANK =
  "Galanti & Poggio, “SGD and weight decay provably induce a low-rank bias in neural networks” (arXiv 2206.05794)";
const NC_METRICS = "metrics as in Papyan, Han, Donoho, PNAS 2020; MSE analysis: Han, Papyan, Donoho, ICLR 2022";

const CLAIMS: readonly Claim[] = [
  {
    id: "N1",
    family: "Normalisation and ρ",
    title: "ρ-equilibrium",
    statement:
      "Write `f_n = f_V(x_n)`. *Single scale* (one scalar ρ times a normalised net, weight decay `λρ²`): with V fixed, " +
      "`(1/N) Σ_n ‖y_n − ρ f_n‖² + λρ²` is minimised at `ρ* = (1/N) Σ_n ⟨y_n, f_n⟩ / (λ + (1/N) Σ_n ‖f_n‖²)`. " +
      "*Per-layer scales* (weight normalisation with `g_k`, weight decay `λ Σ_k g_k²`): stationarity forces " +
      "`λ g_k² = (ρ/N) Σ_n ⟨y_n − ρ f_n, f_n⟩` for all k, so the layer scales balance (`g_k² = ρ^{2/L}`) and ρ solves " +
      "`(1/N) Σ⟨y_n, f_n⟩ − ρ (1/N) Σ‖f_n‖² = λ ρ^{2/L − 1}`. After SGD+WD+WN training ρ sits at the equilibrium of " +
      "the parametrisation used (time-averaged under SGD), the layer scales balance, and ρ stays bounded.",
    source: `${XU}, normalisation and the dynamics of ρ (equilibrium derived in CLAIMS.md)`,
    derived: true,
    control:
      "the other parametrisation's equilibrium (single-scale ρ* for the per-layer WN trainer) does not match the " +
      "trained ρ; λ = 0 leaves the layer scales unbalanced. (With the square loss ρ does not keep growing at λ = 0 — " +
      "it settles once the fit is exact — so boundedness has no λ = 0 control; see docs/normalization-duality.md.)",
    controlStated: false,
  },
  {
    id: "N2",
    family: "Normalisation and ρ",
    title: "Quasi-interpolation",
    statement:
      "With λ > 0 the fit is not exact: mean `ρ ȳ_n < 1`, approaching 1 as λ → 0; the normalised margins `ȳ_n` " +
      "become nearly equal across training points (their spread shrinks during training).",
    source: `${XU}, quasi-interpolation with weight decay`,
    derived: false,
    control: "λ = 0.",
    controlStated: true,
  },
  {
    id: "NC1",
    family: "Neural collapse",
    title: "NC1: within-class variability collapses",
    statement:
      "SGD + WD + WN on the square loss, trained into the (quasi-)interpolation regime, drives " +
      "NC1 = `Tr(Σ_W Σ_B^†)/C` → 0 (CDNV reported as well); it falls over training and is small at the end.",
    source: `${XU}, neural collapse; ${NC_METRICS}`,
    derived: false,
    control: "The same network before training (and λ = 0, see NC-WD): NC1 is not small.",
    controlStated: false,
  },
  {
    id: "NC2",
    family: "Neural collapse",
    title: "NC2: class means form a simplex ETF",
    statement:
      "The centred class means approach a simplex ETF: equinorm (std/mean of `‖μ_c − μ_G‖`) → 0, equiangularity " +
      "(mean over c≠c′ of `|cos(μ̃_c, μ̃_c′) + 1/(C−1)|`) → 0, ETF distance " +
      "`‖G/‖G‖_F − (I − 11ᵀ/C)/√(C−1)‖_F` → 0 with `G = M̃ᵀM̃`.",
    source: `${XU}, neural collapse; ${NC_METRICS}`,
    derived: false,
    control: "The same network before training (and λ = 0, see NC-WD): the means are far from an ETF.",
    controlStated: false,
  },
  {
    id: "NC3",
    family: "Neural collapse",
    title: "NC3: self-duality of classifier and means",
    statement:
      "`‖Wᵀ/‖W‖_F − M/‖M‖_F‖_F` → 0 for the last layer W (C×p). With no bias in the last layer the prediction is " +
      "alignment with the **uncentred** means (an orthogonal frame whose centred version is a simplex ETF); both " +
      "variants are reported and the one the architecture predicts is asserted.",
    source: `${XU}, neural collapse; ${NC_METRICS}`,
    derived: false,
    control: "The same network before training: classifier and means are not aligned.",
    controlStated: false,
  },
  {
    id: "NC4",
    family: "Neural collapse",
    title: "NC4: nearest-class-centre decision",
    statement:
      "The fraction of samples where `argmax_c (W h)_c ≠ argmin_c ‖h − μ_c‖` → 0.",
    source: `${XU}, neural collapse; ${NC_METRICS}`,
    derived: false,
    control: "The same network before training: the two decisions disagree on a clear fraction of samples.",
    controlStated: false,
  },
  {
    id: "NC-WD",
    family: "Neural collapse",
    title: "Weight decay is necessary for collapse",
    statement: "The same training with λ = 0 collapses markedly less (NC1–NC3 larger at equal training).",
    source: `${XU}, neural collapse (role of weight decay)`,
    derived: false,
    control: "λ = 0 is the comparison arm; the claim fails if λ = 0 collapses as much as λ > 0.",
    controlStated: true,
  },
  {
    id: "NC-depth",
    family: "Neural collapse",
    title: "Intermediate collapse across depth",
    statement:
      "NC1 measured at each layer decreases with depth; top-layer features have rank ≈ C−1 (binary: 1).",
    source:
      `${XU}; Rangamani, Lindegaard, Galanti, Poggio, “Feature learning in deep classifiers through intermediate ` +
      "neural collapse”, ICML 2023",
    derived: false,
    control: "The same network before training: NC1 does not decrease with depth and top features are not rank C−1.",
    controlStated: false,
  },
  {
    id: "D1",
    family: "Duality",
    title: "Null-space decay of the first layer",
    statement:
      "Plain parametrisation, weight decay on `W_1`: every first-layer gradient has rows in `span{x_n}`, so the part " +
      "of `W_1` orthogonal to that span evolves as `W⊥ ← (1 − 2ηλ) W⊥` under GD and SGD alike: after t steps " +
      "`‖W⊥_t‖ = (1 − 2ηλ)^t ‖W⊥_0‖` (d > N, so the span is a proper subspace). Exact.",
    source: `${XU}, duality between activations and weights (derived in CLAIMS.md)`,
    derived: true,
    control: "λ = 0 keeps `‖W⊥‖` constant.",
    controlStated: true,
  },
  {
    id: "D2",
    family: "Duality",
    title: "Stationary duality of weights and activations",
    statement:
      "At a stationary point of `L + λΣ‖W_k‖²`, `W_k = −(1/2λ) Σ_n δ_{k,n} h_{k−1,n}ᵀ`, so each row of W_k lies in " +
      "`span{h_{k−1}(x_n)}`; after training the relative residual of that projection is small, and for the last " +
      "layer the rows lie in the span of the class means.",
    source: `${XU}, duality between activations and weights (derived in CLAIMS.md)`,
    derived: true,
    control: "The weights at initialisation (d > N): the projection residual is large.",
    controlStated: false,
  },
  {
    id: "R1",
    family: "Low-rank bias",
    title: "Rank bound from a minibatch step",
    statement:
      "For a dense layer, at every W and minibatch of size B: the unregularised minibatch gradient has rank ≤ B, and " +
      "`σ_{B+1}(W)/‖W‖_F ≤ ‖∇_W L^λ_S̃(W)‖_2 / (2λ‖W‖_F)`. Near convergence the right side is small, so W is near rank B.",
    source: `${XU}, low-rank bias; ${LOW_RANK}`,
    derived: true,
    control:
      "Deliberately wrong versions of the bound — σ_B in place of σ_{B+1}, the full-batch gradient in place of the minibatch one — are violated on generated cases where the true bound holds.",
    controlStated: false,
  },
  {
    id: "R2",
    family: "Low-rank bias",
    title: "Rank trends with λ, B and η",
    statement:
      "The numerical rank (`#{i : σ_i / ‖W‖_F > τ}`, τ = 1e-3) of trained layers decreases with larger λ, smaller B, " +
      "larger η; with λ = 0 no low-rank bias appears (near full rank at equal training).",
    source: `${XU}, low-rank bias; ${LOW_RANK}`,
    derived: false,
    control: "λ = 0: near full rank at equal training.",
    controlStated: true,
  },
  {
    id: "S1",
    family: "Intrinsic SGD noise",
    title: "SGD with weight decay does not converge",
    statement:
      "With λ > 0 and B < N, the per-step relative change `‖W_{t+1} − W_t‖_F / ‖W_t‖_F` and the network outputs on " +
      "the training set keep fluctuating at a floor bounded away from 0.",
    source: `${XU}, intrinsic SGD noise; ${LOW_RANK}`,
    derived: false,
    control:
      "Full-batch GD with the same λ converges (floor orders of magnitude lower); SGD with λ = 0 in the " +
      "interpolation regime also stops moving.",
    controlStated: true,
  },
  {
    id: "S2",
    family: "Intrinsic SGD noise",
    title: "SGD noise is tied to the rank constraint",
    statement:
      "With λ > 0 no exact fixed point for every minibatch exists; the floor is consistent with R1 " +
      "(`‖ΔW‖/(2ηλ‖W‖)` bounds the distance of W/‖W‖ to rank B). How the floor moves with λ, η and B is measured " +
      "and reported.",
    source: `${XU}, intrinsic SGD noise; ${LOW_RANK}`,
    derived: false,
    control: "λ = 0 (or full batch): a fixed point exists and the floor vanishes.",
    controlStated: false,
  },
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
  },
];

/** Every claim, in CLAIMS.md order, with its paper sentence and checked statements. */
export const CATALOG: readonly SentenceClaim[] = CLAIMS.map((c) => ({ ...c, ...SENTENCE_LEVEL[c.id] }));

const BY_ID: ReadonlyMap<string, SentenceClaim> = new Map(CATALOG.map((c) => [c.id, c]));

/** `true` when `id` is a catalogue id. */
export function isClaimId(id: string): id is ClaimId {
  return BY_ID.has(id);
}

/**
 * The catalogue entry of `id`.
 * @example claimById("NC1").family // "Neural collapse"
 * @throws Error naming the unknown id and listing the known ones.
 */
export function claimById(id: string): SentenceClaim {
  const claim = BY_ID.get(id);
  if (claim === undefined) {
    throw new Error(`claimById: unknown claim id ${JSON.stringify(id)}; known ids: ${CLAIM_IDS.join(", ")}`);
  }
  return claim;
}

/** The claims of one family, in catalogue order. */
export function claimsOfFamily(family: ClaimFamily): SentenceClaim[] {
  return CATALOG.filter((c) => c.family === family);
}

/**
 * The statement a test without a `statement` label checks: the claim's `primary` one.
 * @example primaryStatement(claimById("NC-WD")).key // "as refined"
 */
export function primaryStatement(claim: Pick<SentenceClaim, "id" | "statements">): ClaimStatement {
  const primary = claim.statements.find((s) => s.primary === true);
  if (primary === undefined) throw new Error(`primaryStatement: claim ${claim.id} has no primary statement`);
  return primary;
}

/**
 * The statement `key` of `claim`.
 * @example statementOf(claimById("R2"), "as stated").expected // "not reproduced"
 * @throws Error naming the claim, the unknown key and the known ones.
 */
export function statementOf(claim: Pick<SentenceClaim, "id" | "statements">, key: string): ClaimStatement {
  const found = claim.statements.find((s) => s.key === key);
  if (found === undefined) {
    throw new Error(`statementOf: claim ${claim.id} has no statement ${JSON.stringify(key)}; known: ${claim.statements.map((s) => JSON.stringify(s.key)).join(", ")}`);
  }
  return found;
}
