/**
 * The trainer's engine (`src/train/engine.ts`): the start-up probe, the default it implies, and
 * the engine as part of the baselines' identity. (That `wasm-exact` equals the TF.js ops bit for
 * bit and `wasm-fma` is deterministic and within `FMA_ENGINE_TOLERANCE` of them:
 * `wasmSteps.test.ts`; the default engine's one-step updates against finite differences:
 * `sgdTrainer.test.ts`, `convTraining.test.ts`.)
 */
import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend, trainerEngine } from "../../src/backend.ts";
import { relevantVersions } from "../../src/baselines/baseline.ts";
import { readBaseline } from "../../src/baselines/baselineFiles.ts";
import { CANONICAL_RUNS } from "../../src/baselines/canonicalRuns.ts";
import { defaultWasmEngine, fmaWasmOn, fusedMultiplyAddAvailable, requestedWasmEngine, trainerFmaBytes, WASM_ENGINES } from "../../src/train/engine.ts";

const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number }) => object; validate(b: Uint8Array): boolean } }).WebAssembly;

describe("engine", async () => {
  await initBackend();

  it("the default is wasm-exact; wasm-fma only when THEOREM_SPEC_ENGINE=fma asks for it", () => {
    const expected = process.env.THEOREM_SPEC_ENGINE === "fma" ? "wasm-fma" : "wasm-exact";
    expect(defaultWasmEngine()).toBe(expected);
    expect(WASM_ENGINES).toContain(defaultWasmEngine());
  });

  it("THEOREM_SPEC_ENGINE: unset, empty or exact → wasm-exact, fma → wasm-fma, anything else an error naming the value", () => {
    expect(requestedWasmEngine({})).toBe("wasm-exact");
    expect(requestedWasmEngine({ THEOREM_SPEC_ENGINE: "" })).toBe("wasm-exact");
    expect(requestedWasmEngine({ THEOREM_SPEC_ENGINE: "exact" })).toBe("wasm-exact");
    expect(requestedWasmEngine({ THEOREM_SPEC_ENGINE: "fma" })).toBe("wasm-fma");
    expect(() => requestedWasmEngine({ THEOREM_SPEC_ENGINE: "fast" })).toThrow(/THEOREM_SPEC_ENGINE="fast" is not an engine; expected exact or fma/);
  });

  it("the probe: fused, (1 + 2⁻²³)(1 − 2⁻²³) − 1 is −2⁻⁴⁶; relaxed SIMD's module validates wherever the probe runs", () => {
    const fma = fmaWasmOn(new wasm.Memory({ initial: 1 }));
    if (fma === undefined) {
      expect(fusedMultiplyAddAvailable()).toBe(false);
      return;
    }
    expect(wasm.validate(trainerFmaBytes())).toBe(true);
    const r = fma.probe(Math.fround(1 + 2 ** -23), Math.fround(1 - 2 ** -23), -1);
    expect([0, -(2 ** -46)]).toContain(r);
    expect(fusedMultiplyAddAvailable()).toBe(r !== 0);
    // an ordinary multiply-add is exact either way
    expect(fma.probe(3, 4, 5)).toBe(17);
  });

  it("the engine is part of the baselines' identity (relevantVersions) and names the active backend's arithmetic", () => {
    const engine = trainerEngine();
    expect(relevantVersions()["trainer engine"]).toBe(engine);
    if (tf.getBackend() === "wasm") expect(WASM_ENGINES).toContain(engine);
    else expect(engine).toBe("tfjs-ops");
  });

  it("each engine has its own recorded baselines, each compared exactly on its own engine; other backends read the default engine's", () => {
    for (const { family } of CANONICAL_RUNS) {
      expect(readBaseline(family, "wasm-fma")?.versions["trainer engine"]).toBe("wasm-fma");
      expect(readBaseline(family, "wasm-exact")?.versions["trainer engine"]).toBe("wasm-exact");
      expect(readBaseline(family, "tfjs-ops")?.versions["trainer engine"]).toBe("wasm-exact");
    }
  });
});
