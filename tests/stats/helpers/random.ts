/**
 * Seeded randomness for the Monte-Carlo tests: mulberry32 (a 32-bit state PRNG, period 2^32) and
 * Box–Muller standard normals. Same seed → same stream, so every calibration count is reproducible.
 */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  gaussian(): number;
  /** n independent N(mean, sd²) draws. */
  normals(n: number, mean?: number, sd?: number): number[];
}

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const gaussian = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = 1 - uniform(); // (0, 1]: ln u1 finite
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
  const normals = (n: number, mean = 0, sd = 1): number[] => Array.from({ length: n }, () => mean + sd * gaussian());
  return { uniform, gaussian, normals };
}
