/**
 * The implementation the claims run against. By default the library's own trainer
 * (`sgdTrainer()`) and metrics; two environment variables change it for a whole run:
 *
 * - `THEOREM_SPEC_TRAINER=<module>` — your own trainer: a JavaScript/TypeScript module (path
 *   relative to the working directory) whose `createTrainer()` export, or default export, returns
 *   a `Trainer` (`src/train/types.ts`). Every claim spec then trains through it:
 *   `THEOREM_SPEC_TRAINER=./my-trainer.ts npm run test:claims`.
 * - `THEOREM_SPEC_TRAINER=cmd:<command line>` — a program in any language speaking the trainer
 *   protocol (`docs/trainer-protocol.md`), run as one long-lived process (`processTrainer`);
 *   `THEOREM_SPEC_TRAINER=pytorch` — the shipped PyTorch adapter (`adapters/pytorch/trainer.py`),
 *   run by the first of `python3`, `/usr/bin/python3` that imports torch. The mode asked for is
 *   `THEOREM_SPEC_TRAINER_MODE` (free | aligned, default free).
 * - `THEOREM_SPEC_MUTANT=<id>` — one of the deliberate defects of `mutants.ts` (wrapping the
 *   trainer above, or replacing a metric), for the reliability kill matrix.
 *
 * Experiments take their trainer from `activeTrainer()` and the swappable metrics from
 * `activeMetrics()` unless a caller passes its own.
 */
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { processTrainer, type ProcessTrainer } from "../protocol/processTrainer.ts";
import type { TrainerMode } from "../protocol/protocolMessages.ts";
import { trainerMode } from "../protocol/trainerMode.ts";
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

/** What a `THEOREM_SPEC_TRAINER` (or `--trainer`) value names. */
export type TrainerSpec =
  | { readonly kind: "module"; readonly path: string }
  | { readonly kind: "command"; readonly command: string }
  | { readonly kind: "pytorch" };

/** `cmd:<command line>` → a protocol command, `pytorch` → the shipped adapter, anything else → a module path. */
export function parseTrainerSpec(value: string): TrainerSpec {
  const v = value.trim();
  if (v === "pytorch") return { kind: "pytorch" };
  if (v.startsWith("cmd:")) {
    const command = v.slice(4).trim();
    if (command === "") throw new Error(`${TRAINER_ENV}=${JSON.stringify(value)} has an empty command; expected cmd:<command line>, e.g. cmd:/usr/bin/python3 my_trainer.py`);
    return { kind: "command", command };
  }
  return { kind: "module", path: v };
}

/** The shipped PyTorch adapter (absolute path, so it runs from any working directory). */
export const PYTORCH_ADAPTER = resolve(dirname(fileURLToPath(import.meta.url)), "../../adapters/pytorch/trainer.py");

/** Where `pytorch` looks for a Python with torch, in order. */
export const PYTHON_CANDIDATES: readonly string[] = ["python3", "/usr/bin/python3"];

const torchPythons = new Map<string, string | null>();

/**
 * The first of `candidates` that can `import torch` (probed once per candidate list).
 * @throws "no python3 with torch found …" naming the candidates and the fix.
 */
export function pythonWithTorch(candidates: readonly string[] = PYTHON_CANDIDATES): string {
  const key = candidates.join("\0");
  if (!torchPythons.has(key)) {
    torchPythons.set(key, candidates.find((python) => spawnSync(python, ["-c", "import torch, numpy"], { stdio: "ignore", timeout: 120_000 }).status === 0) ?? null);
  }
  const python = torchPythons.get(key);
  if (python === null || python === undefined) {
    throw new Error(`${TRAINER_ENV}=pytorch: no python3 with torch found (tried ${candidates.join(", ")}); apt-get install python3-torch python3-numpy`);
  }
  return python;
}

/** A word for `/bin/sh`, single-quoted. */
function shellQuote(word: string): string {
  return /^[\w./=:-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line of the shipped PyTorch adapter. */
export function pytorchCommand(candidates?: readonly string[]): string {
  return `${shellQuote(pythonWithTorch(candidates))} ${shellQuote(PYTORCH_ADAPTER)}`;
}

const resolved = new Map<string, Promise<Trainer>>();
/** The process trainers among `resolved`, by the same key. */
const processTrainers = new Map<string, ProcessTrainer>();

/** True for a trainer made by `processTrainer` (it has `hello` and `close`). */
export function isProcessTrainer(trainer: Trainer): trainer is ProcessTrainer {
  const t = trainer as Partial<ProcessTrainer>;
  return typeof t.hello === "function" && typeof t.close === "function" && typeof t.stats === "function";
}

/**
 * The trainer a `THEOREM_SPEC_TRAINER` / `--trainer` value names (`parseTrainerSpec`): a module's
 * trainer, or a `processTrainer` for `cmd:…` and `pytorch` (started on its first request). One per
 * value and mode per process (cached); `closeProcessTrainers()` ends the processes.
 * @param options.mode the protocol mode (default `THEOREM_SPEC_TRAINER_MODE`, else free); ignored for modules.
 */
export function resolveTrainerSpec(value: string, options: { readonly mode?: TrainerMode } = {}): Promise<Trainer> {
  const spec = parseTrainerSpec(value);
  const mode = spec.kind === "module" ? undefined : trainerMode(options.mode);
  const key = `${mode ?? "module"}\0${value.trim()}`;
  if (!resolved.has(key)) {
    const made = (async (): Promise<Trainer> => {
      if (spec.kind === "module") return loadTrainerModule(spec.path);
      const trainer = processTrainer({ command: spec.kind === "pytorch" ? pytorchCommand() : spec.command, mode });
      processTrainers.set(key, trainer);
      return trainer;
    })();
    resolved.set(key, made);
    made.catch(() => resolved.delete(key));
  }
  return resolved.get(key)!;
}

/** Shuts down every process trainer made by `resolveTrainerSpec` (they also end with this process). */
export async function closeProcessTrainers(): Promise<void> {
  const all = [...processTrainers];
  processTrainers.clear();
  for (const [key] of all) resolved.delete(key);
  await Promise.all(all.map(([, trainer]) => trainer.close()));
}

/** The trainer under test: `THEOREM_SPEC_TRAINER`'s, else `sgdTrainer()`, wrapped by a trainer mutant when one is active. */
export async function activeTrainer(): Promise<Trainer> {
  const value = envValue(TRAINER_ENV);
  const base = value === undefined ? sgdTrainer() : await resolveTrainerSpec(value);
  const mutant = activeMutant();
  return mutant?.wrapTrainer === undefined ? base : mutant.wrapTrainer(base);
}

/** The metrics under test: the reference, or a metric mutant's suite. */
export function activeMetrics(): MetricSuite {
  return activeMutant()?.metrics ?? REFERENCE_METRICS;
}

/**
 * One line for reports: which trainer and mutant (if any) this run uses — "reference trainer
 * (sgdTrainer)", "trainer from <module>", or for a protocol trainer its hello name, the mode and
 * the value ("pytorch 1.13.0 (cpu, 1 thread), free mode, via pytorch"; starting it if needed). A
 * trainer that cannot start is described, not thrown.
 */
/** `implementationDescription()` of the default: the library's trainer and metrics. */
export const REFERENCE_IMPLEMENTATION = "reference trainer (sgdTrainer), reference metrics";

export async function implementationDescription(): Promise<string> {
  const value = envValue(TRAINER_ENV);
  const mutant = activeMutant();
  let trainer: string;
  if (value === undefined) trainer = "reference trainer (sgdTrainer)";
  else if (parseTrainerSpec(value).kind === "module") trainer = `trainer from ${value}`;
  else {
    try {
      const base = await resolveTrainerSpec(value);
      const process = base as ProcessTrainer;
      trainer = `${(await process.hello()).name}, ${process.mode} mode, via ${value}`;
    } catch (error) {
      const message = (error as Error).message;
      trainer = `trainer ${value} (not available: ${message.length > 300 ? `${message.slice(0, 300)}…` : message})`;
    }
  }
  return mutant === undefined ? `${trainer}, reference metrics` : `${trainer}, MUTANT ${mutant.id} (${mutant.name})`;
}
