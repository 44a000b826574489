/**
 * Statistical decision rules for the claim specs: distributions (Student t, normal, binomial,
 * beta), exact intervals (Clopper–Pearson), and rules that turn per-seed measurements into a
 * `Decision` at a stated α. Every rule reports non-finite inputs and too-small designs as
 * `inconclusive` with `holds = false` — never a pass.
 */
export type { Decision } from "./Decision.ts";

export { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.ts";
export { betaQuantile } from "./betaQuantile.ts";
export { studentTCdf } from "./studentTCdf.ts";
export { studentTQuantile } from "./studentTQuantile.ts";
export { normalQuantile } from "./normalQuantile.ts";
export { binomialCdf } from "./binomialCdf.ts";
export { clopperPearson, type ClopperPearsonSides } from "./clopperPearson.ts";

export { meanBelow, type MeanTestOptions } from "./meanBelow.ts";
export { meanAbove } from "./meanAbove.ts";
export { pairedLess, type PairedLessOptions } from "./pairedLess.ts";
export { signTestLess, type SignTestOptions } from "./signTestLess.ts";
export { fractionAtLeast, type FractionAtLeastOptions } from "./fractionAtLeast.ts";
export { kOfN, type KOfNOptions } from "./kOfN.ts";
export { slopeBelow, type SlopeTestOptions } from "./slopeBelow.ts";
export { trendDecreasing } from "./trendDecreasing.ts";
export { spearman } from "./spearman.ts";
export { exactCheckDecision, satisfies, type InequalityCase } from "./exactCheckDecision.ts";
export { olsSlope } from "./olsSlope.ts";

export { describeDecision } from "./describeDecision.ts";
export { assertDecision, DecisionError } from "./assertDecision.ts";
