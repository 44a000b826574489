/** The generic per-run table and export record the trained families share. */
import { describe, expect, it } from "vitest";
import { exportRun } from "../../src/cli/exportRun.ts";
import { runsTable, yesNo } from "../../src/cli/runsTable.ts";

const ok = { seed: 3, status: "ok", trajectory: [{ loss: 0.5, accuracy: 0.5 }, { loss: 0.01, accuracy: 1 }] };
const diverged = { seed: 4, status: "diverged", reason: "loss NaN at step 7", trajectory: [] as Array<{ loss: number; accuracy: number }> };

describe("runsTable", () => {
  it("prints arm, index, seed, status, final loss and accuracy, then the declared columns", () => {
    const t = runsTable({
      title: "Runs",
      arms: [["λ > 0", [ok, diverged]], ["λ = 0", [ok]]],
      final: (r) => r.trajectory.at(-1),
      columns: [["fits", (r) => yesNo(r.trajectory.at(-1)?.accuracy === 1)]],
      note: "n",
    });
    expect(t.columns).toEqual(["arm", "#", "seed", "status", "final loss", "accuracy", "fits"]);
    expect(t.rows).toEqual([
      ["λ > 0", 0, 3, "ok", 0.01, 1, "yes"],
      ["λ > 0", 1, 4, "diverged: loss NaN at step 7", Number.NaN, Number.NaN, "no"],
      ["λ = 0", 0, 3, "ok", 0.01, 1, "yes"],
    ]);
    expect(t.note).toBe("n");
  });

  it("flags finished runs by `ok` and hands each column the index of the run's arm", () => {
    const t = runsTable({ title: "", arms: [["a", [ok]], ["b", [ok, diverged]]], final: () => undefined, ok: () => "ok, under-fit", columns: [["arm index", (_, a) => a]], note: "" });
    expect(t.rows.map((r) => [r[3], r[6]])).toEqual([["ok, under-fit", 0], ["ok, under-fit", 1], ["diverged: loss NaN at step 7", 1]]);
  });
});

describe("exportRun", () => {
  it("writes seed, status, the reason only when there is one, the fields, and an uncaptured run's empty data", () => {
    expect(exportRun(ok, { weightDecay: 0.1 }, undefined, [], "ends")).toEqual({ seed: 3, status: "ok", weightDecay: 0.1, data: undefined, snapshots: [] });
    expect(exportRun(diverged, {}, undefined, [], "all")).toMatchObject({ seed: 4, status: "diverged", reason: "loss NaN at step 7" });
    expect(Object.keys(exportRun(ok, {}, undefined, [], "ends"))).not.toContain("reason");
  });
});
