import { describe, expect, it } from "vitest";
import { inlineDataScripts } from "../../src/report/inlineScripts.ts";
import {
  EVIDENCE_NOTE,
  evidenceKind,
  MAX_ARRAY_ENTRIES,
  minifySvg,
  summariseDecision,
  summariseEvidence,
  thinIndices,
} from "../../src/report/summariseEvidence.ts";

describe("thinIndices", () => {
  it("keeps every index of a short array, evenly spaced ones with first and last of a long one", () => {
    expect(thinIndices(3, 5)).toEqual([0, 1, 2]);
    expect(thinIndices(10, 4)).toEqual([0, 3, 6, 9]);
    const idx = thinIndices(1000, 24);
    expect(idx).toHaveLength(24);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(999);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });
});

describe("summariseEvidence", () => {
  it("thins long arrays (nested too), rounds numbers and says so", () => {
    const out = summariseEvidence({ loss: Array.from({ length: 500 }, (_, i) => i / 3), runs: [{ trace: new Float32Array(300) }] }) as Record<string, unknown>;
    expect((out.loss as number[]).length).toBe(MAX_ARRAY_ENTRIES);
    expect((out.loss as number[])[1]).toBe(Number((Math.round((1 * 499) / (MAX_ARRAY_ENTRIES - 1)) / 3).toPrecision(4)));
    expect(((out.runs as Array<{ trace: number[] }>)[0]!.trace).length).toBe(MAX_ARRAY_ENTRIES);
    expect(out._summarised).toBe(EVIDENCE_NOTE);
  });

  it("leaves short data whole (numbers rounded, non-finite kept as text), and wraps a thinned top-level array", () => {
    expect(summariseEvidence({ a: [1, 2, Number.NaN], b: 0.123456789 })).toEqual({ a: [1, 2, "NaN"], b: 0.1235 });
    const wrapped = summariseEvidence(Array.from({ length: 100 }, () => 1)) as { _summarised: string; data: number[] };
    expect(wrapped._summarised).toBe(EVIDENCE_NOTE);
    expect(wrapped.data).toHaveLength(MAX_ARRAY_ENTRIES);
    expect(summariseEvidence({ x: Array.from({ length: 100 }, () => 1) }, 8)).toMatchObject({ x: Array(8).fill(1) });
  });

  it("keeps a small decision whole and thins only the values of a large one", () => {
    const small = { holds: true, rule: "r", estimate: 0.123456789, values: [1, 2, 3] };
    expect(summariseDecision(small)).toEqual(small);
    const large = summariseDecision({ holds: true, rule: "r", estimate: -1.5, interval: [Number.NEGATIVE_INFINITY, -1.2], values: Array.from({ length: 3000 }, (_, i) => i) }) as Record<string, unknown>;
    expect((large.values as number[]).length).toBe(64);
    expect(large.interval).toEqual(["-Infinity", -1.2]);
    expect(large.estimate).toBe(-1.5);
  });
});

describe("evidenceKind", () => {
  it("drops the configuration seed from an evidence name", () => {
    expect(evidenceKind("NC1 over training (config seed 12)")).toBe("NC1 over training");
    expect(evidenceKind("R1 along training, config seed -5")).toBe("R1 along training");
    expect(evidenceKind("test error, tree teacher")).toBe("test error, tree teacher");
  });
});

describe("minifySvg", () => {
  it("drops accessibility and class attributes, rounds geometry, keeps text", () => {
    const svg =
      '<svg><g class="mark" role="graphics-object" aria-roledescription="x"><path d="M1.6345,2.34567L10.5,3" opacity="1"/>' +
      '<text transform="translate(3.7,4.2)" font-family="sans-serif" font-size="10px" fill="#000">0.0123</text><text font-size="13px" fill="#000">T</text></g></svg>';
    expect(minifySvg(svg)).toBe(
      '<svg font-family="sans-serif" font-size="10px"><g><path d="M2,2L11,3"/><text transform="translate(4,4)">0.0123</text><text font-size="13px">T</text></g></svg>',
    );
  });
});

describe("inlineDataScripts", () => {
  it("inlines a base64 data: script, escaping what would end or confuse the element", () => {
    const js = 'var a = "</script>"; var re = /<!--/;';
    const html = `<head></head><body><script   src="data:text/javascript;base64,${Buffer.from(js).toString("base64")}"></script></body>`;
    const out = inlineDataScripts(html);
    expect(out.inlined).toBe(1);
    expect(out.html).toBe('<head></head><body><script>var a = "<\\/script>"; var re = /<\\x21--/;</script></body>');
    // the escapes denote the same text in JavaScript
    expect(new Function('return ["<\\/script>", /<\\x21--/.test("<!--")]')()).toEqual(["</script>", true]);
    expect(inlineDataScripts("<script src=\"app.js\"></script>").inlined).toBe(0);
  });
});
