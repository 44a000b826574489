/**
 * A fingerprint of what decides the claims' verdicts — the claim spec files and the claim family
 * modules (`src/families/`: configurations, thresholds, decision rules) — so a recorded reliability measurement can
 * tell whether it still describes the current rules. Other code (the trainer, the metrics) is
 * pinned bit for bit by the regression baselines instead.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { claimSpecFiles } from "./runClaimSpecs.ts";

/** The files the fingerprint covers, relative to `root`, sorted. */
export function rulesFiles(root: string): string[] {
  const families = readdirSync(path.join(root, "src/families"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `src/families/${f.split(path.sep).join("/")}`);
  return [...claimSpecFiles(root), ...families].sort();
}

/** sha256 (first 16 hex digits) over the names and contents of `rulesFiles(root)`. */
export function rulesFingerprint(root: string): string {
  const hash = createHash("sha256");
  for (const file of rulesFiles(root)) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex").slice(0, 16);
}
