/**
 * The ratio of two throughputs measured in alternation (`npm run bench`: one repetition of the
 * suite's trainer, then one of PyTorch's, then again …), summarised over the repetitions: the
 * median of the per-repetition ratios and a distribution-free confidence interval for it.
 *
 * Pairing is what resolves the ratio on a shared machine: the load drifts within minutes, and two
 * measurements seconds apart see nearly the same load, so their quotient moves far less than
 * either throughput does (the previous bench, ours then PyTorch's three repetitions each, moved
 * ± 20 % between invocations).
 *
 * Interval: for the n ratios sorted, r₍₁₎ ≤ … ≤ r₍ₙ₎, [r₍ₖ₎, r₍ₙ₊₁₋ₖ₎] contains the median of the
 * ratios' distribution with probability 1 − 2 P(Bin(n, ½) ≤ k − 1) (the sign-test interval: it
 * assumes only independent repetitions). k is the largest whose coverage is at least `confidence`;
 * where even k = 1 (the range) falls short — n ≤ 5 for 95 % — the interval is the range and
 * `coverage` says how much it covers (n = 5: 93.75 %).
 */

/** The summary of paired ratios (see the module comment). */
export interface PairedRatios {
  /** Per-repetition ratios ours_i / theirs_i, in repetition order. */
  readonly ratios: readonly number[];
  readonly median: number;
  /** Confidence interval for the median: [low, high] = [r₍ₖ₎, r₍ₙ₊₁₋ₖ₎]. */
  readonly low: number;
  readonly high: number;
  /** Its coverage 1 − 2 P(Bin(n, ½) ≤ k − 1) (1 for n = 1 by convention: the one ratio is all there is). */
  readonly coverage: number;
  readonly min: number;
  readonly max: number;
}

/** P(Bin(n, ½) ≤ j), exactly for the n of a bench (n ≤ 1 000). */
function binomialHalfCdf(n: number, j: number): number {
  let term = Math.pow(0.5, n); // C(n, 0) / 2ⁿ
  let sum = 0;
  for (let i = 0; i <= j; i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum;
}

/**
 * The median ratio of `ours[i] / theirs[i]` (throughputs of the same repetition i) and its
 * sign-test interval at coverage ≥ `confidence` (default 0.95) where n allows it.
 * @example pairedRatios([2, 4, 6], [1, 1, 2]).median // 3
 */
export function pairedRatios(ours: readonly number[], theirs: readonly number[], confidence = 0.95): PairedRatios {
  if (ours.length !== theirs.length || ours.length === 0) {
    throw new Error(`pairedRatios: ${ours.length} and ${theirs.length} throughputs; expected the same number ≥ 1 (one per repetition)`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new Error(`pairedRatios: confidence = ${confidence}; expected 0 < confidence < 1`);
  const ratios = ours.map((x, i) => {
    const y = theirs[i]!;
    if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) throw new Error(`pairedRatios: repetition ${i} has throughputs ${x} and ${y}; expected finite and > 0`);
    return x / y;
  });
  const sorted = [...ratios].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  let k = 1;
  let coverage = n === 1 ? 1 : 1 - 2 * binomialHalfCdf(n, 0);
  while (k + 1 <= (n + 1) / 2) {
    const next = 1 - 2 * binomialHalfCdf(n, k);
    if (next < confidence) break;
    k += 1;
    coverage = next;
  }
  return { ratios, median, low: sorted[k - 1]!, high: sorted[n - k]!, coverage, min: sorted[0]!, max: sorted[n - 1]! };
}
