/**
 * Command line of `npm run verify` (`scripts/verify.ts`).
 */
import type { ProfileName } from "../profile.ts";

export interface VerifyArgs {
  /** Profile the claim specs run with: `--profile`, else `THEOREM_SPEC_PROFILE`, else `full`. */
  readonly profile: ProfileName;
  /** Further arguments passed to `vitest run` (e.g. a spec file to run alone). */
  readonly vitestArgs: readonly string[];
  /** `--help` was given. */
  readonly help: boolean;
  /**
   * The trainer under test (`--trainer`, else `THEOREM_SPEC_TRAINER`): a Trainer module path,
   * `cmd:<command line>` (a trainer-protocol process) or `pytorch`; absent = the reference.
   */
  readonly trainer?: string;
}

export const VERIFY_USAGE = `usage: npm run verify -- [--profile ci|full] [--trainer <trainer>] [vitest args…]

Runs the claim specs (vitest project "claims"), writes the single-file Allure report to
allure-report/index.html, and prints one verdict per statement of every claim of the catalogue
(held, not reproduced, inconclusive, not specified).
  --profile ci|full   run profile (default: $THEOREM_SPEC_PROFILE, else full)
  --trainer <t>       the implementation under test: pytorch (adapters/pytorch/), cmd:<command line>
                      (any program speaking docs/trainer-protocol.md) or a Trainer module path
                      (default: $THEOREM_SPEC_TRAINER, else the reference trainer)
  vitest args         passed on to \`vitest run --project claims\`, e.g. specs/nc.spec.ts
Exit code 1 when a verdict differs from the one the catalogue expects (src/claims/statements.ts).`;

function asProfile(raw: string, from: string): ProfileName {
  if (raw !== "ci" && raw !== "full") {
    throw new Error(`verify: ${from} ${JSON.stringify(raw)} is not a profile; expected "ci" or "full"`);
  }
  return raw;
}

/**
 * Parses `argv` (without node and script) against the environment `env`.
 * @example parseVerifyArgs(["--profile", "ci"], {}).profile // "ci"
 * @throws Error for an unknown profile or a `--profile` without value.
 */
export function parseVerifyArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): VerifyArgs {
  let profile: ProfileName | undefined;
  let help = false;
  let trainer: string | undefined;
  const vitestArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--profile") {
      const value = argv[i + 1];
      if (value === undefined) throw new Error('verify: --profile needs a value, "ci" or "full"');
      profile = asProfile(value, "--profile");
      i += 1;
    } else if (arg.startsWith("--profile=")) profile = asProfile(arg.slice("--profile=".length), "--profile");
    else if (arg === "--trainer") {
      const value = argv[i + 1];
      if (value === undefined || value.trim() === "") throw new Error("verify: --trainer needs a value: pytorch, cmd:<command line> or a Trainer module path");
      trainer = value.trim();
      i += 1;
    } else if (arg.startsWith("--trainer=")) {
      trainer = arg.slice("--trainer=".length).trim();
      if (trainer === "") throw new Error("verify: --trainer needs a value: pytorch, cmd:<command line> or a Trainer module path");
    }
    else vitestArgs.push(arg);
  }
  const fromEnv = env.THEOREM_SPEC_PROFILE;
  profile ??= fromEnv === undefined || fromEnv === "" ? "full" : asProfile(fromEnv, "THEOREM_SPEC_PROFILE");
  const trainerEnv = env.THEOREM_SPEC_TRAINER?.trim();
  trainer ??= trainerEnv === undefined || trainerEnv === "" ? undefined : trainerEnv;
  return { profile, vitestArgs, help, ...(trainer === undefined ? {} : { trainer }) };
}
