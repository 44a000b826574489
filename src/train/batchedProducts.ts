/**
 * One batched matrix product `c_s = op(a_s) op(b_s)` for s < S, run by the SIMD product kernel of
 * `trainer.wat` (the wasm backend's generic `BatchMatMul` loop, bit for bit: `blockedMatMul.ts`),
 * in whatever wasm memory holds the operands — the backend's (`blockedMatMul`) or the trainer's own
 * (`wasmSteps.ts`).
 *
 * The kernel reads b and writes c in rows of whole 4-float vectors; when b's rows are not
 * contiguous or c's width is not a multiple of 4, they go through scratch (`scratchFloats`) — unless
 * the transposed product cᵀ = op(b)ᵀ op(a)ᵀ needs no packing (c narrow, a stored transposed: a
 * weight gradient δᵀ X with 2 columns), which is then computed into scratch and transposed out.
 * Each element is the same chain either way: c(i, j) = Σ_k a(i, k) b(k, j) in the order of k, and
 * the products b(k, j) a(i, k) of the transposed form are the same float32 products.
 */
import type { TrainerWasm } from "./trainerWasm.ts";

/** Per-run shapes and strides of a product (float32 elements). */
export interface ProductGeometry {
  readonly rows: number;
  readonly shared: number;
  readonly cols: number;
  /** Element strides of a(i, k) and b(k, j). */
  readonly aRow: number;
  readonly aCol: number;
  readonly bRow: number;
  readonly bCol: number;
  /** Stored sizes of one run's a and b. */
  readonly aSize: number;
  readonly bSize: number;
  /** c's columns in 4-float vectors, and padded to them. */
  readonly vectors: number;
  readonly padded: number;
  /** b is copied to contiguous padded rows; c is written padded then copied out. */
  readonly packB: boolean;
  readonly packC: boolean;
  /** Scratch the product needs per run, in floats (`batchedProducts` takes runs times as much). */
  readonly scratchFloats: number;
  /** Where set, the product is computed as cᵀ = op(b)ᵀ op(a)ᵀ by this geometry (no packing), then transposed. */
  readonly viaTranspose?: ProductGeometry;
}

/**
 * The geometry of `op(a) op(b)` for a stored `[a1, a2]`, b stored `[b1, b2]` per run.
 * @example productGeometry([16, 64], false, [32, 64], true).cols // 32
 */
export function productGeometry(aShape: readonly [number, number], transposeA: boolean, bShape: readonly [number, number], transposeB: boolean): ProductGeometry {
  const [a1, a2] = aShape;
  const [b1, b2] = bShape;
  const rows = transposeA ? a2 : a1;
  const shared = transposeA ? a1 : a2;
  const cols = transposeB ? b1 : b2;
  const [aRow, aCol] = transposeA ? [1, a2] : [a2, 1];
  const [bRow, bCol] = transposeB ? [1, b2] : [b2, 1];
  const vectors = Math.ceil(cols / 4);
  const padded = 4 * vectors;
  const packB = bCol !== 1 || padded !== cols;
  const packC = padded !== cols;
  const scratchFloats = (packB ? shared * padded : 0) + (packC ? rows * padded : 0);
  const direct = { rows, shared, cols, aRow, aCol, bRow, bCol, aSize: a1 * a2, bSize: b1 * b2, vectors, padded, packB, packC, scratchFloats };
  if (!packC || aRow !== 1 || rows % 4 !== 0) return direct;
  const transposed = productGeometry(bShape, !transposeB, aShape, !transposeA);
  if (transposed.packB || transposed.packC) return direct;
  return { ...direct, scratchFloats: rows * cols, viaTranspose: transposed };
}

/**
 * The most bytes of packed right operands packed for all runs before one product call (half of a
 * 32 KB L1 data cache); larger ones are packed and multiplied one run at a time (the claim MLP's
 * 64 × 64 Wᵀ: 16 KB a run, 0.8× when packed for 10 runs at once).
 */
const PACKED_RUNS_BYTES = 16_384;

/**
 * The element-wise pass a product's store can do on its result still in registers (`product` in
 * `trainer.wat`): `relu` also writes relu(c) at c + delta bytes (a hidden layer's z and h);
 * `reluGradient` writes c · step(z) instead of c, z at c + delta bytes (δ of the layer below).
 */
export interface ProductEpilogue {
  readonly kind: "relu" | "reluGradient";
  /** Bytes from an element of c to the element it pairs with (h or z), the same for every run. */
  readonly delta: number;
}

/** Whether the product stores c itself, row by row (no packed result, no transpose): its epilogue can then be fused. */
export function storesDirectly(g: ProductGeometry): boolean {
  return !g.packC && g.viaTranspose === undefined;
}

/**
 * Runs the product for every run: operands at byte addresses `a`, `b` (runs consecutive), result
 * at `c` ([S, rows, cols]), scratch of `runs · g.scratchFloats` floats at `scratch`; with an epilogue
 * (only where `storesDirectly(g)`) the result passes through it.
 */
export function batchedProducts(mm: Pick<TrainerWasm, "product" | "copy" | "transpose">, g: ProductGeometry, runs: number, a: number, b: number, c: number, scratch: number, epilogue?: ProductEpilogue): void {
  const { rows, shared, cols, aRow, aCol, bRow, bCol, vectors, padded, packB, packC, viaTranspose: t } = g;
  const kind = epilogue === undefined ? 0 : epilogue.kind === "relu" ? 1 : 2;
  const delta = epilogue?.delta ?? 0;
  if (kind !== 0 && !storesDirectly(g)) throw new Error(`batchedProducts: an epilogue needs a result stored directly (${rows} × ${cols}, packed or transposed here)`);
  const aRun = 4 * g.aSize;
  const cRun = 4 * rows * cols;
  if (t !== undefined) {
    // cᵀ [cols, rows] = op(b)ᵀ op(a)ᵀ of every run into scratch, then c = their transposes
    mm.product(b, t.aRow, t.aCol, a, t.bRow, scratch, t.cols, t.rows, t.vectors, t.shared, 0, 0, runs, 4 * g.bSize, aRun, cRun);
    mm.transpose(scratch, rows, c, cols, cols, rows, runs, cRun, cRun);
    return;
  }
  let bAt = b;
  let bStride = bRow;
  let bRun = 4 * g.bSize;
  if (packB) {
    const packedRun = 4 * shared * padded;
    if (runs > 1 && runs * packedRun > PACKED_RUNS_BYTES) {
      // large packed operands one run at a time, so that each is still in L1 when the product reads it
      for (let s = 0; s < runs; s++) batchedProducts(mm, g, 1, a + s * aRun, b + s * bRun, c + s * cRun, scratch, epilogue);
      return;
    }
    // b transposed (Wᵀ of a forward product) with whole vectors: 4 × 4 blocks; else element-wise
    if (bRow === 1 && padded === cols) mm.transpose(b, bCol, scratch, padded, cols, shared, runs, bRun, packedRun);
    else mm.copy(b, bRow, bCol, scratch, padded, shared, cols, padded, runs, bRun, packedRun);
    bAt = scratch;
    bStride = padded;
    bRun = packedRun;
  }
  if (packC) {
    const cPacked = scratch + (packB ? 4 * runs * shared * padded : 0);
    mm.product(a, aRow, aCol, bAt, bStride, cPacked, padded, rows, vectors, shared, 0, 0, runs, aRun, bRun, 4 * rows * padded);
    // the runs' padded results are consecutive rows: one copy of runs · rows rows
    mm.copy(cPacked, padded, 1, c, cols, runs * rows, cols, cols, 1, 0, 0);
  } else {
    mm.product(a, aRow, aCol, bAt, bStride, c, cols, rows, vectors, shared, kind, delta, runs, aRun, bRun, cRun);
  }
}
