/**
 * Runs the CLI in-process with captured output (`runCli` + `captureIo`), for the CLI tests.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/cli.ts";
import { captureIo } from "../../src/cli/io.ts";

/** The exit code and the joined stdout and stderr lines of `theorem-spec <argv>`. */
export async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(argv, io, env);
  return { code, out: io.lines.out.join("\n"), err: io.lines.err.join("\n") };
}

/** A fresh temporary directory for export files. */
export function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The parsed JSON of an export file. */
export async function readExport<T>(file: string): Promise<T & { format: string; claim: string; decisions: Array<{ label: string; expected: boolean }> }> {
  return JSON.parse(await fs.readFile(file, "utf8")) as T & { format: string; claim: string; decisions: Array<{ label: string; expected: boolean }> };
}
