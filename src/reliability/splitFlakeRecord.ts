/**
 * Splits a flake record of every claim at once (`flake.json` before per-family records) into one
 * record per claim family: each stream keeps, per family, the verdicts and failing tests of that
 * family's claims; provenance (commit, date, backend, node, profile) is the original's, the
 * fingerprint is the family's *at the commit the streams ran* (computed on a checkout of it), and
 * `migratedFrom` names the original. Streams' `seconds` stay the whole run's (every family ran at
 * once); `tests` become the family's claim tests.
 */
import type { ClaimId } from "../claims/catalog.ts";
import type { FamilyFlakeRecord, FlakeRecord } from "./records.ts";

export interface FamilyToSplit {
  readonly family: string;
  readonly specFile: string;
  /** The family's fingerprint at the record's commit. */
  readonly fingerprint: string;
  /** The claims whose tests are in the family's spec file. */
  readonly claims: readonly ClaimId[];
  /** The number of claim tests in the spec file (one stream runs each once). */
  readonly tests: number;
}

/**
 * One record per family, in the order of `families`.
 * @throws when a claim of the record belongs to no family, or to two.
 */
export function splitFlakeRecord(record: FlakeRecord, families: readonly FamilyToSplit[], file = "fixtures/reliability/flake.json"): FamilyFlakeRecord[] {
  const claims = new Set(record.streams.flatMap((s) => [...s.verdicts.map((v) => v.claim), ...s.failures.map((f) => f.claim)]));
  for (const claim of claims) {
    const owners = families.filter((f) => f.claims.includes(claim)).map((f) => f.family);
    if (owners.length !== 1) throw new Error(`splitFlakeRecord: claim ${claim} of ${file} belongs to ${owners.length === 0 ? "no family" : `several families (${owners.join(", ")})`}; expected exactly one`);
  }
  const migratedFrom = { file, commit: record.commit, rules: record.rules ?? "unknown", generated: record.generated };
  return families.map((f) => ({
    family: f.family,
    specFile: f.specFile,
    fingerprint: f.fingerprint,
    commit: record.commit,
    generated: record.generated,
    backend: record.backend,
    profile: record.profile,
    node: record.node,
    streams: record.streams.map((s) => ({
      ...s,
      tests: f.tests,
      verdicts: s.verdicts.filter((v) => f.claims.includes(v.claim)),
      failures: s.failures.filter((x) => f.claims.includes(x.claim)),
    })),
    migratedFrom,
  }));
}
