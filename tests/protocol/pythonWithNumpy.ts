/**
 * The first Python of `/usr/bin/python3` (Debian's, with numpy and torch) and `python3` on the
 * PATH that can `import numpy`, for the cross-checks with real numpy; undefined when none can.
 */
import { spawnSync } from "node:child_process";

export const PYTHON_CANDIDATES = ["/usr/bin/python3", "python3"] as const;

let found: string | null | undefined;

export function pythonWithNumpy(): string | undefined {
  if (found === undefined) {
    found = PYTHON_CANDIDATES.find((python) => spawnSync(python, ["-c", "import numpy"], { stdio: "ignore", timeout: 60_000 }).status === 0) ?? null;
  }
  return found ?? undefined;
}
