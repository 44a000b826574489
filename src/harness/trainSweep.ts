/**
 * The plumbing of a sweep experiment (low-rank bias, intrinsic SGD noise): arms of levels, each a
 * training setting, trained as few requests as possible and handed back per arm.
 *
 * - `jobs`: one per (arm, level), in the order the arms should list them; two jobs with the same
 *   `key(setting)` share one training (e.g. the base λ of the λ arm and of the η arm).
 * - `group(setting)`: settings of one group go into one training request (same batch size, steps,
 *   normalisation); groups are trained in the order their first setting appears.
 * - `train(settings)`: trains one group and returns its runs flat, setting by setting, the same
 *   number of runs (seeds) per setting.
 *
 * Returns every arm of `armNames` (empty when no job asks for it) with its `{ level, runs }` in job
 * order.
 * @example const arms = await trainSweep(["lambda", "noWd"], jobs, { key, group, train });
 *          arms.lambda.map((a) => a.level); // the λ grid
 */
export interface SweepJob<Arm extends string, Setting> {
  readonly arm: Arm;
  readonly level: number;
  readonly setting: Setting;
}

export interface SweepPlan<Setting, Run> {
  /** Identity of a training setting: jobs with equal keys are trained once. */
  key(setting: Setting): string;
  /** Settings with equal groups are trained in one request. */
  group(setting: Setting): string;
  /** Trains one group; runs flat, setting by setting, equally many per setting. */
  train(settings: Setting[]): Promise<Run[]>;
}

export type SweepArms<Arm extends string, Run> = Record<Arm, Array<{ level: number; runs: Run[] }>>;

export async function trainSweep<Arm extends string, Setting, Run>(
  armNames: readonly Arm[],
  jobs: readonly SweepJob<Arm, Setting>[],
  plan: SweepPlan<Setting, Run>,
): Promise<SweepArms<Arm, Run>> {
  const unique = [...new Map(jobs.map((j) => [plan.key(j.setting), j.setting])).values()];
  const groups = new Map<string, Setting[]>();
  for (const s of unique) {
    const g = plan.group(s);
    groups.set(g, [...(groups.get(g) ?? []), s]);
  }
  const trained = new Map<string, Run[]>();
  for (const settings of groups.values()) {
    const runs = await plan.train(settings);
    if (runs.length % settings.length !== 0) {
      throw new Error(`trainSweep: train returned ${runs.length} runs for ${settings.length} settings; expected a multiple of ${settings.length} (equally many per setting)`);
    }
    const per = runs.length / settings.length;
    settings.forEach((s, i) => trained.set(plan.key(s), runs.slice(i * per, (i + 1) * per)));
  }
  const arms = Object.fromEntries(armNames.map((a) => [a, []])) as unknown as SweepArms<Arm, Run>;
  for (const j of jobs) arms[j.arm].push({ level: j.level, runs: trained.get(plan.key(j.setting))! });
  return arms;
}
