/**
 * The JSON Schema of the trainer protocol (`docs/trainer-protocol.schema.json`) compiled with ajv
 * (draft 2020-12), for the tests: `schemaErrors(message)` lists why a message does not conform
 * (empty when it does); `schemaErrors(message, "train")` checks against one message's definition.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";

export const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), "../../docs/trainer-protocol.schema.json");
export const SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as { $id: string; $defs: Record<string, unknown> };

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(SCHEMA);

export type MessageType = "hello" | "train" | "progress" | "result" | "error" | "shutdown";

export function schemaErrors(message: unknown, type?: MessageType): string[] {
  const validate = ajv.getSchema(type === undefined ? SCHEMA.$id : `${SCHEMA.$id}#/$defs/${type}`)!;
  if (validate(message)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
