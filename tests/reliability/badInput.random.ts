/**
 * Bad input to the seeded generators (issue #8, item 4): a seed that is not a safe integer, a
 * size that is not an integer ≥ its minimum and a tag that is not a string are rejected with a
 * message naming the function, the argument, the value and what was expected.
 */
import { describe } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { createRng, deriveSeed } from "../../src/random/rng.ts";
import { badInteger, expectRejects, nonFinite, nonInteger, shown } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };
const badSeed = fc.oneof(nonInteger, nonFinite, fc.constantFrom(2 ** 53, -(2 ** 60)));

describe("createRng and deriveSeed", () => {
  test.prop([badSeed], RUNS)("reject a seed that is not a safe integer", (seed) => {
    expectRejects(() => createRng(seed), { fn: "createRng", arg: "seed", value: shown(seed), expected: "expected an integer seed" });
    expectRejects(() => deriveSeed(seed, "init"), { fn: "deriveSeed", arg: "base", value: shown(seed), expected: "expected an integer seed" });
  });

  test.prop([fc.oneof(fc.integer(), fc.constant(undefined), fc.constant(null), fc.boolean())], RUNS)("deriveSeed rejects a tag that is not a string", (tag) => {
    expectRejects(() => deriveSeed(7, tag as never), { fn: "deriveSeed", arg: "tag", value: String(tag), expected: "expected a string naming the stream" });
  });

  test.prop([badInteger(1)], RUNS)("Rng.int rejects a bound that is not an integer ≥ 1", (n) => {
    expectRejects(() => createRng(1).int(n), { fn: "Rng.int", arg: "n", value: shown(n), expected: "expected an integer ≥ 1" });
  });

  test.prop([badInteger(0)], RUNS)("Rng.permutation rejects a length that is not an integer ≥ 0", (n) => {
    expectRejects(() => createRng(1).permutation(n), { fn: "Rng.permutation", arg: "n", value: shown(n), expected: "expected an integer ≥ 0" });
  });
});
