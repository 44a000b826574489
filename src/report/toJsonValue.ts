/**
 * Converts evidence (metrics, trajectories, decisions) to plain JSON that survives the trip into a
 * report attachment without silent loss.
 *
 * `JSON.stringify` alone turns `NaN`/`±Infinity` into `null` (a diverged run would read as a
 * missing value) and a `Float32Array` into `{"0": …, "1": …}`. Here:
 * - non-finite numbers become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`;
 * - typed arrays (`Float32Array`, `Float64Array`, `Int32Array`, …) become arrays;
 * - `bigint` becomes its decimal string; `Map` an object keyed by `String(key)`; `Set` an array;
 * - `Date` its ISO string; `Error` `{ name, message }`;
 * - a reference cycle becomes the string `"[Circular]"`;
 * - `undefined` and functions are dropped from objects (as `JSON.stringify` does) and become `null`
 *   in arrays.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function numberToJson(x: number): number | string {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return "NaN";
  return x > 0 ? "Infinity" : "-Infinity";
}

function convert(value: unknown, ancestors: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case "number":
      return numberToJson(value);
    case "string":
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      break;
  }
  if (value === null) return null;
  const obj = value as object;
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    return Array.from(obj as unknown as ArrayLike<number | bigint>, (x) =>
      typeof x === "bigint" ? x.toString() : numberToJson(x),
    );
  }
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
  if (obj instanceof Error) return { name: obj.name, message: obj.message };
  if (ancestors.has(obj)) return "[Circular]";
  ancestors.add(obj);
  try {
    if (Array.isArray(obj)) return obj.map((v) => convert(v, ancestors) ?? null);
    if (obj instanceof Set) return [...obj].map((v) => convert(v, ancestors) ?? null);
    const entries: Iterable<[unknown, unknown]> =
      obj instanceof Map ? obj.entries() : Object.entries(obj as Record<string, unknown>);
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of entries) {
      const converted = convert(v, ancestors);
      if (converted !== undefined) out[String(k)] = converted;
    }
    return out;
  } finally {
    ancestors.delete(obj);
  }
}

/**
 * Plain JSON value of `data` (see the module doc for the conversions).
 * @example toJsonValue({ loss: new Float32Array([1, NaN]) }) // { loss: [1, "NaN"] }
 */
export function toJsonValue(data: unknown): JsonValue {
  return convert(data, new Set()) ?? null;
}

/**
 * Pretty (2-space) JSON text of `data`, after `toJsonValue`.
 * @example toJsonText([Infinity]) // '[\n  "Infinity"\n]'
 */
export function toJsonText(data: unknown): string {
  return JSON.stringify(toJsonValue(data), null, 2);
}
