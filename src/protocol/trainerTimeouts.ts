/**
 * The timeouts of a trainer process (`docs/trainer-protocol.md`, "Process"), in milliseconds:
 * `startMs` for the `hello` line after the start (env `THEOREM_SPEC_TRAINER_START_TIMEOUT`,
 * seconds, default 120) and `silenceMs` for silence during a request — every message restarts the
 * clock (env `THEOREM_SPEC_TRAINER_TIMEOUT`, seconds, default 600).
 */

export const START_TIMEOUT_ENV = "THEOREM_SPEC_TRAINER_START_TIMEOUT";
export const SILENCE_TIMEOUT_ENV = "THEOREM_SPEC_TRAINER_TIMEOUT";
export const DEFAULT_START_TIMEOUT_S = 120;
export const DEFAULT_SILENCE_TIMEOUT_S = 600;

export interface TrainerTimeouts {
  readonly startMs: number;
  readonly silenceMs: number;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback * 1000;
  const value = Number(raw);
  if (!(Number.isFinite(value) && value > 0)) {
    throw new Error(`${name}=${JSON.stringify(raw)}; expected a number of seconds > 0 (default ${fallback})`);
  }
  return value * 1000;
}

function milliseconds(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new Error(`processTrainer: ${name} = ${value}; expected a number of milliseconds > 0`);
  return value;
}

/**
 * The timeouts: the options when given (ms), else the environment (s), else the defaults.
 * @throws naming the variable or option, its value and what was expected.
 */
export function trainerTimeouts(options: { readonly startTimeoutMs?: number; readonly requestTimeoutMs?: number } = {}, env: NodeJS.ProcessEnv = process.env): TrainerTimeouts {
  return {
    startMs: options.startTimeoutMs === undefined ? seconds(env, START_TIMEOUT_ENV, DEFAULT_START_TIMEOUT_S) : milliseconds("startTimeoutMs", options.startTimeoutMs),
    silenceMs: options.requestTimeoutMs === undefined ? seconds(env, SILENCE_TIMEOUT_ENV, DEFAULT_SILENCE_TIMEOUT_S) : milliseconds("requestTimeoutMs", options.requestTimeoutMs),
  };
}
