/**
 * Entry point of `npx theorem-spec` (started by bin/theorem-spec.mjs under tsx): the CLI of
 * `cli.ts` on this process's arguments, stdout and stderr.
 */
import { runCli } from "./cli.ts";
import { consoleIo } from "./io.ts";

// `npx theorem-spec list | head`: the reader left; stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), consoleIo());
