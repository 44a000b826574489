import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { assembleWat, binaryModule, kernelSources } from "../../scripts/kernels.ts";
import { trainerWasmBytes, trainerWasmSupported } from "../../src/train/trainerWasm.ts";

describe("wasm kernels are built from their WAT source (npm run kernels)", () => {
  it("every checked-in binary module is its .wat source assembled by wabt, byte for byte", async () => {
    const sources = kernelSources();
    expect(sources.length).toBeGreaterThan(0);
    for (const { wat, module } of sources) {
      const binary = await assembleWat(path.basename(wat), readFileSync(wat, "utf8"));
      expect(readFileSync(module, "utf8"), `${path.basename(module)} is stale: run npm run kernels`).toBe(binaryModule(path.basename(wat), binary));
    }
  });

  it("the trainer module the library loads is trainer.wat assembled, and this runtime validates it", async () => {
    const wat = kernelSources().find((s) => s.wat.endsWith("trainer.wat"))!.wat;
    const binary = await assembleWat("trainer.wat", readFileSync(wat, "utf8"));
    expect(Buffer.from(trainerWasmBytes()).equals(Buffer.from(binary))).toBe(true);
    expect(trainerWasmSupported()).toBe(true);
  });
});
