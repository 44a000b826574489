/**
 * Whether Allure calls made now reach a test result.
 *
 * `allure-vitest/setup` installs its runtime as `globalThis.allureTestRuntime` before a test file's
 * tests run. Outside vitest (a script such as `scripts/verify.ts`, or a REPL) there is none: the
 * `allure-js-commons` facade then tries to import `allure-playwright/autoconfig`, falls back to a
 * no-op runtime and prints "no test runtime is found" on every call. It does not throw, but the
 * report helpers check this guard first so they stay silent no-ops outside a test.
 */

/** `true` inside a vitest worker whose setup installed the Allure runtime. */
export function allureActive(): boolean {
  const holder = globalThis as { allureTestRuntime?: unknown };
  return typeof holder.allureTestRuntime === "function";
}
