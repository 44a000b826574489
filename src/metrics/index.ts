/**
 * Neural-collapse and rank metrics (host side, float64), as fixed in CLAIMS.md "Conventions".
 * Pure functions of ml-matrix matrices: `features [N, p]` (one sample per row), integer
 * `labels [N]` in `[0, classes)`, last-layer `classifier W [C, p]`. Each validates its arguments
 * and documents its formula, shapes and degenerate cases.
 */
export { classMeans } from "./classMeans.ts";
export { orthogonalFrameDistance } from "./orthogonalFrameDistance.ts";
export { globalMean } from "./globalMean.ts";
export { withinClassCovariance } from "./withinClassCovariance.ts";
export { betweenClassCovariance } from "./betweenClassCovariance.ts";
export { nc1, NC1_RELATIVE_TOLERANCE, type Nc1Options } from "./nc1.ts";
export { cdnv, type CdnvResult } from "./cdnv.ts";
export { nc2 } from "./nc2.ts";
export { nc2FromMeans, type Nc2Result } from "./nc2FromMeans.ts";
export { nc3, type Nc3Result } from "./nc3.ts";
export { nc4 } from "./nc4.ts";
export { numericalRank, DEFAULT_RANK_TOLERANCE } from "./numericalRank.ts";
export { stableRank } from "./stableRank.ts";
export { effectiveRank } from "./effectiveRank.ts";
export { neuralCollapse, type NeuralCollapseOptions, type NeuralCollapseReport } from "./neuralCollapse.ts";
export { scaleMoments, type ScaleMoments } from "./scaleMoments.ts";
export { singleScaleRho } from "./singleScaleRho.ts";
export { perLayerRho } from "./perLayerRho.ts";
export { layerImbalance } from "./layerImbalance.ts";
export { targetMargins } from "./targetMargins.ts";
export { marginSpread } from "./marginSpread.ts";
export { distanceToRank, type DistanceToRank } from "./distanceToRank.ts";
export { rankBound, type RankBound } from "./rankBound.ts";
export { relativeChange } from "./relativeChange.ts";
export { updateSizeStats, type UpdateSizeStats } from "./updateSizeStats.ts";
