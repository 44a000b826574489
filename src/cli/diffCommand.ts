/**
 * `npx theorem-spec diff --trainer <trainer>`: the differential mode (`src/diff/runTrainerDiff.ts`).
 * Trains the canonical runs of `fixtures/baselines` with the reference and with the external
 * trainer in aligned mode and prints, per family, the relative gap of weights and loss over the
 * steps; exit code 1 when the first steps disagree beyond the float32 tolerance.
 */
import { CANONICAL_RUNS } from "../baselines/canonicalRuns.ts";
import { EARLY_STEPS } from "../diff/diffSteps.ts";
import { runTrainerDiff, type FamilyDiff } from "../diff/runTrainerDiff.ts";
import { closeProcessTrainers, isProcessTrainer, resolveTrainerSpec } from "../implementation/activeImplementation.ts";
import type { Trainer } from "../train/types.ts";
import { formatNumber, formatTable, progressBar } from "./format.ts";
import type { CliIo } from "./io.ts";
import { formatOptions, numberOption, parseArgs, stringOption, UsageError, type OptionSpec } from "./options.ts";

export const DIFF_SUMMARY = "train the canonical runs with the reference and another trainer, step for step (aligned mode); print the gap";

const FAMILIES = CANONICAL_RUNS.map((c) => c.family);

export const DIFF_OPTIONS: readonly OptionSpec[] = [
  { name: "trainer", kind: "string", placeholder: "<trainer>", description: "the trainer under test: cmd:<command line>, pytorch, or a Trainer module path (required)" },
  { name: "family", kind: "list", choices: FAMILIES, placeholder: "<family,…>", description: "only these families", defaultText: "all" },
  { name: "steps", kind: "int", min: 1, placeholder: "<n>", description: "train each request for at most n steps", defaultText: "its own number of steps" },
  { name: "json", kind: "flag", description: "print the comparison as JSON (every compared step)" },
];

export const DIFF_EXAMPLES = [
  { command: "npx theorem-spec diff --trainer pytorch", description: "the shipped PyTorch adapter against the reference, every family", quick: false },
  { command: "npx theorem-spec diff --trainer 'cmd:/usr/bin/python3 my_trainer.py' --family duality --steps 100", description: "your own trainer process, one family, the first 100 steps", quick: false },
];

/** `diff --help`. */
export function diffHelp(): string {
  return [
    "Usage: npx theorem-spec diff --trainer <trainer> [options]",
    "",
    DIFF_SUMMARY,
    "",
    `Both trainers start from the same initial weights and take the same minibatches (protocol mode "aligned").`,
    `In the first ${EARLY_STEPS} steps they must agree to float32 rounding: the relative weight gap of every layer`,
    "stays below τ(t), derived from float32 arithmetic (docs/differential-mode.md). After that the",
    "gap may grow — SGD amplifies rounding differences — and its growth is printed, not judged.",
    "Exit code 1 when a family's first steps disagree (or a run diverges on one side only), 2 for a wrong command line.",
    "",
    "Options:",
    ...formatOptions(DIFF_OPTIONS),
    "",
    "Examples:",
    ...DIFF_EXAMPLES.flatMap((e) => [`  ${e.command}`, `      ${e.description}`]),
  ].join("\n");
}

/** The per-family table `diff` prints. */
export function formatDiffTable(results: readonly FamilyDiff[], trainerName: string): string[] {
  const rows = results.map((d) => [
    d.family,
    d.runs,
    `${formatNumber(d.earlyGap.median)} (τ ${formatNumber(d.earlyGap.tolerance)})`,
    `${formatNumber(d.worstEarly.ratio)} at step ${d.worstEarly.step}`,
    d.agrees ? "agree" : "DISAGREE",
    d.final.step,
    `${formatNumber(d.final.medianGap)} (max ${formatNumber(d.final.maxGap)})`,
    formatNumber(d.final.medianLossGap),
    formatNumber(d.growthDecadesPer1000Steps),
  ]);
  const lines = formatTable({
    title: `${trainerName} against the reference trainer (aligned mode)`,
    columns: ["family", "runs", `gap at step ${EARLY_STEPS} (median)`, "worst gap/τ, first steps", "first steps", "last step", "gap there (median)", "loss gap", "growth (decades/1000 steps)"],
    rows,
    note: "gap = ‖W_ext − W_ref‖_F / ‖W_ref‖_F, the largest over layers, median over runs; loss gap = |L_ext − L_ref| / L_ref at the last step.",
  });
  for (const d of results) for (const p of d.problems) lines.push(`  ${d.family}: ${p}`);
  return lines;
}

/**
 * Runs `diff`. `makeTrainer` resolves `--trainer` (default: `resolveTrainerSpec` in aligned mode);
 * tests pass their own.
 */
export async function diffCommand(
  argv: readonly string[],
  io: CliIo,
  makeTrainer: (value: string) => Promise<Trainer> = (value) => resolveTrainerSpec(value, { mode: "aligned" }),
): Promise<number> {
  const args = parseArgs("diff", argv, DIFF_OPTIONS);
  if (args.help) {
    io.out(diffHelp());
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`diff: unexpected argument ${JSON.stringify(args.positionals[0])}; name the trainer with --trainer <trainer>`, "diff");
  const value = stringOption(args.options, "trainer");
  if (value === undefined) throw new UsageError("diff: --trainer is required (cmd:<command line>, pytorch, or a Trainer module path)", "diff");
  const families = args.options.family as readonly string[] | undefined;
  const maxSteps = args.options.steps === undefined ? undefined : numberOption(args.options, "steps", 0);
  const trainer = await makeTrainer(value);
  try {
    const name = isProcessTrainer(trainer) ? `${(await trainer.hello()).name}` : trainer.name;
    const results = await runTrainerDiff({
      external: trainer,
      ...(families === undefined ? {} : { families }),
      ...(maxSteps === undefined ? {} : { maxSteps }),
      progress: (label, done, total) => io.status(progressBar(total === 0 ? 1 : done / total, label)),
    });
    io.status(undefined);
    if (args.options.json === true) io.out(JSON.stringify({ trainer: name, earlySteps: EARLY_STEPS, families: results }, null, 2));
    else formatDiffTable(results, name).forEach((l) => io.out(l));
    if (isProcessTrainer(trainer)) {
      const s = trainer.stats();
      io.err(`diff: ${s.requests} requests to ${name}: ${s.wallSeconds.toFixed(1)} s, of which ${s.trainSeconds.toFixed(1)} s training (${(100 * (1 - s.trainSeconds / Math.max(s.wallSeconds, 1e-9))).toFixed(0)} % outside training)`);
    }
    return results.every((d) => d.agrees) ? 0 : 1;
  } finally {
    await closeProcessTrainers();
  }
}
