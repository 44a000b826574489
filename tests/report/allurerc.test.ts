/**
 * The Allure config (allurerc.mjs, plain JavaScript) names the label conventions of
 * src/report/conventions.ts by value; these tests keep the two in step and check that its
 * categories sort claim results into verdicts.
 */
import { describe, expect, it } from "vitest";
import config, { categories } from "../../allurerc.mjs";
import { CLAIM_LABEL, CONTROL_TAG, FINDING_TAG } from "../../src/report/conventions.ts";
import { NOT_SPECIFIED_TAG } from "../../src/report/overview.ts";

type Matching = { status: string; labels: Array<{ name: string; value: string }> };
type Rule = { id: string; matchers: (d: Matching) => boolean };

function categoryOf(d: Matching): string | undefined {
  return (categories as Rule[]).find((c) => c.matchers(d))?.id;
}

const claim = (status: string, ...tags: string[]): Matching => ({
  status,
  labels: [{ name: CLAIM_LABEL, value: "NC1" }, ...tags.map((value) => ({ name: "tag", value }))],
});

describe("allurerc.mjs", () => {
  it("sorts claim results by the verdict they contribute to (the vocabulary of verify)", () => {
    expect(categoryOf(claim("failed"))).toBe("claim-failed");
    expect(categoryOf(claim("failed", CONTROL_TAG))).toBe("control-failed");
    expect(categoryOf(claim("broken"))).toBe("claim-inconclusive");
    expect(categoryOf(claim("skipped", NOT_SPECIFIED_TAG))).toBe("claim-not-specified");
    expect(categoryOf(claim("passed", FINDING_TAG))).toBe("finding-passed");
    expect(categoryOf(claim("failed", FINDING_TAG))).toBe("finding-failed");
    expect(categoryOf(claim("passed"))).toBe("claim-passed");
    expect(categoryOf(claim("passed", CONTROL_TAG))).toBe("claim-passed");
  });

  it("leaves results without a claim label to Allure's default categories", () => {
    expect(categoryOf({ status: "failed", labels: [] })).toBeUndefined();
    expect(categoryOf({ status: "passed", labels: [{ name: "tag", value: CONTROL_TAG }] })).toBeUndefined();
  });

  it("writes one file, offline, grouped by family and claim", () => {
    const awesome = (config.plugins as Record<string, { options: Record<string, unknown> }>).awesome!.options;
    expect(awesome.singleFile).toBe(true);
    expect(awesome.groupBy).toEqual(["feature", "story"]);
    expect(config.categories).toBe(categories);
  });
});
