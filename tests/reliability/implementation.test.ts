import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { afterEach, describe, expect, it } from "vitest";
import {
  activeMetrics,
  activeMutant,
  activeTrainer,
  closeProcessTrainers,
  implementationDescription,
  REFERENCE_IMPLEMENTATION,
  isProcessTrainer,
  MUTANT_ENV,
  parseTrainerSpec,
  PYTORCH_ADAPTER,
  pythonWithTorch,
  pytorchCommand,
  resolveTrainerSpec,
  TRAINER_ENV,
} from "../../src/implementation/activeImplementation.ts";
import { MODE_ENV } from "../../src/protocol/trainerMode.ts";
import { fakeCommand } from "../protocol/fakeTrainerHarness.ts";
import { layerNormOnDenseMatrix, nc1RegularisedInverse, rankRelativeToSigmaMax } from "../../src/implementation/metricMutants.ts";
import { layerNormProduct, REFERENCE_METRICS } from "../../src/implementation/metricSuite.ts";
import { MUTANTS, mutantById } from "../../src/implementation/mutants.ts";
import { nc1 } from "../../src/metrics/nc1.ts";
import { numericalRank } from "../../src/metrics/numericalRank.ts";
import { compileArchitecture } from "../../src/nets/architecture.ts";
import { compileConvLayers } from "../../src/nets/convNet.ts";
import { createRng } from "../../src/random/rng.ts";
import { TRAINER_MUTANTS } from "../../src/train/mutants.ts";

const saved = { trainer: process.env[TRAINER_ENV], mutant: process.env[MUTANT_ENV], mode: process.env[MODE_ENV] };
afterEach(async () => {
  await closeProcessTrainers();
  for (const [k, v] of [[TRAINER_ENV, saved.trainer], [MUTANT_ENV, saved.mutant], [MODE_ENV, saved.mode]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return Matrix.from1DArray(rows, cols, Array.from({ length: rows * cols }, () => rng.normal()));
}

describe("the implementation under test", () => {
  it("is the reference trainer and metrics by default", async () => {
    delete process.env[TRAINER_ENV];
    delete process.env[MUTANT_ENV];
    expect(activeMutant()).toBeUndefined();
    expect(activeMetrics()).toBe(REFERENCE_METRICS);
    expect((await activeTrainer()).name).not.toMatch(/mutant/);
    expect(await implementationDescription()).toBe("reference trainer (sgdTrainer), reference metrics");
    // The one description left out of Allure's history id (reportParameters.ts).
    expect(await implementationDescription()).toBe(REFERENCE_IMPLEMENTATION);
  });

  it("loads a user's trainer module from THEOREM_SPEC_TRAINER and wraps it with a trainer mutant", async () => {
    process.env[TRAINER_ENV] = "tests/reliability/fixtures/my-trainer.ts";
    expect((await activeTrainer()).name).toBe("my trainer");
    process.env[MUTANT_ENV] = "wd-dropped";
    expect((await activeTrainer()).name).toMatch(/^my trainer \(mutant: .*weight decay/);
    expect(await implementationDescription()).toMatch(/trainer from tests\/reliability\/fixtures\/my-trainer\.ts, MUTANT wd-dropped/);
  });

  it("runs a protocol trainer from THEOREM_SPEC_TRAINER=cmd:…, one process per value and mode, named by its hello in the report", async () => {
    process.env[TRAINER_ENV] = `cmd:${fakeCommand()}`;
    delete process.env[MUTANT_ENV];
    const trainer = await activeTrainer();
    expect(isProcessTrainer(trainer)).toBe(true);
    expect(await activeTrainer()).toBe(trainer);
    expect(await implementationDescription()).toBe(`fake trainer 1.0, free mode, via cmd:${fakeCommand()}, reference metrics`);
    expect(trainer.name).toBe("fake trainer 1.0 (free)");
    const aligned = await resolveTrainerSpec(`cmd:${fakeCommand()}`, { mode: "aligned" });
    expect(aligned).not.toBe(trainer);
    expect(aligned.name).toBe(fakeCommand());
    process.env[MUTANT_ENV] = "wd-dropped";
    expect((await activeTrainer()).name).toMatch(/^fake trainer 1\.0 \(free\) \(mutant: /);
    process.env[MODE_ENV] = "aligned";
    delete process.env[MUTANT_ENV];
    expect(await implementationDescription()).toBe(`fake trainer 1.0, aligned mode, via cmd:${fakeCommand()}, reference metrics`);
  });

  it("describes, without throwing, a protocol trainer that cannot start", async () => {
    process.env[TRAINER_ENV] = `cmd:${fakeCommand("exit-before-hello")}`;
    delete process.env[MUTANT_ENV];
    expect(await implementationDescription()).toMatch(/^trainer cmd:.* \(not available: trainer process .* exited with code 3 before its hello; stderr \(last 4 KiB\): fakeTrainer: misbehaving/);
  });

  it("parses trainer values: cmd:…, pytorch, else a module path; pytorch needs a python3 with torch", (context) => {
    expect(parseTrainerSpec(" cmd: ./t.sh --x ")).toEqual({ kind: "command", command: "./t.sh --x" });
    expect(parseTrainerSpec("pytorch")).toEqual({ kind: "pytorch" });
    expect(parseTrainerSpec("./my-trainer.ts")).toEqual({ kind: "module", path: "./my-trainer.ts" });
    expect(() => parseTrainerSpec("cmd: ")).toThrow(/THEOREM_SPEC_TRAINER="cmd: " has an empty command; expected cmd:<command line>/);
    expect(() => pythonWithTorch(["/nonexistent/python3"])).toThrow(/no python3 with torch found \(tried \/nonexistent\/python3\); apt-get install python3-torch/);
    expect(PYTORCH_ADAPTER).toMatch(/\/adapters\/pytorch\/trainer\.py$/);
    let command: string;
    try {
      command = pytorchCommand();
    } catch {
      context.skip("no python3 with torch on this machine");
      return;
    }
    expect(command).toMatch(/python3 .*adapters\/pytorch\/trainer\.py$/);
  });

  it("resolves pytorch to a process trainer running the shipped adapter (not started until asked)", async (context) => {
    try {
      pythonWithTorch();
    } catch {
      context.skip("no python3 with torch on this machine");
      return;
    }
    const trainer = await resolveTrainerSpec("pytorch", { mode: "aligned" });
    expect(isProcessTrainer(trainer) && trainer.command).toBe(pytorchCommand());
    expect(isProcessTrainer(trainer) && trainer.mode).toBe("aligned");
  });

  it("refuses a module without a trainer, and an unknown mutant, naming the value and what was expected", async () => {
    process.env[TRAINER_ENV] = "tests/reliability/fixtures/not-a-trainer.ts";
    await expect(activeTrainer()).rejects.toThrow(/THEOREM_SPEC_TRAINER="tests\/reliability\/fixtures\/not-a-trainer.ts" exports no trainer; expected/);
    process.env[TRAINER_ENV] = "tests/reliability/fixtures/missing.ts";
    await expect(activeTrainer()).rejects.toThrow(/could not be imported .*expected a module path/);
    delete process.env[TRAINER_ENV];
    process.env[MUTANT_ENV] = "no-such-mutant";
    expect(() => activeMetrics()).toThrow(/THEOREM_SPEC_MUTANT="no-such-mutant" is not a mutant; expected one of wd-dropped, /);
  });

  it("has the eight mutants of the issue, each with one defect behind one interface", () => {
    expect(MUTANTS).toHaveLength(8);
    expect(new Set(MUTANTS.map((m) => m.id)).size).toBe(8);
    for (const m of MUTANTS) expect(m.kind === "trainer" ? m.wrapTrainer !== undefined && m.metrics === undefined : m.metrics !== undefined && m.wrapTrainer === undefined).toBe(true);
    // every trainer mutant of src/train/mutants.ts is in the kill matrix
    expect(TRAINER_MUTANTS.map((t) => t.name).every((name) => MUTANTS.some((m) => m.name === name))).toBe(true);
    expect(mutantById("rank-sigma-max").metrics!.numericalRank).toBe(rankRelativeToSigmaMax);
  });
});

describe("metric mutants differ from the reference exactly where the defect is", () => {
  it("the σ_max-relative rank is never below the ‖W‖_F-relative rank, and equal for a rank-one matrix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 1e-4, max: 0.5, noNaN: true }), (m, n, seed, tol) => {
        const w = randomMatrix(m, n, seed);
        expect(rankRelativeToSigmaMax(w, tol)).toBeGreaterThanOrEqual(numericalRank(w, tol));
        const u = randomMatrix(m, 1, seed + 1).mmul(randomMatrix(1, n, seed + 2));
        expect(rankRelativeToSigmaMax(u, tol)).toBe(numericalRank(u, tol));
      }),
      { numRuns: 50 },
    );
  });

  it("the dense-matrix 'kernel norm' of a valid-padding conv layer is √d_l times the kernel norm (G1), and equal for a dense layer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1e6 }), (size, kernel, channels, seed) => {
        fc.pre(kernel <= size);
        const [layer] = compileConvLayers({ kind: "conv", inputShape: [size], inputChannels: channels, conv: [{ kernel, stride: 1, channels: 2 }], outputDim: 2, normalization: "none" });
        const w = randomMatrix(2, kernel * channels, seed);
        const ratio = layerNormOnDenseMatrix(w, layer!) / (Math.sqrt(layer!.positionsOut) * w.norm());
        expect(Math.abs(ratio - 1)).toBeLessThan(1e-12);
        expect(layerNormOnDenseMatrix(w, { kind: "dense" })).toBe(w.norm());
      }),
      { numRuns: 30 },
    );
  });

  it("NC1 through a regularised inverse agrees with NC1 when the features live in the span of the means, and blows up outside it", () => {
    // C = 3 classes in p = 6: means span 2 directions; within-class noise in the span vs orthogonal to it.
    const labels = [0, 0, 1, 1, 2, 2];
    const means = [
      [1, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0],
    ];
    const make = (offset: number[]) => new Matrix(labels.map((c, i) => means[c]!.map((v, j) => v + (i % 2 === 0 ? 1 : -1) * offset[j]!)));
    const inSpan = make([0.01, -0.01, 0, 0, 0, 0]);
    expect(nc1RegularisedInverse(inSpan, labels, 3) / nc1(inSpan, labels, 3)).toBeCloseTo(1, 4);
    const outside = make([0, 0, 0, 0.01, 0, 0]);
    expect(nc1(outside, labels, 3)).toBeLessThan(1e-20);
    expect(nc1RegularisedInverse(outside, labels, 3)).toBeGreaterThan(1);
  });

  it("layerNormProduct with the reference metrics is the product of the kernels' Frobenius norms", () => {
    const architecture = { inputDim: 3, hidden: [4], outputDim: 2, normalization: "none" as const };
    const weights = [randomMatrix(4, 3, 1), randomMatrix(2, 4, 2)];
    expect(layerNormProduct(weights, compileArchitecture(architecture).layers, REFERENCE_METRICS)).toBe(weights[0]!.norm() * weights[1]!.norm());
    expect(() => layerNormProduct(weights.slice(1), compileArchitecture(architecture).layers, REFERENCE_METRICS)).toThrow(/weights has 1 matrices; expected one per layer \(2\)/);
  });
});
