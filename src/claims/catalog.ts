/**
 * The catalogue of the claims this suite verifies: one entry per claim of `shared/CLAIMS.md`, in
 * the order CLAIMS.md lists them, assembled from the families' entries
 * (`src/families/<family>/<family>Claims.ts`; `claimTypes.ts` says what an entry is). Specs label
 * their results with these ids (`labelClaim` in `src/report/`), and `npm run verify` prints one
 * verdict per entry.
 *
 * Each claim carries its sentence-level form (`statements.ts`): the paper's sentence and the
 * statements checked — as stated, and as refined where the suite had to re-state it — with the
 * verdict expected of each (`verdicts.ts`).
 */
import { DUALITY_CLAIMS } from "../families/duality/dualityClaims.ts";
import { GENERALIZATION_BOUNDS_CLAIMS } from "../families/generalization-bounds/generalizationBoundsClaims.ts";
import { LOW_RANK_CLAIMS } from "../families/low-rank/lowRankClaims.ts";
import { NEURAL_COLLAPSE_CLAIMS } from "../families/neural-collapse/neuralCollapseClaims.ts";
import { NORMALIZATION_CLAIMS } from "../families/normalization/normalizationClaims.ts";
import { SGD_NOISE_CLAIMS } from "../families/sgd-noise/sgdNoiseClaims.ts";
import { CLAIM_FAMILIES, CLAIM_IDS, type ClaimFamily, type ClaimId } from "./claimIds.ts";
import type { ClaimStatement, SentenceClaim } from "./claimTypes.ts";

export type { Claim, ClaimStatement, PaperSentence, SentenceClaim, SentenceLevelClaim } from "./claimTypes.ts";
export { PAPER } from "./claimTypes.ts";
export type { StatementKind, StatementVerdict } from "./verdicts.ts";

export { CLAIM_FAMILIES, CLAIM_IDS, type ClaimFamily, type ClaimId } from "./claimIds.ts";

/** Every claim, in CLAIMS.md order (family by family, `CLAIM_FAMILIES`), with its paper sentence and checked statements. */
export const CATALOG: readonly SentenceClaim[] = [
  ...NORMALIZATION_CLAIMS,
  ...NEURAL_COLLAPSE_CLAIMS,
  ...DUALITY_CLAIMS,
  ...LOW_RANK_CLAIMS,
  ...SGD_NOISE_CLAIMS,
  ...GENERALIZATION_BOUNDS_CLAIMS,
];

const order = CATALOG.map((c) => c.id).join(" ");
if (order !== CLAIM_IDS.join(" ")) throw new Error(`catalog: the families' entries give the claims ${order}; expected CLAIM_IDS (CLAIMS.md order) ${CLAIM_IDS.join(" ")}`);
const families = [...new Set(CATALOG.map((c) => c.family))].join(" | ");
if (families !== CLAIM_FAMILIES.join(" | ")) throw new Error(`catalog: the entries' families run ${families}; expected CLAIM_FAMILIES ${CLAIM_FAMILIES.join(" | ")}`);

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
