/**
 * The low-rank bias family's entries of the catalogue (`src/claims/catalog.ts` assembles them in
 * CLAIMS.md order): per claim, the catalogue entry (statement, source, control) and its
 * sentence-level form — the paper's sentence and the statements checked, each with its expected
 * verdict (`src/claims/claimTypes.ts` documents the fields).
 */
import { XU, LOW_RANK, ABSTRACT, type SentenceClaim } from "../../claims/claimTypes.ts";

/** "R1", "R2", in CLAIMS.md order. */
export const LOW_RANK_CLAIMS: readonly SentenceClaim[] = [
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
        power: "Per seed, the slope of the total rank against log2 B; one-sided t-test over the seeds of all configurations, pooled: upper 95 % bound of the mean slope < 1 rank unit per doubling — the size the λ and η trends are decided at (they show 10–16 units). A trend of that size would fail this rule.",
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
];
