/**
 * What a catalogue entry is (`Claim`, with its sentence-level form: `SentenceClaim`) and the
 * sources the entries cite: the leaf every family's `<family>Claims.ts` builds on and
 * `catalog.ts` assembles. Statements use the formulas as CLAIMS.md writes them (plain Unicode,
 * Markdown code spans). Where CLAIMS.md names no control, `controlStated` is `false` and `control`
 * is a suggestion the spec author must confirm or replace; CLAIMS.md: "A check that its control
 * does not break is not a check."
 *
 * Sentence-level form: the paper's sentence and the statements the suite checks — *as stated* and,
 * where the suite had to re-state it to test it, *as refined* — each with the verdict the catalogue
 * expects (`npm run verify` compares the observed verdict with it; see `src/report/summary.ts`).
 * The full text of the Research paper is not in `../shared/papers/`: sentences are quoted only
 * from its abstract (CBMM memo / arXiv 2101.00072 version, marked `quoted`), otherwise paraphrased
 * from CLAIMS.md, with the section of the paper they come from.
 */
import type { ClaimFamily, ClaimId } from "./claimIds.ts";
import type { StatementKind, StatementVerdict } from "./verdicts.ts";

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

/** The Research paper, cited by every claim. */
export const PAPER =
  "Xu, Rangamani, Liao, Galanti, Poggio, “Dynamics in Deep Classifiers trained with the Square Loss: " +
  "Normalization, Low Rank, Neural Collapse and Generalization Bounds”, Research 6:0024 (2023)";

export const XU = "Xu et al. 2023 (Research 6:0024)";
export const NORM_BOUNDS =
  "Galanti, Xu, Galanti, Poggio, “Norm-based generalization bounds for sparse neural networks”, NeurIPS 2023";
export const LOW_RANK =
  "Galanti & Poggio, “SGD and weight decay provably induce a low-rank bias in neural networks” (arXiv 2206.05794)";
export const NC_METRICS = "metrics as in Papyan, Han, Donoho, PNAS 2020; MSE analysis: Han, Papyan, Donoho, ICLR 2022";

/** The part of the paper a quoted sentence comes from. */
export const ABSTRACT = "abstract (CBMM memo / arXiv 2101.00072 version)";
