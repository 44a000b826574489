import { describe, expect, it } from "vitest";
import { parameterOptions, parameterValues, type ParameterSet } from "../../src/cli/parameters.ts";
import { formatOptions } from "../../src/cli/options.ts";

const PARAMS = {
  classes: { option: "classes", kind: "int", min: 2, max: 20, value: 3, placeholder: "<C>", description: "classes C" },
  learningRate: { option: "lr", kind: "number", min: 1e-9, placeholder: "<η>", description: "learning rate η", defaultText: "by depth" },
} as const satisfies ParameterSet;

describe("parameters: one object per configuration parameter, read by the spec and the CLI", () => {
  it("gives the CLI options in declaration order, the default shown as the value unless defaultText says otherwise", () => {
    expect(parameterOptions(PARAMS)).toEqual([
      { name: "classes", kind: "int", min: 2, max: 20, placeholder: "<C>", description: "classes C", defaultText: "3" },
      { name: "lr", kind: "number", min: 1e-9, placeholder: "<η>", description: "learning rate η", defaultText: "by depth" },
    ]);
    expect(formatOptions(parameterOptions(PARAMS))).toEqual(["  --classes <C>  classes C (default: 3)", "  --lr <η>       learning rate η (default: by depth)"]);
  });

  it("maps options to values: the option, else the fallback, else the parameter's value", () => {
    expect(parameterValues(PARAMS, {}, { learningRate: 0.5 })).toEqual({ classes: 3, learningRate: 0.5 });
    expect(parameterValues(PARAMS, { classes: 5, lr: 0.1 }, { classes: 4, learningRate: 0.5 })).toEqual({ classes: 5, learningRate: 0.1 });
    expect(() => parameterValues(PARAMS, {})).toThrow(/learningRate \(--lr\) has no default/);
  });

  it("takes grids of levels (numbers): the default shown joined by commas, the option's levels when given", () => {
    const GRID = { levels: { option: "lambdas", kind: "numbers", min: 0, value: [0.01, 0.02], placeholder: "<λ,λ,…>", description: "λ levels" } } as const satisfies ParameterSet;
    expect(parameterOptions(GRID)[0]).toMatchObject({ name: "lambdas", kind: "numbers", defaultText: "0.01,0.02" });
    expect(parameterValues(GRID, {}).levels).toEqual([0.01, 0.02]);
    expect(parameterValues(GRID, { lambdas: [0.5] }).levels).toEqual([0.5]);
    expect(parameterOptions({ ...GRID, ...PARAMS }, ["classes", "levels"]).map((o) => o.name)).toEqual(["classes", "lambdas"]);
  });
});
