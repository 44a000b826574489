/**
 * The intrinsic sgd noise family's entries of the catalogue (`src/claims/catalog.ts` assembles them in
 * CLAIMS.md order): per claim, the catalogue entry (statement, source, control) and its
 * sentence-level form — the paper's sentence and the statements checked, each with its expected
 * verdict (`src/claims/claimTypes.ts` documents the fields).
 */
import { XU, LOW_RANK, ABSTRACT, type SentenceClaim } from "../../claims/claimTypes.ts";

/** "S1", "S2", in CLAIMS.md order. */
export const SGD_NOISE_CLAIMS: readonly SentenceClaim[] = [
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
];
