/**
 * The modules a family's fingerprint (`familyFingerprint.ts`) does not cover: the trainer and
 * numerics layers, whose behaviour is pinned bit for bit elsewhere, so that a change to them which
 * alters any number fails `npm test` on its own, and a change that alters none cannot move a
 * verdict. Everything else a claim spec reaches through its imports — the spec, its experiments
 * and predictions (today `src/experiments/`, later `src/families/<family>/`), the decision code
 * (`src/stats/`, `src/harness/`), the profile (sizes, seeds) and the tolerances — is covered.
 *
 * What pins the excluded layers:
 * - the regression baselines (`specs/regression.spec.ts`, `fixtures/baselines/`): the canonical
 *   run of every family through the reference trainer and metric suite reproduces its recorded
 *   losses, NC1/CDNV/ETF/NC3/NC4 values, ρ and layer norms, bounds, residuals and ranks **exactly
 *   per seed** on the backend and versions that recorded them;
 * - the unit tests (`tests/train` bit for bit against the TF.js-ops engine, `tests/nets`,
 *   `tests/linalg`, `tests/metrics` on constructions with known answers, `tests/bounds`,
 *   `tests/random`, `tests/protocol`, `tests/report`).
 *
 * The limit of this argument, stated: the baselines pin the canonical configurations, not every
 * generated one; a change in the excluded layers that alters numbers only outside the canonical
 * configurations and the unit tests' cases would leave the flake records marked current. Re-measure
 * with `npm run reliability:flake -- --fresh` after such a change.
 */

export interface FingerprintExclusion {
  /** A file (`src/backend.ts`) or a folder ending in `/` (`src/train/`), relative to the repository root. */
  readonly path: string;
  /** Why it cannot move a verdict unnoticed. */
  readonly reason: string;
}

export const FINGERPRINT_EXCLUSIONS: readonly FingerprintExclusion[] = [
  { path: "src/backend.ts", reason: "TF.js backend set-up; the backend is recorded with every measurement, and the baselines compare exactly only on the backend that recorded them" },
  { path: "src/train/", reason: "the reference SGD trainer (steps, weight decay, schedules, wasm kernels, divergence rule): every family's canonical run pinned exactly per seed; tests/train bit for bit against the TF.js-ops engine" },
  { path: "src/nets/", reason: "networks' forward pass, gradients and initialisation: pinned through every canonical run; tests/nets" },
  { path: "src/data/", reason: "the datasets (Gaussian mixtures, tree teacher): pinned through every canonical run; tests/data" },
  { path: "src/linalg/", reason: "numerics (SVD, eigenvalues, pseudo-inverses): pinned through the metrics of every canonical run; tests/linalg on known spectra" },
  { path: "src/metrics/", reason: "the measured quantities (NC1–NC4, CDNV, ranks, ρ): their values on every canonical run are the baselines' quantities; tests/metrics on constructions with known answers" },
  { path: "src/bounds/", reason: "norms and bound formulas: the sparse and dense bounds and ρ are baseline quantities of the generalization-bounds run; tests/bounds" },
  { path: "src/random/", reason: "seeded random streams and seed derivation: any change moves every baselined number" },
  { path: "src/implementation/", reason: "which trainer and metric suite a run uses (reference unless THEOREM_SPEC_TRAINER / THEOREM_SPEC_MUTANT say otherwise): the reference path is the one the baselines run; mutants act only in the kill matrix's runs; tests/reliability/implementation.test.ts" },
  { path: "src/protocol/", reason: "the client of an external trainer: not used by the flake measurement (reference trainer); tests/protocol and the adapter's own tests" },
  { path: "src/report/", reason: "Allure labels, attachments and charts: record what was decided, decide nothing; tests/report" },
];

/** True when `file` (relative to the repository root, `/`-separated) is under an excluded path. */
export function isFingerprintExcluded(file: string, exclusions: readonly FingerprintExclusion[] = FINGERPRINT_EXCLUSIONS): boolean {
  return exclusions.some((e) => (e.path.endsWith("/") ? file.startsWith(e.path) : file === e.path));
}
