import { describe, expect, it } from "vitest";
import { evenlySpaced, formatNumber, formatTable, plainText, progressBar, wrap } from "../../src/cli/format.ts";

describe("formatNumber", () => {
  it("keeps integers, rounds to 4 significant digits, switches to exponents outside [1e-3, 1e5)", () => {
    expect(formatNumber(3864123456)).toBe("3864123456");
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(0.000123456)).toBe("1.235e-4");
    expect(formatNumber(123456.7)).toBe("1.235e5");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("−∞");
    expect(formatNumber(Infinity)).toBe("∞");
  });
});

describe("formatTable", () => {
  it("aligns text left and numeric columns right, with the title and note", () => {
    const lines = formatTable({ title: "T", columns: ["arm", "value"], rows: [["λ > 0", 0.5], ["frozen", 12]], note: "n" });
    expect(lines).toEqual(["T", "arm     value", "──────  ─────", "λ > 0     0.5", "frozen     12", "n"]);
  });
});

describe("wrap and plainText", () => {
  it("wraps at the column limit with an indent", () => {
    expect(wrap("aa bb cc dd", 5, "> ")).toEqual(["> aa bb", "> cc dd"]);
  });
  it("drops Markdown emphasis and code-span quotes but keeps a star inside code", () => {
    expect(plainText("*Single scale*: minimised at `ρ* = a/b`")).toBe("Single scale: minimised at ρ* = a/b");
  });
});

describe("progressBar", () => {
  it("draws the fraction done, clamped to [0, 1]", () => {
    expect(progressBar(0.5, "training", 10)).toBe("[#####.....]  50 %  training");
    expect(progressBar(2, "x", 4)).toBe("[####] 100 %  x");
    expect(progressBar(Number.NaN, "x", 4)).toBe("[....]   0 %  x");
  });
});

describe("evenlySpaced", () => {
  it("picks points evenly spaced in step, first and last included, without repeats", () => {
    expect(evenlySpaced([0, 100, 200, 290, 300], 3)).toEqual([0, 1, 4]);
    expect(evenlySpaced([0, 10, 20], 5)).toEqual([0, 1, 2]);
    const dense = [0, 100, 200, ...Array.from({ length: 101 }, (_, i) => 300 + i)];
    expect(evenlySpaced(dense, 5).map((k) => dense[k])).toEqual([0, 100, 200, 300, 400]);
  });
});
