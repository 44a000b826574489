/**
 * The claim ids and claim families of CLAIMS.md, in its order: the leaf the catalogue
 * (`catalog.ts`) and the sentence-level statements (`statements.ts`) both build on.
 */
/** Every claim id of CLAIMS.md. */
export const CLAIM_IDS = [
  "N1",
  "N2",
  "NC1",
  "NC2",
  "NC3",
  "NC4",
  "NC-WD",
  "NC-depth",
  "D1",
  "D2",
  "R1",
  "R2",
  "S1",
  "S2",
  "G1",
  "G2",
  "G3",
  "G4",
] as const;

export type ClaimId = (typeof CLAIM_IDS)[number];

/** The claim families of CLAIMS.md, in its order; used as the Allure `feature`. */
export const CLAIM_FAMILIES = [
  "Normalisation and ρ",
  "Neural collapse",
  "Duality",
  "Low-rank bias",
  "Intrinsic SGD noise",
  "Generalization bounds",
] as const;

export type ClaimFamily = (typeof CLAIM_FAMILIES)[number];
