/**
 * Executes the `@example` lines of every `src/stats` doc comment (mathjs style: documentation
 * cannot drift). Each line reads `<expression> // => <value>` (equal; numbers to 1e-12 relative)
 * or `<expression> // ≈ <value>` (numbers agree to half a unit in the last digit shown), and is
 * evaluated with the public API of `src/stats/index.ts` in scope.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as stats from "../../src/stats/index.ts";

const SOURCE_DIR = fileURLToPath(new URL("../../src/stats/", import.meta.url));
const EXAMPLE_LINE = /^\s*\*\s+(.+?)\s+\/\/ (=>|≈) (.+?)\s*$/;

interface Example {
  file: string;
  expression: string;
  kind: "=>" | "≈";
  expected: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const file of readdirSync(SOURCE_DIR).filter((f) => f.endsWith(".ts"))) {
    let inExample = false;
    for (const line of readFileSync(join(SOURCE_DIR, file), "utf8").split("\n")) {
      if (/^\s*\*\s+@example/.test(line)) inExample = true;
      else if (/^\s*\*\s+@\w+/.test(line) || /\*\//.test(line)) inExample = false;
      else if (inExample) {
        const match = EXAMPLE_LINE.exec(line);
        if (match) found.push({ file, expression: match[1]!, kind: match[2] as "=>" | "≈", expected: match[3]! });
      }
    }
  }
  return found;
}

function evaluate(source: string): unknown {
  const names = Object.keys(stats);
  return new Function(...names, `"use strict"; return (${source});`)(...names.map((n) => (stats as Record<string, unknown>)[n]));
}

/** Half a unit in the last decimal place of a number literal ("0.30850" → 5e-6). */
function halfUnit(literal: string): number {
  const decimals = /\.(\d+)/.exec(literal)?.[1]?.length ?? 0;
  return 0.5 * 10 ** -decimals;
}

function compare(actual: unknown, expectedSource: string, kind: "=>" | "≈", where: string): void {
  const expected = evaluate(expectedSource);
  if (typeof expected === "number" && typeof actual === "number") {
    const tolerance = kind === "≈" ? halfUnit(expectedSource) : 1e-12 * Math.max(1, Math.abs(expected));
    expect(Math.abs(actual - expected), `${where}: got ${actual}, expected ${expectedSource}`).toBeLessThanOrEqual(tolerance);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const literals = expectedSource.replace(/^\[|\]$/g, "").split(",").map((s) => s.trim());
    expect(actual.length, where).toBe(expected.length);
    expected.forEach((e, i) => compare(actual[i], literals[i]!, kind, `${where}[${i}]`));
    return;
  }
  expect(actual, where).toEqual(expected);
}

const all = examples();

describe("doc-comment examples of src/stats", () => {
  test("every public module has at least one example", () => {
    const publicFiles = readdirSync(SOURCE_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "Decision.ts");
    for (const file of publicFiles) expect(all.some((e) => e.file === file), `${file} has an @example`).toBe(true);
  });

  test.each(all.map((e) => [`${e.file}: ${e.expression} ${e.kind} ${e.expected}`, e] as const))("%s", (where, e) => {
    compare(evaluate(e.expression), e.expected, e.kind, where);
  });
});
