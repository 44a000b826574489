/**
 * The implementation the claims run against. By default the library's own trainer
 * (`sgdTrainer()`) and metrics; two environment variables change it for a whole run:
 *
 * - `THEOREM_SPEC_TRAINER=<module>` — your own trainer: a JavaScript/TypeScript module (path
 *   relative to the working directory) whose `createTrainer()` export, or default export, returns
 *   a `Trainer` (`src/train/types.ts`). Every claim spec then trains through it:
 *   `THEOREM_SPEC_TRAINER=./my-trainer.ts npm run test:claims`.
 * - `THEOREM_SPEC_MUTANT=<id>` — one of the deliberate defects of `mutants.ts` (wrapping the
 *   trainer above, or replacing a metric), for the reliability kill matrix.
 *
 * Experiments take their trainer from `activeTrainer()` and the swappable metrics from
 * `activeMetrics()` unless a caller passes its own.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { sgdTrainer } from "../train/sgdTrainer.ts";
import type { Trainer } from "../train/types.ts";
import { REFERENCE_METRICS, type MetricSuite } from "./metricSuite.ts";
import { mutantById, type Mutant } from "./mutants.ts";

export const TRAINER_ENV = "THEOREM_SPEC_TRAINER";
export const MUTANT_ENV = "THEOREM_SPEC_MUTANT";

function envValue(name: string): string | undefined {
  const raw = process.env[name];
  return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
}

/** The mutant selected by `THEOREM_SPEC_MUTANT`, if any (throws on an unknown id). */
export function activeMutant(): Mutant | undefined {
  const id = envValue(MUTANT_ENV);
  return id === undefined ? undefined : mutantById(id);
}

function isTrainer(value: unknown): value is Trainer {
  return typeof value === "object" && value !== null && typeof (value as Trainer).train === "function" && typeof (value as Trainer).name === "string";
}

/**
 * Loads a user trainer module: `createTrainer()` or the default export (a `Trainer`, or a function
 * returning one).
 * @throws naming the module and what was expected.
 */
export async function loadTrainerModule(path: string): Promise<Trainer> {
  const url = pathToFileURL(resolve(path)).href;
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${TRAINER_ENV}=${JSON.stringify(path)} could not be imported (${(error as Error).message}); expected a module path relative to ${process.cwd()}`);
  }
  const exported = module.createTrainer ?? module.default;
  const trainer = typeof exported === "function" ? await (exported as () => unknown)() : exported;
  if (!isTrainer(trainer)) {
    throw new Error(`${TRAINER_ENV}=${JSON.stringify(path)} exports no trainer; expected \`export function createTrainer(): Trainer\` (or a default export) returning { name, train(request) }`);
  }
  return trainer;
}

const loaded = new Map<string, Promise<Trainer>>();

/** The trainer under test: `THEOREM_SPEC_TRAINER`'s, else `sgdTrainer()`, wrapped by a trainer mutant when one is active. */
export async function activeTrainer(): Promise<Trainer> {
  const path = envValue(TRAINER_ENV);
  let base: Trainer;
  if (path === undefined) {
    base = sgdTrainer();
  } else {
    if (!loaded.has(path)) loaded.set(path, loadTrainerModule(path));
    base = await loaded.get(path)!;
  }
  const mutant = activeMutant();
  return mutant?.wrapTrainer === undefined ? base : mutant.wrapTrainer(base);
}

/** The metrics under test: the reference, or a metric mutant's suite. */
export function activeMetrics(): MetricSuite {
  return activeMutant()?.metrics ?? REFERENCE_METRICS;
}

/** One line for reports: which trainer module and mutant (if any) this run uses. */
export function implementationDescription(): string {
  const path = envValue(TRAINER_ENV);
  const mutant = activeMutant();
  const trainer = path === undefined ? "reference trainer (sgdTrainer)" : `trainer from ${path}`;
  return mutant === undefined ? `${trainer}, reference metrics` : `${trainer}, MUTANT ${mutant.id} (${mutant.name})`;
}
