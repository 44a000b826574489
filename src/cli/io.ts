/**
 * Where the CLI writes: `out` for results (tables, JSON), `err` for progress and errors, so that
 * `npx theorem-spec run NC1 --json > nc1.json` captures only the results. Tests pass a capturing
 * implementation (`captureIo`).
 */

export interface CliIo {
  /** Writes one line of results (stdout). */
  out(line: string): void;
  /** Writes one line of diagnostics: progress, warnings, errors (stderr). */
  err(line: string): void;
  /**
   * Replaces the current progress line in place (a terminal), or writes it as a line (a pipe or
   * a file); `undefined` clears it.
   */
  status(line: string | undefined): void;
  /** stdout is a terminal: colour the verdicts. */
  readonly tty: boolean;
  /** stderr is a terminal: progress updates in place (else a line every quarter of a phase). */
  readonly liveStatus: boolean;
}

/** The process's stdout and stderr. */
export function consoleIo(): CliIo {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => {
      if (shown) process.stderr.write("\r\u001b[2K");
      shown = false;
      process.stderr.write(`${line}\n`);
    },
    status: (line) => {
      if (!tty) {
        if (line !== undefined) process.stderr.write(`${line}\n`);
        return;
      }
      process.stderr.write(`\r\u001b[2K${line ?? ""}`);
      shown = line !== undefined;
    },
    tty: process.stdout.isTTY === true,
    liveStatus: tty,
  };
}

/** An in-memory `CliIo` for tests: `lines.out`, `lines.err` (status lines included). */
export function captureIo(): CliIo & { readonly lines: { out: string[]; err: string[] } } {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    out: (line) => lines.out.push(line),
    err: (line) => lines.err.push(line),
    status: (line) => {
      if (line !== undefined) lines.err.push(line);
    },
    tty: false,
    liveStatus: false,
  };
}
