import { describe, expect, it } from "vitest";
import { formatOptions, listOption, numberOption, numbersOption, parseArgs, parseValue, stringOption, UsageError, type OptionSpec } from "../../src/cli/options.ts";

const SPECS: readonly OptionSpec[] = [
  { name: "seed", kind: "int", min: 0, max: 100, placeholder: "<int>", description: "seed", defaultText: "7" },
  { name: "lr", kind: "number", min: 0, description: "learning rate" },
  { name: "profile", kind: "choice", choices: ["ci", "full"], description: "profile" },
  { name: "arms", kind: "list", choices: ["wd", "noWd", "frozen"], description: "arms" },
  { name: "dry-run", kind: "flag", description: "stop" },
  { name: "results", kind: "string", repeatable: true, description: "dir" },
  { name: "out", kind: "string", description: "file" },
];

describe("parseArgs", () => {
  it("reads --name value, --name=value, flags, positionals, -h and --", () => {
    const a = parseArgs("run", ["NC1", "--seed", "7", "--lr=0.05", "--dry-run", "--profile", "full", "-h", "--", "--not-an-option"], SPECS);
    expect(a.positionals).toEqual(["NC1", "--not-an-option"]);
    expect(a.options).toEqual({ seed: 7, lr: 0.05, "dry-run": true, profile: "full" });
    expect(a.help).toBe(true);
  });

  it("collects a repeatable option and de-duplicates a list", () => {
    const a = parseArgs("report", ["--results", "a", "--results=b", "--arms", "wd,frozen,wd"], SPECS);
    expect(a.options.results).toEqual(["a", "b"]);
    expect(a.options.arms).toEqual(["wd", "frozen"]);
  });

  it("names an unknown option and lists the known ones", () => {
    expect(() => parseArgs("run", ["--sed", "1"], SPECS)).toThrowError(/run: unknown option "--sed"; run takes --seed, --lr, .* \(and --help\)/);
    expect(() => parseArgs("list", ["-x"], [])).toThrowError(/unknown option "-x"; list takes no options/);
  });

  it("rejects a missing value, a value given twice, and a value on a flag", () => {
    expect(() => parseArgs("run", ["--seed"], SPECS)).toThrowError(/--seed needs a value \(<int>\)/);
    expect(() => parseArgs("run", ["--seed", "1", "--seed", "2"], SPECS)).toThrowError(/--seed was given twice/);
    expect(() => parseArgs("run", ["--dry-run=yes"], SPECS)).toThrowError(/--dry-run "yes" is not valid; expected no value/);
  });

  it("throws UsageError carrying the command", () => {
    try {
      parseArgs("export", ["--nope"], SPECS);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).command).toBe("export");
    }
  });
});

describe("parseValue", () => {
  const seed = SPECS[0]!;
  it("reports the value received and what was expected", () => {
    expect(() => parseValue("run", seed, "abc")).toThrowError('run: --seed "abc" is not valid; expected an integer in [0, 100]');
    expect(() => parseValue("run", seed, "1.5")).toThrowError(/expected an integer in \[0, 100\]/);
    expect(() => parseValue("run", seed, "101")).toThrowError(/"101" is not valid/);
    expect(() => parseValue("run", seed, " ")).toThrowError(/" " is not valid/);
    expect(() => parseValue("run", SPECS[1]!, "-1")).toThrowError(/expected a number ≥ 0/);
    expect(() => parseValue("run", SPECS[1]!, "Infinity")).toThrowError(/expected a number ≥ 0/);
    expect(() => parseValue("run", { name: "x", kind: "number", max: 1, description: "" }, "2")).toThrowError(/a number ≤ 1/);
    expect(() => parseValue("run", { name: "x", kind: "int", description: "" }, "x")).toThrowError(/expected an integer$/);
    expect(() => parseValue("run", SPECS[2]!, "nightly")).toThrowError(/expected one of ci, full/);
    expect(() => parseValue("run", SPECS[3]!, "wd,lambda")).toThrowError(/a comma-separated list of wd, noWd, frozen/);
    expect(() => parseValue("run", SPECS[6]!, "")).toThrowError(/a non-empty value/);
  });

  it("reads a comma-separated list of numbers, each in range", () => {
    const grid: OptionSpec = { name: "lambdas", kind: "numbers", min: 1e-12, max: 10, description: "" };
    expect(parseValue("run", grid, "5e-3, 0.01,2e-2")).toEqual([0.005, 0.01, 0.02]);
    expect(() => parseValue("run", grid, "0.01,x")).toThrowError('run: --lambdas "0.01,x" is not valid; expected a comma-separated list of numbers, each in [1e-12, 10]');
    expect(() => parseValue("run", grid, "0.01,,0.02")).toThrowError(/is not valid/);
    expect(() => parseValue("run", grid, "0,0.1")).toThrowError(/each in \[1e-12, 10\]/);
    expect(parseArgs("run", ["--lambdas=0.1,0.2"], [grid]).options.lambdas).toEqual([0.1, 0.2]);
  });

  it("accepts numbers in exponent form", () => {
    expect(parseValue("run", SPECS[1]!, "5e-3")).toBe(0.005);
    expect(parseValue("run", seed, "1e1")).toBe(10);
  });
});

describe("formatOptions and the typed getters", () => {
  it("aligns descriptions and shows defaults", () => {
    const lines = formatOptions(SPECS.slice(0, 2));
    expect(lines[0]).toBe("  --seed <int>  seed (default: 7)");
    expect(lines[1]).toBe("  --lr <value>  learning rate");
  });

  it("fall back when an option is absent", () => {
    const values = { seed: 3, out: "x.json", arms: ["wd"] };
    expect(numberOption(values, "seed", 1)).toBe(3);
    expect(numberOption(values, "lr", 0.1)).toBe(0.1);
    expect(stringOption(values, "out", "y")).toBe("x.json");
    expect(stringOption(values, "profile")).toBeUndefined();
    expect(listOption(values, "arms", [])).toEqual(["wd"]);
    expect(listOption(values, "other", ["a"])).toEqual(["a"]);
    expect(numbersOption({ lambdas: [0.1, 0.2] }, "lambdas", [1])).toEqual([0.1, 0.2]);
    expect(numbersOption(values, "lambdas", [1])).toEqual([1]);
  });
});
