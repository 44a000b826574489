import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { startTorchReference } from "../../src/bench/torchReference.ts";

/** A stand-in for `torch_reference.py --serve` (run by node): the same line protocol, fixed answers. */
const FAKE_SERVER = `
const readline = require("node:readline");
if (process.argv[2] !== "--serve") process.exit(3);
console.log(JSON.stringify({ torch: "fake", threads: Number(process.env.OMP_NUM_THREADS) }));
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [key, mode] = line.split(" ");
  if (key === "modes") console.log(JSON.stringify(mode === "mlp-256" ? ["sequential"] : ["batched", "sequential"]));
  else console.log(JSON.stringify({ seconds: 0.5, units: key.length + mode.length }));
});
`;

describe("startTorchReference", () => {
  it("speaks the --serve protocol: one line per request, in order, with one thread", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "torch-ref-"));
    const script = path.join(dir, "server.cjs");
    writeFileSync(script, FAKE_SERVER);
    const torch = await startTorchReference(process.execPath, script);
    try {
      expect(torch.info).toEqual({ torch: "fake", threads: 1 });
      expect(await torch.modes("mlp-256")).toEqual(["sequential"]);
      expect(await torch.modes("tree-cnn")).toEqual(["batched", "sequential"]);
      const [a, b] = await Promise.all([torch.time("tree-cnn", "batched"), torch.time("claim-mlp", "sequential")]);
      expect(a).toEqual({ seconds: 0.5, units: 8 + 7 });
      expect(b).toEqual({ seconds: 0.5, units: 9 + 10 });
    } finally {
      await torch.close();
    }
  });

  it("rejects with the child's stderr when it never answers", async () => {
    await expect(startTorchReference(process.execPath, "-e")).rejects.toThrow(/torch reference: no answer/);
  });
});
