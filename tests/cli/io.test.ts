import { afterEach, describe, expect, it, vi } from "vitest";
import { captureIo, consoleIo } from "../../src/cli/io.ts";

describe("consoleIo", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function spyWrites() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
    return { out, err };
  }

  it("writes results to stdout, diagnostics to stderr, and progress as lines when stderr is not a terminal", () => {
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    try {
      const { out, err } = spyWrites();
      const io = consoleIo();
      io.out("result");
      io.status("[##] 50 %");
      io.status(undefined);
      io.err("warning");
      expect(out).toEqual(["result\n"]);
      expect(err).toEqual(["[##] 50 %\n", "warning\n"]);
      expect(io.liveStatus).toBe(false);
    } finally {
      if (tty === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
      else Object.defineProperty(process.stderr, "isTTY", tty);
    }
  });

  it("rewrites the progress line in place on a terminal and clears it before a message", () => {
    const tty = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    try {
      const { err } = spyWrites();
      const io = consoleIo();
      io.status("[#.] 50 %");
      io.err("done");
      io.status(undefined);
      expect(err).toEqual(["\r\u001b[2K[#.] 50 %", "\r\u001b[2K", "done\n", "\r\u001b[2K"]);
      expect(io.liveStatus).toBe(true);
    } finally {
      if (tty === undefined) delete (process.stderr as { isTTY?: boolean }).isTTY;
      else Object.defineProperty(process.stderr, "isTTY", tty);
    }
  });
});

describe("captureIo", () => {
  it("collects lines, status lines with the diagnostics", () => {
    const io = captureIo();
    io.out("a");
    io.err("b");
    io.status("c");
    io.status(undefined);
    expect(io.lines).toEqual({ out: ["a"], err: ["b", "c"] });
  });
});
