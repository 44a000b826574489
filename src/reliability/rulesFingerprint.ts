/**
 * One fingerprint of the rules of the whole suite — sha256 over every claim family's fingerprint
 * (`claimFamilies.ts`, `familyFingerprint.ts`) — for records that run every family at once (the
 * kill matrix, the benign matrix). The flake measurement is recorded per family instead, so that
 * changing one family re-measures that family only. (Records made before 2026-12 carry the earlier
 * definition: the claim spec files and `src/experiments/*`.)
 */
import { createHash } from "node:crypto";
import { claimFamilies } from "./claimFamilies.ts";

/** The files the families' fingerprints cover, relative to `root`, sorted. */
export function rulesFiles(root: string): string[] {
  return [...new Set(claimFamilies(root).flatMap((f) => f.files))].sort();
}

/** sha256 (first 16 hex digits) over `family fingerprint` lines of every claim family. */
export function rulesFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const f of claimFamilies(root)) hash.update(`${f.family} ${f.fingerprint}\n`);
  return hash.digest("hex").slice(0, 16);
}
