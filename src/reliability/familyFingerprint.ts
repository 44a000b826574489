/**
 * The fingerprint of one claim family — one claim spec file, `specs/<family>.spec.ts` — so that a
 * recorded flake measurement of that family can tell whether it still describes the code that
 * decides its verdicts: sha256 over the names and contents of the spec file, of the modules it
 * reaches through its local imports (`localImportClosure.ts`, type-only imports left out), and of
 * the shared test set-up every spec runs with (`SHARED_ROOTS`), with the trainer and numerics
 * layers left out (`fingerprintExclusions.ts`: pinned bit for bit by the regression baselines and
 * the unit tests). Changing a module only family A imports changes A's fingerprint only; changing
 * a shared decision module (`src/stats/`) changes every family that imports it; changing an
 * excluded layer changes none. Because it follows imports, it keeps working when a family's code
 * moves (e.g. to `src/families/<family>/`) — though the move itself, renaming files, changes the
 * fingerprints once.
 *
 * @example familyFingerprint(process.cwd(), "specs/neural-collapse.spec.ts").fingerprint // "3f9c…" (16 hex digits)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { FINGERPRINT_EXCLUSIONS, isFingerprintExcluded, type FingerprintExclusion } from "./fingerprintExclusions.ts";
import { localImportClosure } from "./localImportClosure.ts";

/** Loaded by every claim spec before its own imports (vitest `setupFiles`): the fast-check seed from the environment. */
export const SHARED_ROOTS: readonly string[] = ["tests/setup/seeds.ts"];

export interface FamilyFingerprintOptions {
  /** Default `FINGERPRINT_EXCLUSIONS`. */
  readonly exclusions?: readonly FingerprintExclusion[];
  /** Files every spec runs with, fingerprinted with their closures. Default `SHARED_ROOTS`. */
  readonly sharedRoots?: readonly string[];
}

export interface FamilyFingerprint {
  /** The spec file's name without `.spec.ts` (`neural-collapse`). */
  readonly family: string;
  /** Relative to the root (`specs/neural-collapse.spec.ts`). */
  readonly specFile: string;
  /** First 16 hex digits of the sha256. */
  readonly fingerprint: string;
  /** The files hashed, sorted. */
  readonly files: readonly string[];
  /** Excluded modules the spec reaches (not hashed), sorted. */
  readonly excluded: readonly string[];
}

/** The family a claim spec file stands for: its base name without `.spec.ts`. @throws for another name. */
export function familyOfSpecFile(specFile: string): string {
  const m = /(?:^|\/)([^/]+)\.spec\.ts$/.exec(specFile);
  if (m === null) throw new Error(`familyOfSpecFile: ${JSON.stringify(specFile)} is not a spec file; expected specs/<family>.spec.ts`);
  return m[1]!;
}

/** The fingerprint of the family of `specFile` (relative to `root`). */
export function familyFingerprint(root: string, specFile: string, options: FamilyFingerprintOptions = {}): FamilyFingerprint {
  const exclusions = options.exclusions ?? FINGERPRINT_EXCLUSIONS;
  const stop = (f: string) => isFingerprintExcluded(f, exclusions);
  const closures = [specFile, ...(options.sharedRoots ?? SHARED_ROOTS)].map((entry) => localImportClosure(root, entry, { stop }));
  const files = [...new Set(closures.flatMap((c) => c.included))].sort();
  const excluded = [...new Set(closures.flatMap((c) => c.stopped))].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\n");
  }
  return { family: familyOfSpecFile(specFile), specFile: closures[0]!.included[0]!, fingerprint: hash.digest("hex").slice(0, 16), files, excluded };
}
