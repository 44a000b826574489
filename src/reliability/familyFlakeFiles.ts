/**
 * Where the per-family flake records live: `fixtures/reliability/flake/<family>.json`, the record
 * of each family's current measurement, and `fixtures/reliability/flake/archive/<family>-<commit>.json`,
 * a family's earlier measurements on another fingerprint (the convention of the records of every
 * family, `flake-<commit>.json`, per family). Writes are atomic (a temporary file renamed), so an
 * interrupted run leaves every record readable.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { FamilyFlakeRecord } from "./records.ts";

/** The folder of the per-family records, relative to the repository root. */
export const FAMILY_FLAKE_DIR = "fixtures/reliability/flake";

/** The current record's file of `family`. */
export function familyFlakeFile(root: string, family: string): string {
  return path.join(root, FAMILY_FLAKE_DIR, `${family}.json`);
}

/** Every current per-family record, by file name order. @throws naming a file that is not a family record. */
export function readFamilyFlakeRecords(root: string): FamilyFlakeRecord[] {
  const dir = path.join(root, FAMILY_FLAKE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const record = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as FamilyFlakeRecord;
      if (typeof record.family !== "string" || `${record.family}.json` !== f || !Array.isArray(record.streams)) {
        throw new Error(`readFamilyFlakeRecords: ${FAMILY_FLAKE_DIR}/${f} is not the flake record of family ${JSON.stringify(f.replace(/\.json$/, ""))} (family ${JSON.stringify(record.family)})`);
      }
      return record;
    });
}

/** The archived per-family records (`archive/<family>-<commit>.json`), by file name, with their file names. */
export function readArchivedFamilyFlakeRecords(root: string): Array<{ file: string; record: FamilyFlakeRecord }> {
  const dir = path.join(root, FAMILY_FLAKE_DIR, "archive");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: `${FAMILY_FLAKE_DIR}/archive/${f}`, record: JSON.parse(readFileSync(path.join(dir, f), "utf8")) as FamilyFlakeRecord }));
}

/** Writes `record` as its family's current record. */
export function writeFamilyFlakeRecord(root: string, record: FamilyFlakeRecord): void {
  const file = familyFlakeFile(root, record.family);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * Moves the current record of `family` to `archive/<family>-<commit>.json` (commit without
 * non-word characters; `-2`, `-3`… when that name is taken) and returns the archive's path
 * relative to the root, or `undefined` when the family has no record.
 */
export function archiveFamilyFlakeRecord(root: string, family: string): string | undefined {
  const file = familyFlakeFile(root, family);
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, "utf8")) as FamilyFlakeRecord;
  const dir = path.join(root, FAMILY_FLAKE_DIR, "archive");
  mkdirSync(dir, { recursive: true });
  const base = `${family}-${record.commit.replace(/\W/g, "")}`;
  let name = `${base}.json`;
  for (let i = 2; existsSync(path.join(dir, name)); i++) name = `${base}-${i}.json`;
  renameSync(file, path.join(dir, name));
  return `${FAMILY_FLAKE_DIR}/archive/${name}`;
}
