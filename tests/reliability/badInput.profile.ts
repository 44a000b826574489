/**
 * Bad values of the environment variables read by `src/profile.ts` (issue #8, item 4): a seed
 * that is not an integer, an unknown profile and a malformed fast-check replay path are rejected
 * with a message naming the variable, the value received and what was expected.
 */
import { afterEach, describe, it, vi } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { activeProfile, baseSeed, fastCheckPath, fastCheckSeed } from "../../src/profile.ts";
import { expectRejects } from "../helpers/badInput.ts";

const RUNS = { numRuns: 50 };

describe("environment variables (src/profile.ts)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** Values that are not integers once parsed by `Number`. */
  const notAnInteger = fc.oneof(
    fc.constantFrom("abc", "1.5", "NaN", "Infinity", "1e400", "0x1g", "--3"),
    fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== "" && !Number.isSafeInteger(Number(s))),
  );

  test.prop([fc.constantFrom(["THEOREM_SPEC_SEED", baseSeed] as const, ["THEOREM_SPEC_FC_SEED", fastCheckSeed] as const), notAnInteger], RUNS)(
    "THEOREM_SPEC_SEED and THEOREM_SPEC_FC_SEED reject a value that is not an integer",
    ([name, read], raw) => {
      vi.stubEnv(name, raw);
      expectRejects(read, { fn: name, arg: name, value: JSON.stringify(raw), expected: `expected e.g. ${name}=20230024` });
    },
  );

  test.prop([fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s !== "ci" && s !== "full")], RUNS)("THEOREM_SPEC_PROFILE rejects an unknown profile", (raw) => {
    vi.stubEnv("THEOREM_SPEC_PROFILE", raw);
    expectRejects(activeProfile, { fn: "THEOREM_SPEC_PROFILE", arg: "profile", value: JSON.stringify(raw), expected: 'expected "ci" or "full"' });
  });

  test.prop([fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^\d+(:\d+)*$/.test(s))], RUNS)("THEOREM_SPEC_FC_PATH rejects a value that is not a fast-check path", (raw) => {
    vi.stubEnv("THEOREM_SPEC_FC_PATH", raw);
    expectRejects(fastCheckPath, { fn: "THEOREM_SPEC_FC_PATH", arg: "fast-check path", value: JSON.stringify(raw), expected: "expected colon-separated indices" });
  });

  it("accepts the documented forms", () => {
    vi.stubEnv("THEOREM_SPEC_FC_PATH", "3:0:1");
    if (fastCheckPath() !== "3:0:1") throw new Error("THEOREM_SPEC_FC_PATH=3:0:1 must be accepted");
    vi.stubEnv("THEOREM_SPEC_FC_PATH", "");
    if (fastCheckPath() !== undefined) throw new Error("an empty THEOREM_SPEC_FC_PATH means unset");
  });
});
