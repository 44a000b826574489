/**
 * Runs the `@example` lines of a source folder's doc comments (mathjs style: documentation cannot
 * drift). Each example line reads `<expression> // => <value>`; both sides are evaluated with the
 * folder's public API and ml-matrix's `Matrix` in scope, and compared with `toEqual`, numbers to
 * `FLOAT64` (`tests/tolerances.ts`). Same format as `tests/stats/docExamples.test.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Matrix } from "ml-matrix";
import { FLOAT64, isClose } from "../tolerances.ts";

const EXAMPLE_LINE = /^\s*\*\s+(.+?)\s+\/\/ => (.+?)\s*$/;

interface Example {
  readonly file: string;
  readonly expression: string;
  readonly expected: string;
}

function examplesIn(dir: string): Example[] {
  const found: Example[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    let inExample = false;
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (/^\s*\*\s+@example/.test(line)) inExample = true;
      else if (/^\s*\*\s+@\w+/.test(line) || /\*\//.test(line)) inExample = false;
      else if (inExample) {
        const match = EXAMPLE_LINE.exec(line);
        if (match) found.push({ file, expression: match[1] as string, expected: match[2] as string });
      }
    }
  }
  return found;
}

function compare(actual: unknown, expected: unknown, where: string): void {
  if (typeof actual === "number" && typeof expected === "number") {
    expect(isClose(actual, expected, FLOAT64), `${where}: got ${actual}, expected ${expected}`).toBe(true);
  } else if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length, where).toBe(expected.length);
    actual.forEach((a, i) => compare(a, expected[i], `${where}[${i}]`));
  } else {
    expect(actual, where).toEqual(expected);
  }
}

/**
 * Declares one test per example of `dir`, plus one checking that every public module (every
 * `.ts` file but `index.ts` and `internalFiles`) has an example.
 */
export function describeDocExamples(
  title: string,
  dir: string,
  api: Record<string, unknown>,
  internalFiles: readonly string[],
): void {
  const scope: Record<string, unknown> = { ...api, Matrix };
  const names = Object.keys(scope);
  const evaluate = (source: string): unknown =>
    new Function(...names, `"use strict"; return (${source});`)(...names.map((n) => scope[n]));
  const all = examplesIn(dir);

  describe(title, () => {
    test("every public module has an example", () => {
      const publicFiles = readdirSync(dir).filter(
        (f) => f.endsWith(".ts") && f !== "index.ts" && !internalFiles.includes(f),
      );
      for (const file of publicFiles) expect(all.some((e) => e.file === file), `${file} has an @example`).toBe(true);
    });

    test.each(all.map((e) => [`${e.file}: ${e.expression} => ${e.expected}`, e] as const))("%s", (where, e) => {
      compare(evaluate(e.expression), evaluate(e.expected), where);
    });
  });
}
