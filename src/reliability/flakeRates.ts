/**
 * The false-failure rate of each claim over independent seed streams of the CI profile, with an
 * exact (Clopper–Pearson) 95 % interval.
 */
import { CLAIM_IDS, type ClaimId } from "../claims/catalog.ts";
import { clopperPearson } from "../stats/clopperPearson.ts";
import type { StreamRecord } from "./records.ts";

export interface FlakeRate {
  readonly claim: ClaimId;
  /** Streams in which the claim's tests ran. */
  readonly streams: number;
  /** Streams in which a claim test did not pass (failed or inconclusive). */
  readonly claimFailures: number;
  /** …of which inconclusive (no outright failure). */
  readonly inconclusive: number;
  /** Streams in which a control test did not pass (the control held, or was undecidable). */
  readonly controlFailures: number;
  /** claimFailures / streams and its two-sided 95 % Clopper–Pearson interval. */
  readonly rate: number;
  readonly interval: readonly [number, number];
  /** (claim or control failures) / streams: how often this claim made `npm test` red. */
  readonly anyRate: number;
  readonly anyInterval: readonly [number, number];
}

/** Per claim (catalogue order), the failure counts over `streams`. */
export function flakeRates(streams: readonly StreamRecord[]): FlakeRate[] {
  const rates: FlakeRate[] = [];
  for (const claim of CLAIM_IDS) {
    const verdicts = streams.flatMap((s) => s.verdicts.filter((v) => v.claim === claim));
    const n = verdicts.length;
    if (n === 0) continue;
    const claimFailures = verdicts.filter((v) => !v.claimPassed).length;
    const any = verdicts.filter((v) => !v.claimPassed || !v.controlsPassed).length;
    rates.push({
      claim,
      streams: n,
      claimFailures,
      inconclusive: verdicts.filter((v) => !v.claimPassed && v.inconclusive).length,
      controlFailures: verdicts.filter((v) => !v.controlsPassed).length,
      rate: claimFailures / n,
      interval: clopperPearson(claimFailures, n, 0.95),
      anyRate: any / n,
      anyInterval: clopperPearson(any, n, 0.95),
    });
  }
  return rates;
}

/** Streams in which any test of any claim failed: the measured false-failure rate of the whole suite. */
export function suiteFailureRate(streams: readonly StreamRecord[]): { failures: number; streams: number; interval: readonly [number, number] } {
  const failures = streams.filter((s) => s.verdicts.some((v) => !v.claimPassed || !v.controlsPassed)).length;
  return { failures, streams: streams.length, interval: streams.length === 0 ? [0, 1] : clopperPearson(failures, streams.length, 0.95) };
}
