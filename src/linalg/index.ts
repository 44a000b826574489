/**
 * Host-side (float64) linear algebra on ml-matrix matrices: singular values, thin SVD,
 * pseudo-inverse, norms. Pure functions; arguments are validated (shapes, finite entries).
 */
export { singularValues } from "./singularValues.ts";
export { gramSingularValues, GRAM_SINGULAR_VALUE_TOLERANCE } from "./gramSingularValues.ts";
export { thinSvd, type ThinSvd } from "./thinSvd.ts";
export { pseudoInverse } from "./pseudoInverse.ts";
export { defaultPseudoInverseTolerance } from "./defaultPseudoInverseTolerance.ts";
export { frobeniusNorm } from "./frobeniusNorm.ts";
export { spectralNorm } from "./spectralNorm.ts";
export { spanBasis } from "./spanBasis.ts";
export { orthogonalComponent } from "./orthogonalComponent.ts";
export { spanResidual, type SpanResidual } from "./spanResidual.ts";
