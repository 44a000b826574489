/**
 * Generalization bounds of Galanti, Xu, Galanti, Poggio (NeurIPS 2023) and Golowich et al. (2018):
 * pure functions, formulas in their doc comments.
 */
export { balanceConstant, maxPixelNormSum, pixelNormSums } from "./pixelNorms.ts";
export {
  cnnRademacherBound,
  complexityFactor,
  denseRademacherBound,
  type CnnBoundInputs,
  type DenseBoundInputs,
} from "./rademacherBounds.ts";
export {
  cnnGeneralizationBound,
  DEFAULT_DELTA,
  DEFAULT_MARGIN,
  marginError,
  type GeneralizationBoundInputs,
} from "./generalizationBound.ts";
export { denseNormProduct, kernelNormProduct } from "./networkNorms.ts";
export { convOperatorMatrix, type ConvOperatorSpec } from "./convOperatorMatrix.ts";
export { boundTerms, type BoundTerms } from "./boundInputs.ts";
