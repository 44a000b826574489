/**
 * The snapshot steps of a differential run: every step of the first `early` (where the two
 * trainers must agree to float32 rounding), then 20, 50, 100, 200, 500, … (where the growth of the
 * gap is measured), and the last step.
 *
 * @example diffSteps(300) // => [0, 1, …, 10, 20, 50, 100, 200, 300]
 */
export const EARLY_STEPS = 10;

export function diffSteps(steps: number, early: number = EARLY_STEPS): number[] {
  if (!Number.isSafeInteger(steps) || steps < 1) throw new Error(`diffSteps: steps = ${steps}; expected an integer ≥ 1`);
  if (!Number.isSafeInteger(early) || early < 1) throw new Error(`diffSteps: early = ${early}; expected an integer ≥ 1`);
  const out = new Set<number>();
  for (let t = 0; t <= Math.min(early, steps); t++) out.add(t);
  for (let decade = 10; decade <= steps; decade *= 10) {
    for (const m of [2, 5, 10]) if (m * decade <= steps) out.add(m * decade);
  }
  out.add(steps);
  return [...out].sort((a, b) => a - b);
}
