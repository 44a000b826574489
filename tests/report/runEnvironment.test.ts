import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/report/buildReport.ts";
import { expectedBackend, expectedTrainerEngine, gitCommit, nativeTensorflowInstalled, runEnvironment } from "../../src/report/runEnvironment.ts";
import { stripAnalytics } from "../../src/report/stripAnalytics.ts";

describe("expectedBackend", () => {
  it("is the forced backend, else tensorflow when the native binding is installed, else wasm", () => {
    expect(expectedBackend({ THEOREM_SPEC_BACKEND: "cpu" }, () => true)).toBe("cpu (forced by THEOREM_SPEC_BACKEND)");
    expect(expectedBackend({ THEOREM_SPEC_BACKEND: "gpu" }, () => true)).toBe("invalid THEOREM_SPEC_BACKEND=gpu");
    expect(expectedBackend({}, () => true)).toBe("tensorflow (tfjs-node)");
    expect(expectedBackend({ THEOREM_SPEC_BACKEND: "" }, () => false)).toBe("wasm");
  });
  it("finds no native binding from a file outside any node_modules tree", () => {
    expect(nativeTensorflowInstalled("/nonexistent/dir/file.js")).toBe(false);
  });
});

describe("gitCommit", () => {
  it("is a short hash in this repository and undefined outside one", () => {
    expect(gitCommit()).toMatch(/^[0-9a-f]{7,}(\+dirty)?$/);
    expect(gitCommit(os.tmpdir())).toBeUndefined();
  });

  it("is dirty when a tracked file changed, unless the change is under an ignored path", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "theorem-spec-git-"));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, stdio: "ignore" });
    await fs.mkdir(path.join(dir, "out"));
    await fs.writeFile(path.join(dir, "a.txt"), "a");
    await fs.writeFile(path.join(dir, "out", "b.txt"), "b");
    git("init", "-q");
    git("add", ".");
    git("commit", "-q", "-m", "init");
    const clean = gitCommit(dir);
    expect(clean).toMatch(/^[0-9a-f]{7,}$/);
    await fs.writeFile(path.join(dir, "out", "b.txt"), "b2");
    expect(gitCommit(dir)).toBe(`${clean}+dirty`);
    expect(gitCommit(dir, ["out"])).toBe(clean);
    expect(gitCommit(path.join(dir, "out"), ["out"])).toBe(clean);
    await fs.writeFile(path.join(dir, "a.txt"), "a2");
    expect(gitCommit(dir, ["out"])).toBe(`${clean}+dirty`);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe("expectedTrainerEngine", () => {
  it("is wasm-exact on wasm unless THEOREM_SPEC_ENGINE=fma, and TF.js ops on the other backends", () => {
    const noNative = () => false;
    expect(expectedTrainerEngine({}, noNative)).toBe("wasm-exact");
    expect(expectedTrainerEngine({ THEOREM_SPEC_ENGINE: "exact" }, noNative)).toBe("wasm-exact");
    expect(expectedTrainerEngine({ THEOREM_SPEC_ENGINE: "fma" }, noNative)).toBe("wasm-fma (THEOREM_SPEC_ENGINE=fma)");
    expect(expectedTrainerEngine({ THEOREM_SPEC_BACKEND: "cpu", THEOREM_SPEC_ENGINE: "fma" }, noNative)).toMatch(/^tfjs-ops/);
    expect(expectedTrainerEngine({}, () => true)).toMatch(/^tfjs-ops/);
  });
});

describe("runEnvironment", () => {
  it("has node, os, cpus, profile, seed, backend, trainer engine and commit", () => {
    const env = runEnvironment({ THEOREM_SPEC_PROFILE: "full", THEOREM_SPEC_SEED: "5" }, os.tmpdir());
    expect(Object.keys(env)).toEqual(["node", "os", "cpus", "profile", "base seed", "backend", "trainer engine", "commit"]);
    expect(env.profile).toBe("full");
    expect(env["base seed"]).toBe("5");
    expect(env.commit).toBe("unknown (not a git checkout)");
    expect(runEnvironment({}, os.tmpdir())).toMatchObject({ profile: "ci", "base seed": "20230024 (default)" });
  });
});

describe("stripAnalytics", () => {
  const snippet =
    '\n    <script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>\n    <script>\n        window.dataLayer = window.dataLayer || [];\n        function gtag(){dataLayer.push(arguments);}\n        gtag(\'js\', new Date());\n    </script>';
  it("removes the gtag loader and its inline configuration, and nothing else", () => {
    const page = `<body><div id="app"></div>${snippet}\n<script>window.x = 1;</script></body>`;
    const { html, removed } = stripAnalytics(page);
    expect(html).toBe('<body><div id="app"></div>\n<script>window.x = 1;</script></body>');
    expect(removed).toBe(snippet.length);
    expect(html).not.toMatch(/googletagmanager|dataLayer/);
  });
  it("leaves a page without the snippet alone", () => {
    expect(stripAnalytics("<p>hi</p>")).toEqual({ html: "<p>hi</p>", removed: 0 });
  });
});

describe("formatBytes", () => {
  it("uses decimal units", () => {
    expect(formatBytes(932)).toBe("932 B");
    expect(formatBytes(1_450_000)).toBe("1.4 MB");
    expect(formatBytes(45_000)).toBe("45 kB");
  });
});
