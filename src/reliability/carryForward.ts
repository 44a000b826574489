/**
 * Carrying a family's flake record forward across a behaviour-preserving change (a refactor that
 * moves files or deduplicates code, changing the family's fingerprint but no number): instead of
 * re-measuring 50 streams, `npx tsx scripts/reliability.ts carry` re-runs the family's spec file for
 * a few of the recorded streams on the code the record measured (`carrySourceCommit`) and on HEAD,
 * compares the normalised Allure results (`compareAllureRuns.ts`) and the numeric literals of the
 * family's code (`numericLiterals.ts`) and, when every test of every checked stream agrees and no
 * literal changed, re-stamps the record (`carriedForwardRecord`): new fingerprint, commit = HEAD,
 * the streams as measured, and a `carriedForward` entry saying what was checked.
 * What this proves and what not: docs/reliability.md, "Carrying a record forward".
 */
import type { CarriedForward, FamilyFlakeRecord, StreamRecord } from "./records.ts";

/** Streams re-run on both codes by default: enough to exercise every test on several seeds, ≈ 3 × two runs of the spec. */
export const DEFAULT_CHECKED_STREAMS = 3;

/**
 * The commit whose code the record describes, to check out as the old code: the last carry's
 * `toCommit` (the record's `commit`) when carried; for a migrated record the commit it was split
 * from (`migratedFrom.commit`, where its streams ran); otherwise the record's `commit`.
 * @throws when that commit is `+dirty` (the measured code was never committed, so it cannot be
 * checked out) or `unknown`.
 */
export function carrySourceCommit(record: FamilyFlakeRecord): string {
  const commit = (record.carriedForward ?? []).length > 0 ? record.commit : (record.migratedFrom?.commit ?? record.commit);
  if (commit.endsWith("+dirty")) {
    throw new Error(
      `carry: the record of ${record.family} was measured at ${commit} — with uncommitted changes to the family's files — so the code its streams ran is not in git and cannot be checked against; re-measure with \`npm run reliability:flake -- --only ${record.family}\``,
    );
  }
  if (!/^[0-9a-f]{4,40}$/.test(commit)) throw new Error(`carry: the record of ${record.family} names commit ${JSON.stringify(commit)}, not a git commit; re-measure with \`npm run reliability:flake -- --only ${record.family}\``);
  return commit;
}

/**
 * The new code must be committed: HEAD is what the new worktree checks out, so an uncommitted
 * change to a file the family's fingerprint covers would go unchecked.
 * @param changed the family's fingerprinted files with uncommitted changes (`git status --porcelain`).
 * @throws naming them.
 */
export function assertCommitted(family: string, changed: readonly string[]): void {
  if (changed.length > 0) {
    throw new Error(`carry: ${family}'s fingerprinted files have uncommitted changes (${changed.join(", ")}); HEAD is what is checked against the record, so commit them (or stash them) first`);
  }
}

/**
 * The streams to re-run: the first `count` recorded streams, ascending, with their recorded seeds.
 * @throws when `count` is not an integer ≥ 1 or exceeds the record's streams.
 */
export function streamsToCheck(record: FamilyFlakeRecord, count: number): StreamRecord[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`carry: --check ${count} is not valid; expected an integer ≥ 1`);
  const streams = [...record.streams].sort((a, b) => a.stream - b.stream);
  if (count > streams.length) throw new Error(`carry: --check ${count}, but the record of ${record.family} has ${streams.length} streams`);
  return streams.slice(0, count);
}

export interface CarryCheck {
  /** The family's fingerprint at HEAD. */
  readonly fingerprint: string;
  /** The commit checked out as the old code (`carrySourceCommit`). */
  readonly fromCommit: string;
  /** HEAD (short hash). */
  readonly toCommit: string;
  readonly checkedStreams: readonly number[];
  /** Tests compared per stream. */
  readonly tests: number;
  /** Attachments compared, over all checked streams. */
  readonly attachments: number;
  /** ISO date-time of the check. */
  readonly date: string;
  /** The numeric literals that changed, when accepted (`--accept-literals`); absent when none changed. */
  readonly acceptedLiteralChanges?: CarriedForward["acceptedLiteralChanges"];
}

/**
 * The record re-stamped after a passing check: `fingerprint` and `commit` of HEAD, `generated`,
 * the streams and every other field kept, and a `carriedForward` entry appended.
 * @throws when the record is already current (nothing to carry), a checked stream is not in the
 * record, or a commit is `+dirty`.
 */
export function carriedForwardRecord(record: FamilyFlakeRecord, check: CarryCheck): FamilyFlakeRecord {
  if (check.fingerprint === record.fingerprint) throw new Error(`carriedForwardRecord: the record of ${record.family} already has fingerprint ${record.fingerprint}; nothing to carry`);
  for (const c of [check.fromCommit, check.toCommit]) if (c.includes("+dirty")) throw new Error(`carriedForwardRecord: commit ${c} is dirty; expected committed code on both sides`);
  const missing = check.checkedStreams.filter((k) => !record.streams.some((s) => s.stream === k));
  if (missing.length > 0 || check.checkedStreams.length === 0) throw new Error(`carriedForwardRecord: checked streams ${JSON.stringify(check.checkedStreams)} are not streams of the record of ${record.family} (missing ${missing.join(", ") || "all: none checked"})`);
  const entry: CarriedForward = {
    fromFingerprint: record.fingerprint,
    fromCommit: check.fromCommit,
    toCommit: check.toCommit,
    checkedStreams: [...check.checkedStreams],
    tests: check.tests,
    attachments: check.attachments,
    date: check.date,
    ...(check.acceptedLiteralChanges === undefined ? {} : { acceptedLiteralChanges: check.acceptedLiteralChanges }),
  };
  return { ...record, fingerprint: check.fingerprint, commit: check.toCommit, carriedForward: [...(record.carriedForward ?? []), entry] };
}

/**
 * The note the tables and the report show for a carried record (`undefined` when never carried).
 * @param commit how to write a commit (markdown: in backticks).
 * @example carryNote(record) // "carried forward from 5ef5902 (3 streams checked identical)"
 */
export function carryNote(record: FamilyFlakeRecord, commit: (c: string) => string = (c) => c): string | undefined {
  const carries = record.carriedForward ?? [];
  const last = carries[carries.length - 1];
  if (last === undefined) return undefined;
  const earlier = carries.length > 1 ? `; carried ${carries.length} times since ${commit(carries[0]!.fromCommit)}` : "";
  const k = last.checkedStreams.length;
  const lit = last.acceptedLiteralChanges;
  const accepted = lit === undefined ? "" : `; changed literals accepted — only in the old code: ${lit.onlyBefore.join(", ") || "none"}, only in the new: ${lit.onlyAfter.join(", ") || "none"}`;
  return `carried forward from ${commit(last.fromCommit)} (${k} ${k === 1 ? "stream" : "streams"} checked identical${accepted}${earlier})`;
}
