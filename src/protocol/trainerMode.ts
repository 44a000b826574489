import { TRAINER_MODES, type TrainerMode } from "./protocolMessages.ts";

export const MODE_ENV = "THEOREM_SPEC_TRAINER_MODE";

/**
 * The mode a process trainer is asked for: `mode` when given, else `THEOREM_SPEC_TRAINER_MODE`,
 * else "free" (`docs/trainer-protocol.md`, "Modes").
 * @throws naming the option or variable, its value and the accepted values.
 */
export function trainerMode(mode?: string, env: NodeJS.ProcessEnv = process.env): TrainerMode {
  const raw = env[MODE_ENV]?.trim();
  const [value, source] = mode !== undefined ? [mode, "processTrainer: mode"] : raw === undefined || raw === "" ? ["free", ""] : [raw, MODE_ENV];
  if (!(TRAINER_MODES as readonly string[]).includes(value)) {
    throw new Error(`${source} = ${JSON.stringify(value)}; expected "free" or "aligned"`);
  }
  return value as TrainerMode;
}
