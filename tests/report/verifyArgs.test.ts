import { describe, expect, it } from "vitest";
import { parseVerifyArgs } from "../../src/report/verifyArgs.ts";

describe("parseVerifyArgs", () => {
  it("defaults to the full profile", () => {
    expect(parseVerifyArgs([], {})).toEqual({ profile: "full", vitestArgs: [], help: false });
  });
  it("takes THEOREM_SPEC_PROFILE when set, and --profile over it", () => {
    expect(parseVerifyArgs([], { THEOREM_SPEC_PROFILE: "ci" }).profile).toBe("ci");
    expect(parseVerifyArgs(["--profile", "full"], { THEOREM_SPEC_PROFILE: "ci" }).profile).toBe("full");
    expect(parseVerifyArgs(["--profile=ci"], {}).profile).toBe("ci");
  });
  it("passes other arguments to vitest", () => {
    expect(parseVerifyArgs(["specs/nc.spec.ts", "--profile", "ci", "--bail=1"], {}).vitestArgs).toEqual([
      "specs/nc.spec.ts",
      "--bail=1",
    ]);
  });
  it("recognises --help", () => {
    expect(parseVerifyArgs(["-h"], {}).help).toBe(true);
  });
  it("rejects an unknown profile or a missing value", () => {
    expect(() => parseVerifyArgs(["--profile", "nightly"], {})).toThrowError(/--profile "nightly" is not a profile/);
    expect(() => parseVerifyArgs([], { THEOREM_SPEC_PROFILE: "x" })).toThrowError(/THEOREM_SPEC_PROFILE "x"/);
    expect(() => parseVerifyArgs(["--profile"], {})).toThrowError(/needs a value/);
  });
  it("takes the trainer under test from --trainer, else THEOREM_SPEC_TRAINER, else none (the reference)", () => {
    expect(parseVerifyArgs([], {}).trainer).toBeUndefined();
    expect(parseVerifyArgs([], { THEOREM_SPEC_TRAINER: "pytorch" }).trainer).toBe("pytorch");
    expect(parseVerifyArgs(["--trainer", "cmd:./t.py --x"], { THEOREM_SPEC_TRAINER: "pytorch" }).trainer).toBe("cmd:./t.py --x");
    expect(parseVerifyArgs(["--trainer=pytorch", "specs/d.spec.ts"], {})).toEqual({ profile: "full", vitestArgs: ["specs/d.spec.ts"], help: false, trainer: "pytorch" });
    expect(() => parseVerifyArgs(["--trainer"], {})).toThrowError(/--trainer needs a value: pytorch, cmd:/);
    expect(() => parseVerifyArgs(["--trainer="], {})).toThrowError(/--trainer needs a value/);
  });
});
