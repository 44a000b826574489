#!/usr/bin/env node
// `npx theorem-spec …` inside this repository: runs src/cli/main.ts under tsx (a dependency), in a
// child Node process that shares this terminal; exits with its exit code (or re-raises its signal).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const main = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "cli", "main.ts");
const tsxLoader = require.resolve("tsx"); // the ESM loader; `node --import <it>` runs .ts files

const child = spawn(process.execPath, ["--import", pathToFileURL(tsxLoader).href, main, ...process.argv.slice(2)], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`theorem-spec: could not start Node with tsx: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal !== null) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
