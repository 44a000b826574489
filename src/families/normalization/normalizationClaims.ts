/**
 * The normalisation and ρ family's entries of the catalogue (`src/claims/catalog.ts` assembles them in
 * CLAIMS.md order): per claim, the catalogue entry (statement, source, control) and its
 * sentence-level form — the paper's sentence and the statements checked, each with its expected
 * verdict (`src/claims/claimTypes.ts` documents the fields).
 */
import { XU, type SentenceClaim } from "../../claims/claimTypes.ts";

/** "N1", "N2", in CLAIMS.md order. */
export const NORMALIZATION_CLAIMS: readonly SentenceClaim[] = [
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
];
