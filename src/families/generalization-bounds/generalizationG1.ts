/**
 * G1 for the CLI (no training): a few generated conv layers (the spec's `convCases`, drawn from the
 * configuration seed) materialised through TensorFlow.js's conv ops, the Toeplitz identity
 * ‖W_l‖_F = √d_l ‖w_l‖_F on them with valid padding and (the control) with zero padding, and the
 * identity on whole tree CNNs.
 */
import fc from "fast-check";
import {
  convCaseErrors,
  convCases,
  convFits,
  G1_NETWORK_TOLERANCE,
  G1_TREE_DEPTHS,
  samePadding,
  samePaddingError,
  treeNetworkIdentityError,
  type ConvCase,
  type ConvCaseErrors,
} from "./convIdentityCases.ts";
import { exactCheckDecision } from "../../stats/exactCheckDecision.ts";
import { TOLERANCE } from "../../tolerances.ts";
import type { MeasurementTable } from "../../cli/format.ts";
import type { RunDecision } from "../../cli/runnerTypes.ts";

/** Rows of each layer table printed (every case is in the export). */
const SHOWN = 12;

/** Draws per accepted case: a drawn layer may not fit its input, or (control) not be padded. */
const DRAWS_PER_CASE = 6;

export interface G1Result {
  readonly valid: ReadonlyArray<{ readonly layer: ConvCase; readonly errors: ConvCaseErrors }>;
  readonly same: ReadonlyArray<{ readonly layer: ConvCase; readonly identity: number; readonly positions: number; readonly validPositions: number }>;
  readonly networks: ReadonlyArray<{ readonly depth: number; readonly deviation: number }>;
}

/** Materialises `cases` valid-padding layers and `cases` zero-padded ones drawn from `seed`, and the tree CNNs. */
export async function runG1(seed: number, cases: number, progress: (done: number, total: number) => void): Promise<G1Result> {
  const drawn = fc.sample(convCases, { seed, numRuns: DRAWS_PER_CASE * cases }).filter(convFits);
  const validLayers = drawn.slice(0, cases);
  const paddedLayers = drawn.filter((c) => samePadding(c).some((p) => p > 0)).slice(0, cases);
  const total = validLayers.length + paddedLayers.length;
  const valid: Array<G1Result["valid"][number]> = [];
  for (const layer of validLayers) {
    valid.push({ layer, errors: await convCaseErrors(layer) });
    progress(valid.length, total);
  }
  const same: Array<G1Result["same"][number]> = [];
  for (const layer of paddedLayers) {
    same.push({ layer, ...(await samePaddingError(layer)) });
    progress(valid.length + same.length, total);
  }
  return { valid, same, networks: G1_TREE_DEPTHS.map((depth) => ({ depth, deviation: treeNetworkIdentityError(depth) })) };
}

const describeLayer = (c: ConvCase) =>
  c.dims === 1
    ? `1-D, length ${c.size[0]}, kernel ${c.kernel[0]}, stride ${c.stride[0]}, ${c.cIn}→${c.cOut} channels`
    : `2-D, ${c.size.join("×")}, kernel ${c.kernel.join("×")}, stride ${c.stride.join("×")}, ${c.cIn}→${c.cOut} channels`;

const exact = { relative: 0, absolute: 0 };
const tol = TOLERANCE.float32.relative;

export function g1Decisions(r: G1Result): { decisions: RunDecision[]; warnings: string[] } {
  const satisfied = r.same.filter((c) => !(c.identity > tol)).length;
  return {
    decisions: [
      {
        label: `G1 the suite's patch-table conv equals TF's operator (${r.valid.length} layers)`,
        expected: true,
        decision: exactCheckDecision(`‖ours − TF's‖_F/‖TF's‖_F < ${tol} (float32)`, r.valid.map((c) => ({ lhs: c.errors.patchTable, rhs: tol, where: describeLayer(c.layer) })), exact),
      },
      {
        label: `G1 Toeplitz identity ‖W‖²_F = d_l‖w‖²_F, valid padding (${r.valid.length} layers)`,
        expected: true,
        decision: exactCheckDecision(`|‖W‖²_F/(d_l‖w‖²_F) − 1| < ${tol} (float32)`, r.valid.map((c) => ({ lhs: c.errors.identity, rhs: tol, where: describeLayer(c.layer) })), exact),
      },
      {
        label: `G1 whole tree CNNs: ∏‖W_l‖_F = ρ·√∏d_l (depths ${G1_TREE_DEPTHS.join(", ")})`,
        expected: true,
        decision: exactCheckDecision(`∏‖W_l‖_F / (ρ√∏d_l) − 1 < ${G1_NETWORK_TOLERANCE}`, r.networks.map((n) => ({ lhs: n.deviation, rhs: G1_NETWORK_TOLERANCE, where: `depth ${n.depth}` })), exact),
      },
      {
        label: `G1 Toeplitz identity on the control (zero 'same' padding, ${r.same.length} layers)`,
        expected: false,
        decision: exactCheckDecision(`|‖W‖²_F/(d_l‖w‖²_F) − 1| < ${tol} with d_l the output positions`, r.same.map((c) => ({ lhs: c.identity, rhs: tol, where: describeLayer(c.layer) })), exact),
      },
    ],
    warnings: satisfied === 0 ? [] : [`${satisfied} of ${r.same.length} zero-padded layers satisfy the identity; the spec requires every one to violate it`],
  };
}

export function g1Tables(r: G1Result): MeasurementTable[] {
  const more = (n: number) => (n > SHOWN ? `; first ${SHOWN} of ${n} shown, all in the export` : "");
  return [
    {
      title: "G1: valid-padding conv layers materialised from tf.conv1d/tf.conv2d on the basis inputs",
      columns: ["layer", "d_l", "patch table vs TF", "|‖W‖²/(d_l‖w‖²) − 1|"],
      rows: r.valid.slice(0, SHOWN).map((c) => [describeLayer(c.layer), c.errors.positions, c.errors.patchTable, c.errors.identity]),
      note: `tolerance ${tol} (float32)${more(r.valid.length)}`,
    },
    {
      title: "G1 control: the same kind of layers with zero ('same') padding — border outputs hold truncated kernels",
      columns: ["layer", "output positions", "valid positions", "|‖W‖²/(d‖w‖²) − 1|"],
      rows: r.same.slice(0, SHOWN).map((c) => [describeLayer(c.layer), c.positions, c.validPositions, c.identity]),
      note: `every one must exceed ${tol}${more(r.same.length)}`,
    },
    {
      title: "G1 on whole tree CNNs (He-initialised): ∏‖W_l‖_F / (ρ·√∏d_l) − 1",
      columns: ["depth L", "deviation"],
      rows: r.networks.map((n) => [n.depth, n.deviation]),
    },
  ];
}
