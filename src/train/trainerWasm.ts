/**
 * The trainer's WebAssembly kernels, built here byte by byte (`wasmAssembler.ts`) and run in the
 * TF.js wasm backend's own memory. Each evaluates exactly the float32 operations of a sequence of
 * TF.js wasm kernels — the same operations on the same operands in the same order, every one
 * rounded to float32 (wasm has no fused multiply-add) — so its results are identical bit for bit,
 * only with fewer passes over memory, SIMD where the order allows it, and independent sums
 * interleaved where it does not. Tested against the TF.js kernels in `tests/train/`.
 *
 * Addresses are in bytes, strides and sizes in elements.
 *
 * - `product(a, aRow, aCol, b, bRow, c, cRow, rows, vectors, shared)` — the generic `BatchMatMul`
 *   loop of tfjs-backend-wasm 4.22 (`slow_batch_matmul`, `batch_mat_mul_impl.cc`) for one batch
 *   entry, which computes every output element on its own:
 *
 *     c = 0;  for each block k0 = 0, 48, 96, … of the shared dimension K:
 *               s = 0;  for k in [k0, min(k0 + 48, K)):  s = s + a(i, k) · b(k, j)
 *               c = (c + s) + 0
 *
 *   That loop is scalar and each element's sum is one chain of dependent additions; here four
 *   rows × eight (or four) columns are computed at once (a SIMD lane per column, an accumulator
 *   per row and vector), each element by the same chain. Outputs c[i·cRow + j] for i < rows, j < 4·vectors, with
 *   a(i, k) = a[i·aRow + k·aCol] and b(k, j) = b[k·bRow + j] (columns contiguous, 4·vectors of
 *   them readable). Rows past the last are computed on a copy of the last row and not stored.
 * - `copy(src, srcRow, srcCol, dst, dstRow, rows, cols, paddedCols)` — dst[r·dstRow + c] =
 *   src[r·srcRow + c·srcCol] for c < cols, 0 for cols ≤ c < paddedCols (packs an operand with
 *   contiguous, zero-padded columns; unpacks a padded result).
 * - `weightNormStep(v, g, grad, lr, decay, vOut, gOut, n, S)` — per run s of S, with V, ∇_W and V'
 *   of n elements and g, η, 2λ, g' scalars, the kernels of
 *
 *     radial = sum(grad ⊙ v);  stepped = v − η · (g · (grad − radial · v));
 *     V' = stepped / sqrt(sum(stepped ⊙ stepped));  g' = g − η · (radial + 2λ · g)
 *
 *   (`Multiply`, `Sum` — a sequential sum from 0 —, `Sub`, `Square`, `Sqrt`, `RealDiv`, `Add`);
 *   the two sums of four runs advance together (independent chains), each in its own order.
 * - `plainStep(w, grad, lr, decay, wOut, n, S)` — per run: W' = W − η · (∇_W + 2λ · W).
 */
import {
  add,
  addr,
  and,
  type Code,
  f32Add,
  f32Div,
  f32Load,
  f32Mul,
  f32Sqrt,
  f32Store,
  f32Sub,
  f32x4Add,
  f32x4Div,
  f32x4Load32Splat,
  f32x4Mul,
  f32x4Splat,
  f32x4Sub,
  f32Zero,
  F32,
  forLoop,
  FunctionBuilder,
  get,
  I32,
  i32,
  ifThen,
  ltU,
  min,
  moduleBytes,
  mul,
  set,
  shl,
  sub,
  V128,
  v128Load,
  v128LoadAt,
  v128Store,
  v128StoreAt,
  v128Zero,
} from "./wasmAssembler.ts";

/** The module's functions (see the module comment). */
export interface TrainerWasm {
  product(a: number, aRow: number, aCol: number, b: number, bRow: number, c: number, cRow: number, rows: number, vectors: number, shared: number): void;
  copy(src: number, srcRow: number, srcCol: number, dst: number, dstRow: number, rows: number, cols: number, paddedCols: number): void;
  weightNormStep(v: number, g: number, grad: number, lr: number, decay: number, vOut: number, gOut: number, n: number, S: number): void;
  plainStep(w: number, grad: number, lr: number, decay: number, wOut: number, n: number, S: number): void;
}

/** The block length of the shared dimension in the backend's matrix-product loop (`kBlockSize`). */
export const SHARED_BLOCK = 48;

const QUAD = [0, 1, 2, 3];

function productFunction(): number[] {
  const f = new FunctionBuilder(10);
  const [a, aRow, aCol, b, bRow, c, cRow, rows, vectors, shared] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const local = () => f.local(I32);
  const [i, j, k, k0, kEnd, last, pb, aStep, bStep, pairEnd] = [local(), local(), local(), local(), local(), local(), local(), local(), local(), local()];
  const row = QUAD.map(() => f.local(I32)); // address of a(i + r, 0), rows clamped to the last
  const pa = QUAD.map(() => f.local(I32)); // address of a(i + r, k)
  const PAIR = [0, 1];
  const s = QUAD.map(() => PAIR.map(() => f.local(V128))); // s[r][v]: the block's sums of row i + r, columns j + 4v …
  const o = QUAD.map(() => PAIR.map(() => f.local(V128))); // o[r][v]: the outputs
  const bv = PAIR.map(() => f.local(V128));
  const av = f.local(V128);

  /** Rows i … i + 3 × columns j … j + 4·width − 1 (width 1 or 2 vectors). */
  const tile = (width: number): Code => {
    const cols = PAIR.slice(0, width);
    const inner = forLoop(k, get(k0), get(kEnd), i32(1), [
      ...cols.flatMap((v) => [...get(pb), ...v128LoadAt(16 * v), ...set(bv[v]!)]),
      ...QUAD.flatMap((r) => [
        ...get(pa[r]!), ...f32x4Load32Splat, ...set(av),
        ...cols.flatMap((v) => [...get(s[r]![v]!), ...get(av), ...get(bv[v]!), ...f32x4Mul, ...f32x4Add, ...set(s[r]![v]!)]),
        ...get(pa[r]!), ...get(aStep), ...add, ...set(pa[r]!),
      ]),
      ...get(pb), ...get(bStep), ...add, ...set(pb),
    ]);
    const block = forLoop(k0, i32(0), get(shared), i32(SHARED_BLOCK), [
      ...min([...get(k0), ...i32(SHARED_BLOCK), ...add], get(shared)), ...set(kEnd),
      ...QUAD.flatMap((r) => [
        ...cols.flatMap((v) => [...v128Zero, ...set(s[r]![v]!)]),
        ...addr(get(row[r]!), [...get(k0), ...get(aCol), ...mul]), ...set(pa[r]!),
      ]),
      ...addr(get(b), [...get(k0), ...get(bRow), ...mul, ...get(j), ...add]), ...set(pb),
      ...inner,
      // c = (c + s) + 0
      ...QUAD.flatMap((r) => cols.flatMap((v) => [...get(o[r]![v]!), ...get(s[r]![v]!), ...f32x4Add, ...v128Zero, ...f32x4Add, ...set(o[r]![v]!)])),
    ]);
    const store = (r: number): Code => [
      ...get(i), ...i32(r), ...add, ...get(rows), ...ltU,
      ...ifThen(cols.flatMap((v) => [...addr(get(c), [...get(i), ...i32(r), ...add, ...get(cRow), ...mul, ...get(j), ...add]), ...get(o[r]![v]!), ...v128StoreAt(16 * v)])),
    ];
    return [...QUAD.flatMap((r) => cols.flatMap((v) => [...v128Zero, ...set(o[r]![v]!)])), ...block, ...QUAD.flatMap(store)];
  };

  return f.body([
    ...get(rows), ...i32(1), ...sub, ...set(last),
    ...get(aCol), ...i32(2), ...shl, ...set(aStep),
    ...get(bRow), ...i32(2), ...shl, ...set(bStep),
    // columns in pairs of vectors, then the last vector when their number is odd
    ...get(vectors), ...i32(-2), ...and, ...i32(2), ...shl, ...set(pairEnd),
    ...forLoop(i, i32(0), get(rows), i32(4), [
      ...QUAD.flatMap((r) => [...addr(get(a), [...min([...get(i), ...i32(r), ...add], get(last)), ...get(aRow), ...mul]), ...set(row[r]!)]),
      ...forLoop(j, i32(0), get(pairEnd), i32(8), tile(2)),
      ...forLoop(j, get(pairEnd), [...get(vectors), ...i32(2), ...shl], i32(4), tile(1)),
    ]),
  ]);
}

function copyFunction(): number[] {
  const f = new FunctionBuilder(8);
  const [src, srcRow, srcCol, dst, dstRow, rows, cols, paddedCols] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [r, col] = [f.local(I32), f.local(I32)];
  const target = addr(get(dst), [...get(r), ...get(dstRow), ...mul, ...get(col), ...add]);
  return f.body(
    forLoop(r, i32(0), get(rows), i32(1), [
      ...forLoop(col, i32(0), get(cols), i32(1), [
        ...target,
        ...addr(get(src), [...get(r), ...get(srcRow), ...mul, ...get(col), ...get(srcCol), ...mul, ...add]),
        ...f32Load,
        ...f32Store,
      ]),
      ...forLoop(col, get(cols), get(paddedCols), i32(1), [...target, ...f32Zero, ...f32Store]),
    ]),
  );
}

function weightNormStepFunction(): number[] {
  const f = new FunctionBuilder(9);
  const [v, g, grad, lr, decay, vOut, gOut, n, S] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [s, e, eb, runBytes, vectorEnd] = [f.local(I32), f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const run = QUAD.map(() => f.local(I32)); // run min(s + q, S − 1)
  // Addresses of the run's V, ∇_W and V'.
  const pv = QUAD.map(() => f.local(I32));
  const pg = QUAD.map(() => f.local(I32));
  const po = QUAD.map(() => f.local(I32));
  const gq = QUAD.map(() => f.local(F32));
  const lq = QUAD.map(() => f.local(F32));
  const radial = QUAD.map(() => f.local(F32));
  const squares = QUAD.map(() => f.local(F32));
  const [x, st, norm] = [f.local(F32), f.local(F32), f.local(F32)];
  /** The element at byte offset `eb` of the array starting at `base`. */
  const at = (base: number): Code => [...get(base), ...get(eb), ...add];
  const scalarAt = (base: number, q: number): Code => addr(get(base), get(run[q]!));
  const finish = (q: number): Code => [
    ...get(squares[q]!), ...f32Sqrt, ...set(norm),
    // V' = stepped / norm: four elements at a time, then the rest
    ...forLoop(e, i32(0), get(vectorEnd), i32(4), [
      ...addr(get(po[q]!), get(e)), ...addr(get(po[q]!), get(e)), ...v128Load, ...get(norm), ...f32x4Splat, ...f32x4Div, ...v128Store,
    ]),
    ...forLoop(e, get(vectorEnd), get(n), i32(1), [...addr(get(po[q]!), get(e)), ...addr(get(po[q]!), get(e)), ...f32Load, ...get(norm), ...f32Div, ...f32Store]),
    // g' = g − η (radial + 2λ g)
    ...scalarAt(gOut, q),
    ...get(gq[q]!), ...get(lq[q]!), ...get(radial[q]!), ...scalarAt(decay, q), ...f32Load, ...get(gq[q]!), ...f32Mul, ...f32Add, ...f32Mul, ...f32Sub,
    ...f32Store,
  ];
  return f.body([
    ...get(n), ...i32(2), ...shl, ...set(runBytes),
    ...get(n), ...i32(-4), ...and, ...set(vectorEnd),
    ...forLoop(s, i32(0), get(S), i32(4), [
      ...QUAD.flatMap((q) => [
        ...min([...get(s), ...i32(q), ...add], [...get(S), ...i32(1), ...sub]), ...set(run[q]!),
        ...[[pv, v], [pg, grad], [po, vOut]].flatMap(([p, base]) => [...get(base as number), ...get(run[q]!), ...get(runBytes), ...mul, ...add, ...set((p as number[])[q]!)]),
        ...scalarAt(g, q), ...f32Load, ...set(gq[q]!),
        ...scalarAt(lr, q), ...f32Load, ...set(lq[q]!),
        ...f32Zero, ...set(radial[q]!),
        ...f32Zero, ...set(squares[q]!),
      ]),
      // radial = Σ grad·v, four runs' sums side by side
      ...forLoop(eb, i32(0), get(runBytes), i32(4), QUAD.flatMap((q) => [...get(radial[q]!), ...at(pg[q]!), ...f32Load, ...at(pv[q]!), ...f32Load, ...f32Mul, ...f32Add, ...set(radial[q]!)])),
      // stepped = v − η (g (grad − radial v)), stored in V'; Σ stepped²
      ...forLoop(eb, i32(0), get(runBytes), i32(4), QUAD.flatMap((q) => [
        ...at(pv[q]!), ...f32Load, ...set(x),
        ...get(x), ...get(lq[q]!), ...get(gq[q]!), ...at(pg[q]!), ...f32Load, ...get(radial[q]!), ...get(x), ...f32Mul, ...f32Sub, ...f32Mul, ...f32Mul, ...f32Sub, ...set(st),
        ...at(po[q]!), ...get(st), ...f32Store,
        ...get(squares[q]!), ...get(st), ...get(st), ...f32Mul, ...f32Add, ...set(squares[q]!),
      ])),
      ...QUAD.flatMap((q) => [...get(s), ...i32(q), ...add, ...get(S), ...ltU, ...ifThen(finish(q))]),
    ]),
  ]);
}

function plainStepFunction(): number[] {
  const f = new FunctionBuilder(7);
  const [w, grad, lr, decay, wOut, n, S] = [0, 1, 2, 3, 4, 5, 6];
  const [s, e, offset, vectorEnd] = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const [l, dcy] = [f.local(F32), f.local(F32)];
  const [lv, dv] = [f.local(V128), f.local(V128)];
  const at = (base: number): Code => addr([...get(base), ...get(offset), ...add], get(e));
  return f.body([
    ...get(n), ...i32(-4), ...and, ...set(vectorEnd),
    ...forLoop(s, i32(0), get(S), i32(1), [
      ...get(s), ...get(n), ...mul, ...i32(2), ...shl, ...set(offset),
      ...addr(get(lr), get(s)), ...f32Load, ...set(l),
      ...addr(get(decay), get(s)), ...f32Load, ...set(dcy),
      ...get(l), ...f32x4Splat, ...set(lv),
      ...get(dcy), ...f32x4Splat, ...set(dv),
      // W' = W − η (∇ + 2λ W)
      ...forLoop(e, i32(0), get(vectorEnd), i32(4), [
        ...at(wOut), ...at(w), ...v128Load, ...get(lv), ...at(grad), ...v128Load, ...get(dv), ...at(w), ...v128Load, ...f32x4Mul, ...f32x4Add, ...f32x4Mul, ...f32x4Sub, ...v128Store,
      ]),
      ...forLoop(e, get(vectorEnd), get(n), i32(1), [
        ...at(wOut), ...at(w), ...f32Load, ...get(l), ...at(grad), ...f32Load, ...get(dcy), ...at(w), ...f32Load, ...f32Mul, ...f32Add, ...f32Mul, ...f32Sub, ...f32Store,
      ]),
    ]),
  ]);
}

let bytes: Uint8Array | undefined;

/** The module's bytes. */
export function trainerWasmBytes(): Uint8Array {
  bytes ??= moduleBytes([
    { name: "product", params: 10, body: productFunction() },
    { name: "copy", params: 8, body: copyFunction() },
    { name: "weightNormStep", params: 9, body: weightNormStepFunction() },
    { name: "plainStep", params: 7, body: plainStepFunction() },
  ]);
  return bytes;
}

/**
 * The WebAssembly API used here, typed locally: the project compiles against the ES2022 lib
 * without the DOM's WebAssembly declarations.
 */
interface WasmApi {
  readonly Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether this runtime runs the module at all (WebAssembly with SIMD). */
export function trainerWasmSupported(): boolean {
  return wasmApi !== undefined && wasmApi.validate(trainerWasmBytes());
}

/** The parts of the TF.js wasm backend (`tf.backend()` when it is "wasm") the kernels use. */
export interface WasmBackendInternals {
  readonly wasm: { readonly asm?: { readonly memory?: unknown }; _malloc(bytes: number): number; _free(address: number): void };
  readonly dataIdMap: { get(dataId: object): { readonly memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: "float32"): { dataId: object; shape: number[]; dtype: "float32" };
}

let supported: boolean | undefined;
const instances = new WeakMap<object, TrainerWasm>();

/** The module on the backend's memory, or undefined where it cannot run (shared memory, no SIMD). */
export function trainerWasmFor(backend: WasmBackendInternals): TrainerWasm | undefined {
  const memory = backend.wasm?.asm?.memory;
  if (wasmApi === undefined || !(memory instanceof wasmApi.Memory)) return undefined;
  if (typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer) return undefined;
  supported ??= trainerWasmSupported();
  if (!supported) return undefined;
  let instance = instances.get(memory);
  if (instance === undefined) {
    instance = new wasmApi.Instance(new wasmApi.Module(trainerWasmBytes()), { env: { memory } }).exports as TrainerWasm;
    instances.set(memory, instance);
  }
  return instance;
}

/** The byte address of a tensor's data in the backend's memory. */
export function tensorAddress(backend: WasmBackendInternals, t: { dataId: object; shape: readonly number[] }): number {
  const data = backend.dataIdMap.get(t.dataId);
  if (data === undefined) throw new Error(`trainerWasm: a tensor of shape [${t.shape.join(", ")}] has no data in the wasm backend`);
  return data.memoryOffset;
}
