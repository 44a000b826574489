import { describe, expect, it } from "vitest";
import { toJsonText, toJsonValue } from "../../src/report/toJsonValue.ts";

describe("toJsonValue", () => {
  it("turns typed arrays into arrays", () => {
    expect(toJsonValue(new Float32Array([1, 0.5]))).toEqual([1, 0.5]);
    expect(toJsonValue({ w: new Float64Array([2, -3]), i: new Int32Array([7]) })).toEqual({ w: [2, -3], i: [7] });
  });

  it("keeps non-finite numbers as strings, in plain and typed arrays", () => {
    expect(toJsonValue([NaN, Infinity, -Infinity, 1])).toEqual(["NaN", "Infinity", "-Infinity", 1]);
    expect(toJsonValue(new Float32Array([NaN, Infinity]))).toEqual(["NaN", "Infinity"]);
    expect(toJsonValue({ loss: NaN })).toEqual({ loss: "NaN" });
  });

  it("converts bigint, Map, Set, Date and Error", () => {
    expect(
      toJsonValue({
        b: 12n,
        m: new Map<unknown, unknown>([[1, "a"], ["k", NaN]]),
        s: new Set([1, 2]),
        d: new Date(Date.UTC(2023, 0, 24)),
        e: new RangeError("bad"),
      }),
    ).toEqual({
      b: "12",
      m: { "1": "a", k: "NaN" },
      s: [1, 2],
      d: "2023-01-24T00:00:00.000Z",
      e: { name: "RangeError", message: "bad" },
    });
  });

  it("drops undefined and functions from objects, and nulls them in arrays, as JSON.stringify does", () => {
    expect(toJsonValue({ a: undefined, f: () => 1, x: 1 })).toEqual({ x: 1 });
    expect(toJsonValue([undefined, 1])).toEqual([null, 1]);
  });

  it("marks reference cycles but keeps shared, acyclic references", () => {
    const shared = { v: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    expect(toJsonValue(cyclic)).toEqual({ shared: { v: 1 }, again: { v: 1 }, self: "[Circular]" });
  });

  it("writes pretty JSON that parses back to the converted value", () => {
    const data = { nc1: new Float32Array([0.5, NaN]), seed: 3 };
    const text = toJsonText(data);
    expect(text).toContain('\n  "nc1": [');
    expect(JSON.parse(text)).toEqual({ nc1: [0.5, "NaN"], seed: 3 });
  });
});
