/**
 * The commit a family's measurement describes: `git rev-parse --short HEAD`, with `+dirty` when
 * one of the family's fingerprinted files (`familyFingerprint(...).files`) differs from it
 * (modified, staged or untracked). Changes elsewhere in the tree — other families, the records
 * being written — do not make a family's record dirty. `unknown` outside a git checkout.
 *
 * @example familyCommit(process.cwd(), ["specs/duality.spec.ts"]) // "5ef5902" or "5ef5902+dirty"
 */
import { execFileSync } from "node:child_process";

export function familyCommit(root: string, files: readonly string[]): string {
  const git = (args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim();
  let head: string;
  try {
    head = git(["rev-parse", "--short", "HEAD"]);
  } catch {
    return "unknown";
  }
  if (files.length === 0) return head;
  const changed = git(["status", "--porcelain", "--untracked-files=all", "--", ...files.map((f) => `:(top,literal)${f}`)]);
  return changed === "" ? head : `${head}+dirty`;
}
