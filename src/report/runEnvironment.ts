/**
 * What the report's Environment section shows: Node, OS, CPUs, profile, backend and commit.
 *
 * It is computed when vitest loads its config (`vitest.config.ts`), so it must stay cheap: no
 * TensorFlow.js import. The backend shown is the one `src/backend.ts` *will* pick — the forced
 * `THEOREM_SPEC_BACKEND`, else `tensorflow` when `@tensorflow/tfjs-node` installed with its native
 * binding, else `wasm` — and every claim result records the backend that actually ran as its
 * parameter `backend` (`reportParameters`); the claims overview lists those.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SEED } from "../profile.ts";
import { requestedWasmEngine } from "../train/engine.ts";

const BACKENDS = ["tensorflow", "wasm", "cpu"] as const;

/**
 * The short commit hash of `cwd`'s repository (`git rev-parse --short HEAD`), with `+dirty`
 * appended when tracked files differ from it — other than `ignore` (paths relative to the
 * repository root, e.g. the files a measurement itself writes); `undefined` without git or
 * outside a repository.
 * @example gitCommit() // "5b2320a" or "5b2320a+dirty"
 */
export function gitCommit(cwd: string = process.cwd(), ignore: readonly string[] = []): string | undefined {
  const git = (args: string[]) =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5_000 }).trim();
  try {
    const head = git(["rev-parse", "--short", "HEAD"]);
    if (head === "") return undefined;
    let dirty = false;
    try {
      const excluded = ignore.map((p) => `:(top,exclude)${p}`);
      dirty = git(["status", "--porcelain", "--untracked-files=no", ...(excluded.length > 0 ? ["--", ":(top)", ...excluded] : [])]) !== "";
    } catch {
      // status is informative only
    }
    return dirty ? `${head}+dirty` : head;
  } catch {
    return undefined;
  }
}

/** `true` when `@tensorflow/tfjs-node` resolves from `fromFile` and its native binding is on disk. */
export function nativeTensorflowInstalled(fromFile: string = fileURLToPath(import.meta.url)): boolean {
  try {
    const entry = createRequire(fromFile).resolve("@tensorflow/tfjs-node");
    // <pkg>/dist/index.js → <pkg>/lib/napi-v*/tfjs_binding.node
    const lib = path.join(path.dirname(entry), "..", "lib");
    return fs.readdirSync(lib).some((d) => fs.existsSync(path.join(lib, d, "tfjs_binding.node")));
  } catch {
    return false;
  }
}

/**
 * The backend `initBackend()` is expected to select, without loading TensorFlow.js.
 * @example expectedBackend({ THEOREM_SPEC_BACKEND: "cpu" }) // "cpu"
 */
export function expectedBackend(
  env: Readonly<Record<string, string | undefined>> = process.env,
  nativeInstalled: () => boolean = nativeTensorflowInstalled,
): string {
  const forced = env.THEOREM_SPEC_BACKEND;
  if (forced !== undefined && forced !== "") {
    return (BACKENDS as readonly string[]).includes(forced) ? `${forced} (forced by THEOREM_SPEC_BACKEND)` : `invalid THEOREM_SPEC_BACKEND=${forced}`;
  }
  return nativeInstalled() ? "tensorflow (tfjs-node)" : "wasm";
}

/**
 * The trainer engine the run's wasm steps will use (`requestedWasmEngine` of `src/train/engine.ts`,
 * the choice `defaultWasmEngine` makes): `wasm-exact` by default, `wasm-fma` when
 * `THEOREM_SPEC_ENGINE=fma`; on the other backends every step is TF.js ops. The engine is part of
 * the numbers' identity (the regression baselines compare exactly only on the engine that recorded them).
 * @example expectedTrainerEngine({ THEOREM_SPEC_ENGINE: "fma" }, () => false) // "wasm-fma (THEOREM_SPEC_ENGINE=fma)"
 */
export function expectedTrainerEngine(
  env: Readonly<Record<string, string | undefined>> = process.env,
  nativeInstalled: () => boolean = nativeTensorflowInstalled,
): string {
  if (!expectedBackend(env, nativeInstalled).startsWith("wasm")) return "tfjs-ops (every step as TF.js ops)";
  const engine = requestedWasmEngine(env);
  return engine === "wasm-fma" ? `${engine} (THEOREM_SPEC_ENGINE=fma)` : engine;
}

/**
 * The key → value pairs of the report's Environment section (allure-vitest's `environmentInfo`,
 * written to `environment.properties`).
 * @example runEnvironment({ THEOREM_SPEC_PROFILE: "full" }).profile // "full"
 */
export function runEnvironment(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Record<string, string> {
  return {
    node: process.version,
    os: `${os.platform()} ${os.release()}`,
    cpus: String(os.cpus().length),
    profile: env.THEOREM_SPEC_PROFILE ?? "ci",
    "base seed": env.THEOREM_SPEC_SEED ?? `${DEFAULT_SEED} (default)`,
    backend: expectedBackend(env),
    "trainer engine": expectedTrainerEngine(env),
    commit: gitCommit(cwd) ?? "unknown (not a git checkout)",
  };
}
