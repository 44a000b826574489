/**
 * Parses one stdout line of a trainer process into a protocol message (`protocolMessages.ts`),
 * checking the fields the client relies on — the hand-written counterpart of
 * `docs/trainer-protocol.schema.json` for the trainer's messages, with messages that quote the
 * line, name the field and say what was expected. The runs of a `result` are checked one by one
 * later (`readResultRuns.ts`), since a bad run affects only that run.
 */
import { TRAINER_MODES, type TrainerMessage } from "./protocolMessages.ts";

const TYPES = ["hello", "progress", "result", "error"] as const;

/** A line for an error message: at most 200 characters, JSON-quoted. */
export function quoteLine(line: string): string {
  return JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
}

function fieldError(line: string, type: string, field: string, value: unknown, expected: string): Error {
  const shown = value === undefined ? "missing" : `${JSON.stringify(value)?.slice(0, 100)}`;
  return new Error(`line ${quoteLine(line)}: the "${type}" message's ${field} is ${shown}; expected ${expected}`);
}

/**
 * @throws when the line is not a JSON object, has no known `type`, or a field the client uses is
 *   missing or of the wrong kind (hello: protocol, name, modes; progress: id, done, total; result:
 *   id, mode, runs array, optional timing; error: id, message).
 */
export function parseTrainerLine(line: string): TrainerMessage {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`line ${quoteLine(line)} is not JSON; expected one protocol message (a JSON object) per line on stdout, logs on stderr`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`line ${quoteLine(line)} is not a JSON object; expected a protocol message {"type": …}`);
  }
  const m = value as Record<string, unknown>;
  const bad = (field: string, expected: string): Error => fieldError(line, String(m.type), field, m[field], expected);
  const requireString = (field: string): void => {
    if (typeof m[field] !== "string" || m[field] === "") throw bad(field, "a non-empty string");
  };
  const type = m.type;
  if (typeof type !== "string" || !(TYPES as readonly string[]).includes(type)) {
    throw new Error(`line ${quoteLine(line)} has type ${JSON.stringify(type) ?? "missing"}; expected one of ${TYPES.map((t) => `"${t}"`).join(", ")}`);
  }
  switch (type) {
    case "hello":
      if (!Number.isInteger(m.protocol)) throw bad("protocol", "an integer (1)");
      requireString("name");
      if (!Array.isArray(m.modes) || m.modes.length === 0 || m.modes.some((x) => !(TRAINER_MODES as readonly unknown[]).includes(x))) {
        throw bad("modes", `a non-empty array of ${TRAINER_MODES.map((x) => `"${x}"`).join(", ")}`);
      }
      break;
    case "progress":
      requireString("id");
      for (const f of ["done", "total"]) if (typeof m[f] !== "number" || !Number.isFinite(m[f])) throw bad(f, "a finite number");
      break;
    case "result":
      requireString("id");
      if (!(TRAINER_MODES as readonly unknown[]).includes(m.mode)) throw bad("mode", `"free" or "aligned"`);
      if (!Array.isArray(m.runs)) throw bad("runs", "an array with one entry per request run");
      if (m.timing !== undefined) {
        const timing = m.timing as Record<string, unknown> | null;
        if (timing === null || typeof timing !== "object" || (timing.trainSeconds !== undefined && !(typeof timing.trainSeconds === "number" && timing.trainSeconds >= 0))) {
          throw bad("timing", "{ trainSeconds?: a number ≥ 0 }");
        }
      }
      break;
    case "error":
      requireString("id");
      if (typeof m.message !== "string") throw bad("message", "a string");
      break;
  }
  return m as unknown as TrainerMessage;
}
