/**
 * The check the bad-input tests share (`tests/reliability/badInput.test.ts` and its
 * `badInput.<area>.ts` modules; issue #8, item 4): a call with an invalid argument throws an
 * `Error` whose message names where it happened (the function, or the request field), the
 * argument, the offending value as the function prints it, and what was expected. Plus the
 * arbitraries of invalid values those tests draw from.
 */
import { fc } from "@fast-check/vitest";
import { expect } from "vitest";

/** What a rejection message must contain. */
export interface Rejection {
  /** The function (or prefix such as `TrainingRequest`) the message starts with or names. */
  readonly fn: string;
  /** The argument or field, e.g. `"classes"`, `"runs[0].weightDecay"`. */
  readonly arg: string;
  /** The offending value as the function prints it (see `shown`); omit when it is not printed. */
  readonly value?: string;
  /** The expectation; default `/expected/`. */
  readonly expected?: RegExp | string;
}

function checkMessage(error: unknown, r: Rejection): Error {
  expect(error, "the call must throw an Error").toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message, "names the function").toContain(r.fn);
  expect(message, "names the argument").toContain(r.arg);
  if (r.value !== undefined) expect(message, "shows the value received").toContain(r.value);
  const expected = r.expected ?? /expected/;
  if (typeof expected === "string") expect(message, "states the expectation").toContain(expected);
  else expect(message, "states the expectation").toMatch(expected);
  return error as Error;
}

/** Asserts that `call()` throws an Error naming `r.fn`, `r.arg`, `r.value` and the expectation. */
export function expectRejects(call: () => unknown, r: Rejection): Error {
  try {
    call();
  } catch (error) {
    return checkMessage(error, r);
  }
  throw new Error(`expected ${r.fn} to reject ${r.arg} = ${r.value ?? "(value)"}, but it returned`);
}

/** As `expectRejects`, for a call that returns a promise (which must reject). */
export async function expectRejectsAsync(call: () => Promise<unknown>, r: Rejection): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return checkMessage(error, r);
  }
  throw new Error(`expected ${r.fn} to reject ${r.arg} = ${r.value ?? "(value)"}, but it resolved`);
}

/** A number as `${value}` / `String(value)` prints it (what most messages show). */
export function shown(value: number): string {
  return String(value);
}

/** Escapes a string for use inside a `RegExp`. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** NaN, +Infinity or −Infinity. */
export const nonFinite: fc.Arbitrary<number> = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);

/** A finite number < 0 (never −0). */
export const negative: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.double({ min: -1e6, max: -1e-9, noNaN: true }),
);

/** A finite number that is not an integer. */
export const nonInteger: fc.Arbitrary<number> = fc
  .double({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true })
  .filter((x) => !Number.isInteger(x));

/**
 * Invalid values of a size that must be an integer ≥ `min`: integers below `min` (0 and
 * negatives), non-integers, and non-finite numbers.
 */
export function badInteger(min: number): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: min - 1000, max: min - 1 }), nonInteger, nonFinite);
}

/** Invalid values of a number that must be finite and > 0: zero, negatives, non-finite. */
export const badPositive: fc.Arbitrary<number> = fc.oneof(fc.constant(0), negative, nonFinite);

/** Invalid values of a number that must be finite and ≥ 0 (e.g. λ): negatives and non-finite. */
export const badNonNegative: fc.Arbitrary<number> = fc.oneof(negative, nonFinite);
