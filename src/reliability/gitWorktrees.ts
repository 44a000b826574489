/**
 * Temporary git worktrees of a repository — one commit checked out, detached, in a folder of its
 * own, with the repository's `node_modules` symlinked in so the checkout runs as the main one does —
 * and the git questions `carry` asks (HEAD, uncommitted files). Every worktree added here is
 * remembered until removed, so that an interrupted run (`removeAllWorktrees`, on Ctrl-C) leaves
 * none behind.
 *
 * @example const tree = addWorktree(root, "5ef5902", "/tmp/theorem-spec-carry-old"); try { … } finally { removeWorktree(root, tree); }
 */
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, symlinkSync } from "node:fs";
import * as path from "node:path";

const added = new Map<string, string>();

/** git's output, trimmed unless `raw` (porcelain lines start with a status column that may be a space). */
function git(root: string, args: readonly string[], raw = false): string {
  try {
    const out = execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
    return raw ? out : out.trim();
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`git ${args.join(" ")} failed in ${root}: ${(e.stderr ?? e.message).trim()}`);
  }
}

/** `git rev-parse --short HEAD`. */
export function headCommit(root: string): string {
  return git(root, ["rev-parse", "--short", "HEAD"]);
}

/** The short hash of `commit` (any revision git resolves). @throws when git does not know it. */
export function resolveCommit(root: string, commit: string): string {
  return git(root, ["rev-parse", "--short", "--verify", `${commit}^{commit}`]);
}

/** Those of `files` (relative to `root`) that are modified, staged or untracked — differ from HEAD. */
export function uncommittedFiles(root: string, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const out = git(root, ["status", "--porcelain", "--untracked-files=all", "--", ...files.map((f) => `:(top,literal)${f}`)], true);
  // `XY path`, or `XY old -> new` for a rename.
  return out
    .split("\n")
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3).split(" -> ").pop()!);
}

/**
 * How `files` (paths at either commit) changed from `from` to `to`: `git diff --name-status -M`
 * lines (`M\tspecs/x.spec.ts`, `R100\tsrc/a.ts\tsrc/b.ts`), tabs shown as spaces.
 */
export function changedBetween(root: string, from: string, to: string, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const out = git(root, ["diff", "--name-status", "-M", from, to, "--", ...files.map((f) => `:(top,literal)${f}`)]);
  return out === "" ? [] : out.split("\n").map((l) => l.replace(/\t/g, " "));
}

/**
 * Checks `commit` out, detached, at `dir` (which must not exist) and symlinks `root/node_modules`
 * into it. Returns `dir`.
 */
export function addWorktree(root: string, commit: string, dir: string): string {
  if (existsSync(dir)) throw new Error(`addWorktree: ${dir} exists already; expected a fresh path`);
  git(root, ["worktree", "add", "--detach", dir, commit]);
  added.set(dir, root);
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** Removes a worktree added by `addWorktree` (its symlink first, so `node_modules` itself is untouched). */
export function removeWorktree(root: string, dir: string): void {
  rmSync(path.join(dir, "node_modules"), { force: true });
  try {
    git(root, ["worktree", "remove", "--force", dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    git(root, ["worktree", "prune"]);
    added.delete(dir);
  }
}

/** Removes every worktree still added (on an interrupt or an error); never throws. */
export function removeAllWorktrees(): void {
  for (const [dir, root] of [...added]) {
    try {
      removeWorktree(root, dir);
    } catch {
      added.delete(dir);
    }
  }
}
