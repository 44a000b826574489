/**
 * The local modules a file loads, transitively: the file itself and every module reached from it
 * through relative import specifiers (`./x.ts`, `../src/y.ts`; see `importSpecifiers.ts`). Bare
 * specifiers (`vitest`, `@tensorflow/tfjs`, `node:fs`) are packages, not followed. A module for
 * which `stop` is true is recorded as reached but neither hashed nor entered, so what only it
 * imports is not reached through it. Cycles are visited once.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { importSpecifiers } from "./importSpecifiers.ts";

export interface ImportClosure {
  /** Modules reached and entered (the entry first, then sorted), relative to the root, `/`-separated. */
  readonly included: readonly string[];
  /** Modules reached but not entered (`stop`), sorted. */
  readonly stopped: readonly string[];
}

export interface ImportClosureOptions {
  /** Modules (relative to the root) not to enter. Default: none. */
  readonly stop?: (file: string) => boolean;
}

/** Extensions a module's source may have; others (JSON, WASM…) are hashed but not parsed. */
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/**
 * The import closure of `entry` (relative to `root`).
 * @throws when a relative specifier resolves to no file, naming the importer and the specifier.
 */
export function localImportClosure(root: string, entry: string, options: ImportClosureOptions = {}): ImportClosure {
  const stop = options.stop ?? (() => false);
  const start = relative(root, path.resolve(root, entry));
  if (!isFile(path.join(root, start))) throw new Error(`localImportClosure: ${entry} is not a file under ${root}`);
  const included = new Set<string>();
  const stopped = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (included.has(file) || stopped.has(file)) continue;
    if (stop(file)) {
      stopped.add(file);
      continue;
    }
    included.add(file);
    if (!SOURCE.test(file)) continue;
    for (const specifier of importSpecifiers(readFileSync(path.join(root, file), "utf8"), file)) {
      if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
      queue.push(relative(root, resolveModule(root, file, specifier)));
    }
  }
  const rest = [...included].filter((f) => f !== start).sort();
  return { included: [start, ...rest], stopped: [...stopped].sort() };
}

/** The file a relative specifier of `importer` names: as written, else with `.ts` for `.js`, `.ts` appended, or `/index.ts`. */
function resolveModule(root: string, importer: string, specifier: string): string {
  const base = path.resolve(root, path.dirname(importer), specifier);
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, path.join(base, "index.ts")];
  const found = candidates.find(isFile);
  if (found === undefined) throw new Error(`localImportClosure: ${importer} imports ${JSON.stringify(specifier)}, which resolves to no file (tried ${candidates.map((c) => relative(root, c)).join(", ")})`);
  const rel = relative(root, found);
  if (rel.startsWith("../")) throw new Error(`localImportClosure: ${importer} imports ${JSON.stringify(specifier)}, outside the root ${root}`);
  return found;
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}
