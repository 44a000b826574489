/**
 * The scaffolding of a claim spec's `it`, written once: `checkConfigurations` runs a check on every
 * generated configuration and reports what the check measured; `assertDecision` attaches a
 * decision and asserts it. A spec's `it` then reads as the claim: label, check each configuration,
 * decide.
 */
import type fc from "fast-check";
import { expect } from "vitest";
import { attachDecision, reportKeyMeasurement, reportParameters, type DecisionLike } from "../report/index.ts";
import { forAllConfigurations, type ConfigurationCheckOptions } from "./forAllConfigurations.ts";

export interface ClaimCheckOptions<T> extends ConfigurationCheckOptions {
  /** The configuration as a flat record: reported for the first configuration checked, after `configurations: <count>`. */
  readonly describe?: (config: T) => Readonly<Record<string, string | number | boolean>>;
}

/**
 * `check` on every configuration of `arbitrary` (`forAllConfigurations`: the profile's number of
 * runs, the replay command in a failure); each check may return its key measurement (or several).
 * Then, in this order: the first configuration's parameters (`reportParameters`, with `describe`)
 * and the key measurements of all configurations joined by " | " (`reportKeyMeasurement`, when
 * there is one). Resolves with the configurations checked.
 */
export async function checkConfigurations<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (config: T) => Promise<string | readonly string[] | void>,
  options: ClaimCheckOptions<T> = {},
): Promise<T[]> {
  const keys: string[] = [];
  const configs = await forAllConfigurations(
    arbitrary,
    async (config) => {
      const key = await check(config);
      if (key !== undefined) keys.push(...(typeof key === "string" ? [key] : key));
    },
    options,
  );
  if (options.describe !== undefined) await reportParameters({ configurations: configs.length, ...options.describe(configs[0]!) });
  if (keys.length > 0) await reportKeyMeasurement(keys.join(" | "));
  return configs;
}

/**
 * Attaches `decision` under `label` (`attachDecision`) and asserts it: a prediction
 * (`expected: true`, the default) must hold; a control (`expected: false`) must be decidable and fail.
 */
export async function assertDecision(label: string, decision: DecisionLike, options: { readonly expected?: boolean } = {}): Promise<void> {
  await attachDecision(label, decision, options);
  if (options.expected === false) {
    expect(decision.inconclusive, "the control run must be decidable").toBeUndefined();
    expect(decision.holds, `control must fail the check: ${decision.summary}`).toBe(false);
  } else {
    expect(decision.holds, decision.summary).toBe(true);
  }
}

/**
 * `runs` when every one is `inside` the regime a prediction assumes; otherwise the prediction is
 * undecidable on this configuration: throws "inconclusive: k of n <outsideWhat>: seed s: <why(r)>; …".
 */
export function requireAll<R extends { readonly seed: number }>(
  runs: readonly R[],
  inside: (run: R) => boolean,
  outsideWhat: string,
  why: (run: R) => string | undefined,
): readonly R[] {
  const outside = runs.filter((r) => !inside(r));
  if (outside.length > 0) {
    throw new Error(`inconclusive: ${outside.length} of ${runs.length} ${outsideWhat}: ${outside.map((r) => `seed ${r.seed}: ${why(r)}`).join("; ")}`);
  }
  return runs;
}
