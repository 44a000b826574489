import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { replayCommand, shellDoubleQuote, testNamePattern } from "../../src/report/replayCommand.ts";

describe("replayCommand", () => {
  it("sets profile and seeds and selects the file and test", () => {
    expect(
      replayCommand({ profile: "full", seed: 7, fcSeed: 11, file: "specs/nc.spec.ts", testNames: ["NC", "NC1 falls"] }),
    ).toBe('THEOREM_SPEC_PROFILE=full THEOREM_SPEC_SEED=7 THEOREM_SPEC_FC_SEED=11 npx vitest run specs/nc.spec.ts -t "NC NC1 falls"');
  });

  it("joins describe names with spaces and escapes regular-expression characters", () => {
    expect(testNamePattern(["N", "ρ* = a/b (λ > 0) [x]"])).toBe("N ρ\\* = a\\/b \\(λ > 0\\) \\[x\\]");
  });

  it("quotes the pattern so a POSIX shell passes it to vitest unchanged", () => {
    const names = ['quotes " and $HOME and `cmd` and \\ (λ > 0)'];
    const quoted = shellDoubleQuote(testNamePattern(names));
    const echoed = execFileSync("sh", ["-c", `printf %s ${quoted}`], { encoding: "utf8" });
    expect(echoed).toBe(testNamePattern(names));
    expect(new RegExp(echoed).test(`file ${names[0]}`)).toBe(true);
  });

  it("quotes a file path with spaces", () => {
    expect(replayCommand({ profile: "ci", seed: 1, fcSeed: 1, file: "my specs/a.ts", testNames: ["t"] })).toContain(
      "npx vitest run 'my specs/a.ts' -t",
    );
  });
});
