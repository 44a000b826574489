/**
 * Bad command lines (issue #8, item 4), through the whole CLI in-process (`runCli`, no training:
 * every case fails before, or stops at `--dry-run`): unknown claims, commands and options, values
 * out of range (negative sizes, λ < 0, η out of range, B > N), and bad environment values. Each
 * exits with code 2 and a message naming the command, the option (or claim), the value received
 * and what was expected.
 */
import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { CATALOG } from "../../src/claims/catalog.ts";
import { COMMON_RUN_OPTIONS } from "../../src/cli/commonOptions.ts";
import { neuralCollapseRunner } from "../../src/families/neural-collapse/neuralCollapseRunner.ts";
import { expectedValue, parseValue, type OptionSpec } from "../../src/cli/options.ts";
import { cli } from "../helpers/cli.ts";
import { expectRejects } from "../helpers/badInput.ts";

const RUNS = { numRuns: 30 };
const KNOWN_IDS = CATALOG.map((c) => c.id.toLowerCase());

/** `theorem-spec <argv>` must fail as a usage error whose message contains every part. */
async function expectUsageError(argv: string[], parts: readonly string[], env: Record<string, string> = {}): Promise<void> {
  const { code, err } = await cli(argv, env);
  expect(code, `exit code of theorem-spec ${argv.join(" ")}:\n${err}`).toBe(2);
  for (const part of parts) expect(err, `theorem-spec ${argv.join(" ")}`).toContain(part);
}

/** Identifiers that are not claim ids (in any letter case) and do not look like options. */
const unknownId = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,7}$/)
  .filter((s) => !KNOWN_IDS.includes(s.toLowerCase()));

describe("claims, commands and options", () => {
  test.prop([fc.constantFrom("run", "export"), unknownId], RUNS)("an unknown claim id is named, with the known ids", async (command, id) => {
    await expectUsageError([command, id, "--dry-run"], [`${command}: unknown claim ${JSON.stringify(id)}`, `known claims: ${CATALOG.map((c) => c.id).join(", ")}`]);
  });

  test.prop([unknownId.filter((s) => !["list", "run", "export", "report", "diff", "help"].includes(s))], RUNS)("an unknown command is named, with the commands", async (command) => {
    await expectUsageError([command], [`unknown command ${JSON.stringify(command)}`, "commands: list, run, export, report, diff, help"]);
    await expectUsageError(["help", command], [`help: unknown command ${JSON.stringify(command)}`, "commands: list, run, export, report, diff, help"]);
  });

  const knownOptions = new Set([...COMMON_RUN_OPTIONS, ...neuralCollapseRunner.options].map((s) => s.name));
  test.prop([fc.stringMatching(/^[a-z][a-z-]{0,10}$/).filter((s) => !knownOptions.has(s) && s !== "help")], RUNS)(
    "an unknown option is named, with the options the command takes",
    async (name) => {
      await expectUsageError(["run", "NC1", `--${name}`, "1", "--dry-run"], [`run: unknown option "--${name}"`, "run takes --profile, --seed, --seeds, --steps", "(and --help)"]);
    },
  );
});

describe("option values", () => {
  /** Strings that are not a number in [min, max] (integers only when `integer`). */
  function outOfRange(min: number, max: number | undefined, integer: boolean): fc.Arbitrary<string> {
    const below = fc.double({ min: Math.max(-1e6, min - 1e6), max: min, noNaN: true, maxExcluded: true }).map(String);
    const above = max === undefined ? fc.constant("abc") : fc.double({ min: max, max: max * 10 + 10, noNaN: true, minExcluded: true }).map(String);
    const junk = fc.constantFrom("", " ", "abc", "NaN", "Infinity", "-Infinity", "1e400", "0x", "1,2");
    const fraction = integer ? fc.double({ min, max: max ?? min + 100, noNaN: true }).filter((x) => !Number.isInteger(x)).map(String) : junk;
    return fc.oneof(below, above, junk, fraction);
  }

  const numeric = [...COMMON_RUN_OPTIONS, ...neuralCollapseRunner.options].filter(
    (s): s is OptionSpec & { min: number } => (s.kind === "int" || s.kind === "number") && s.min !== undefined,
  );

  test.prop([fc.constantFrom(...numeric).chain((spec) => fc.tuple(fc.constant(spec), outOfRange(spec.min, spec.max, spec.kind === "int")))], { numRuns: 50 })(
    "parseValue rejects every numeric option's out-of-range, non-integer and non-numeric values",
    ([spec, raw]) => {
      expectRejects(() => parseValue("run", spec, raw), { fn: "run", arg: `--${spec.name}`, value: JSON.stringify(raw), expected: `expected ${expectedValue(spec)}` });
    },
  );

  test.prop([fc.constantFrom("wd", "lr", "per-class", "width", "seeds", "steps"), fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.double({ min: -10, max: -1e-9, noNaN: true }))], RUNS)(
    "a negative size, λ < 0 or η < 0 on the command line is refused before anything runs",
    async (name, value) => {
      const spec = [...COMMON_RUN_OPTIONS, ...neuralCollapseRunner.options].find((s) => s.name === name)!;
      await expectUsageError(["run", "NC1", `--${name}`, String(value), "--dry-run"], [`run: --${name} ${JSON.stringify(String(value))} is not valid`, `expected ${expectedValue(spec)}`]);
    },
  );

  test.prop([fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 1000 })], RUNS)("a batch larger than the training set (B > N) is refused", async (classes, perClass, extra) => {
    const n = classes * perClass;
    const batch = n + extra;
    await expectUsageError(
      ["run", "NC1", "--classes", String(classes), "--per-class", String(perClass), "--batch", String(batch), "--dry-run"],
      [`run: --batch ${batch} is larger than the training set N`, `expected B ≤ ${n}`],
    );
  });

  test.prop([fc.constantFrom(["THEOREM_SPEC_SEED", "seed"] as const, ["THEOREM_SPEC_PROFILE", "profile"] as const), fc.constantFrom("abc", "-1", "1.5", "fast", "4294967296")], RUNS)(
    "a bad THEOREM_SPEC_SEED or THEOREM_SPEC_PROFILE names the variable, its value and what was expected",
    async ([variable, option], raw) => {
      const spec = COMMON_RUN_OPTIONS.find((s) => s.name === option)!;
      await expectUsageError(["run", "NC1", "--dry-run"], [`run: ${variable}=${JSON.stringify(raw)} is not valid for --${option}`, `expected ${expectedValue(spec)}`], { [variable]: raw });
    },
  );

  it("a choice or list option names the choices", async () => {
    await expectUsageError(["run", "NC1", "--profile", "fast", "--dry-run"], ['run: --profile "fast" is not valid', "expected one of ci, full"]);
    await expectUsageError(["run", "NC1", "--arms", "wd,bogus", "--dry-run"], ['run: --arms "wd,bogus" is not valid', "expected a comma-separated list of wd, noWd, frozen"]);
    await expectUsageError(["list", "--family", "Nope"], ['list: --family "Nope" is not valid', "expected one of "]);
  });
});
