/**
 * The vitest configuration of batched streams (src/reliability/streamVitestConfig.ts): the
 * repository's configuration, plus the coalescing set-up file for the claim specs only when a
 * coalescing socket is named, and the Allure results elsewhere only when asked.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import base from "../../vitest.config.ts";

type Project = { test: { name: string; setupFiles: string[] } };
const projects = (config: unknown) => (config as { test: { projects: Project[] } }).test.projects;
const reporters = (config: unknown) => (config as { test: { reporters: unknown[] } }).test.reporters;

async function load(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return (await import("../../src/reliability/streamVitestConfig.ts")).default;
}

describe("streamVitestConfig", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is vitest.config.ts itself without a socket or results directory", async () => {
    const config = await load({ THEOREM_SPEC_COALESCE_SOCKET: "", THEOREM_SPEC_ALLURE_RESULTS: "" });
    expect(projects(config)).toEqual(projects(base));
    expect(reporters(config)).toEqual(reporters(base));
  });

  it("with a socket: the claim specs (only they) get the coalescing set-up file, after the usual ones", async () => {
    const config = await load({ THEOREM_SPEC_COALESCE_SOCKET: "/tmp/x.sock", THEOREM_SPEC_ALLURE_RESULTS: "/tmp/results" });
    for (const p of projects(config)) {
      const before = projects(base).find((q) => q.test.name === p.test.name)!;
      if (p.test.name === "claims") expect(p.test.setupFiles).toEqual([...before.test.setupFiles, expect.stringMatching(/src\/reliability\/batchedStreamSetup\.ts$/)]);
      else expect(p.test.setupFiles).toEqual(before.test.setupFiles);
    }
    expect(JSON.stringify(reporters(config))).toContain('"resultsDir":"/tmp/results"');
  });
});
