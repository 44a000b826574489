/**
 * The divergence rule, shared by the reference trainer and the protocol client (which applies it
 * to an external trainer's snapshots): at a snapshot, a run has diverged when its loss is not
 * finite or exceeds `factor · max(1, loss at step 0)`. Checked at snapshots only.
 */

/** Default divergence factor: loss above 1000 × max(1, initial loss). */
export const DEFAULT_DIVERGENCE_FACTOR = 1e3;

/**
 * Why the run has diverged at this snapshot, or `undefined` when it has not.
 * @example divergenceReason(5e3, 2, 100, 1e3) // "loss 5000 at step 100 exceeds 1000 × max(1, initial loss 2.000)"
 */
export function divergenceReason(loss: number, initialLoss: number, step: number, factor: number = DEFAULT_DIVERGENCE_FACTOR): string | undefined {
  if (!Number.isFinite(loss)) return `loss is ${loss} at step ${step}`;
  if (loss > factor * Math.max(1, initialLoss)) {
    return `loss ${loss.toPrecision(4)} at step ${step} exceeds ${factor} × max(1, initial loss ${initialLoss.toPrecision(4)})`;
  }
  return undefined;
}
