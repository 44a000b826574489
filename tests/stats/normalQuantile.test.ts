/** Standard normal quantile (AS 241): scipy references, antisymmetry, monotonicity. */
import { describe, expect } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { normalQuantile } from "../../src/stats/index.ts";
import { activeProfile } from "../../src/profile.ts";
import { expectClose } from "./helpers/tolerances.ts";

const numRuns = activeProfile().exactRuns;
/** AS 241 is accurate to about 1e-16 relative; allow a few ulps of the rational evaluation. */
const AS241_RELATIVE = 1e-15;

/** scipy 1.17.1 `scipy.stats.norm.ppf(p)`. */
const SCIPY_PPF: Array<[p: number, z: number]> = [
  [1e-300, -37.0470962993612],
  [1e-20, -9.262340089798409],
  [1e-10, -6.361340902404056],
  [0.001, -3.090232306167813],
  [0.025, -1.9599639845400545],
  [0.3, -0.5244005127080409],
  [0.5, 0],
  [0.8, 0.8416212335729143],
  [0.975, 1.959963984540054],
  [0.999999, 4.753424308817087],
];

describe("normalQuantile", () => {
  test.each(SCIPY_PPF)("Φ⁻¹(%s) = %s (scipy)", (p, z) => {
    expectClose(normalQuantile(p), z, { relative: AS241_RELATIVE }, `Φ⁻¹(${p})`);
  });

  test("z_{0.95} = 1.644854 (normal table)", () => {
    expect(normalQuantile(0.95).toFixed(6)).toBe("1.644854");
  });

  test.prop([fc.double({ min: 1e-15, max: 0.5, noNaN: true })], { numRuns })(
    "antisymmetry Φ⁻¹(1 − p) = −Φ⁻¹(p) for exact complements, and monotone",
    (p) => {
      const upper = 1 - p;
      expectClose(normalQuantile(upper), -normalQuantile(1 - upper), { relative: AS241_RELATIVE, absolute: 1e-15 }, `p = ${p}`);
      if (p < 0.49) expect(normalQuantile(p)).toBeLessThan(normalQuantile(p + 0.01));
    },
  );
});
