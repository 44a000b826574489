/**
 * A WebAssembly module (built here, byte by byte: the project has no wasm toolchain) computing
 * float32 matrix products in exactly the arithmetic of the TF.js wasm backend's generic
 * `BatchMatMul` loop (`slow_batch_matmul` in tfjs-backend-wasm 4.22, `batch_mat_mul_impl.cc`),
 * only faster. That loop computes each output element on its own:
 *
 *   c = 0;  for each block k0 = 0, 48, 96, … of the shared dimension K:
 *             s = 0;  for k in [k0, min(k0 + 48, K)):  s = s + a(i, k) · b(k, j)
 *             c = (c + s) + 0
 *
 * with every product and sum rounded to float32 in this order (wasm has no fused multiply-add,
 * and C++ without fast-math does not reassociate). It is scalar, and each element's sum is one
 * chain of dependent additions, so it runs at the latency of a float addition per product. This
 * module computes the same chains for 4 rows × 4 columns at once — one SIMD lane per column, four
 * independent accumulators for four rows — so every element sees the same operations on the same
 * operands in the same order, and the result is identical bit for bit (tested against `tf.matMul`
 * in `tests/train/exactMatMul.test.ts`).
 *
 * Exports, all addresses in bytes and strides in elements:
 * - `product(a, aRow, aCol, b, bRow, c, cRow, rows, vectors, shared)`: rows × 4·vectors outputs
 *   c[i·cRow + j] for a(i, k) = a[i·aRow + k·aCol] and b(k, j) = b[k·bRow + j] (columns
 *   contiguous, 4·vectors of them readable). Rows past the last are computed on a copy of the
 *   last row and not stored.
 * - `copy(src, srcRow, srcCol, dst, dstRow, rows, cols, paddedCols)`: dst[r·dstRow + c] =
 *   src[r·srcRow + c·srcCol] for c < cols and 0 for cols ≤ c < paddedCols (packs an operand with
 *   contiguous, zero-padded columns, and unpacks a padded result).
 */

/** The module's functions over a memory it shares with the TF.js wasm backend. */
export interface BlockedMatMulWasm {
  product(a: number, aRow: number, aCol: number, b: number, bRow: number, c: number, cRow: number, rows: number, vectors: number, shared: number): void;
  copy(src: number, srcRow: number, srcCol: number, dst: number, dstRow: number, rows: number, cols: number, paddedCols: number): void;
}

/**
 * The WebAssembly API this module uses, typed here: the project compiles against the ES2022 lib
 * without the DOM's WebAssembly declarations.
 */
export interface WasmApi {
  readonly Memory: abstract new (...args: never[]) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
  validate(bytes: Uint8Array): boolean;
}

/** The runtime's WebAssembly, or undefined where there is none. */
export const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** The block length of the shared dimension in the backend's loop (`kBlockSize`). */
export const SHARED_BLOCK = 48;

// --- encoding -------------------------------------------------------------------------------
const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));

// Instructions (a body is a flat list of bytes).
type Code = number[];
const get = (i: number): Code => [0x20, ...uleb(i)];
const set = (i: number): Code => [0x21, ...uleb(i)];
const i32 = (n: number): Code => [0x41, ...sleb(n)];
const add = [0x6a];
const sub = [0x6b];
const mul = [0x6c];
const ltU = [0x49];
const select = [0x1b];
const end = [0x0b];
const f32Load = [0x2a, 2, 0];
const f32Store = [0x38, 2, 0];
const simd = (op: number, ...rest: number[]): Code => [0xfd, ...uleb(op), ...rest];
const v128Load = simd(0x00, 2, 0);
const v128Store = simd(0x0b, 2, 0);
const v128Zero = simd(0x0c, ...new Array<number>(16).fill(0));
const f32x4Splat32Load = simd(0x09, 2, 0); // v128.load32_splat
const f32x4Add = simd(0xe4);
const f32x4Mul = simd(0xe6);
const f32Zero = [0x43, 0, 0, 0, 0];

/** `for (v = from; v < limit; v += step) body` — `limit` re-evaluated each time. */
function forLoop(v: number, from: Code, limit: Code, step: Code, body: Code): Code {
  return [
    ...from, ...set(v),
    0x02, 0x40, // block
    ...get(v), ...limit, ...ltU, 0x45, 0x0d, 0, // if !(v < limit) break
    0x03, 0x40, // loop
    ...body,
    ...get(v), ...step, ...add, ...set(v),
    ...get(v), ...limit, ...ltU, 0x0d, 0, // continue while v < limit
    ...end, ...end,
  ];
}

/** `a + 4·b` (a byte address plus an element offset). */
const addr = (a: Code, b: Code): Code => [...a, ...b, ...i32(2), 0x74 /* shl */, ...add];
const min = (a: Code, b: Code): Code => [...a, ...b, ...a, ...b, ...ltU, ...select];

// --- product --------------------------------------------------------------------------------
function productBody(): { locals: number[][]; code: Code } {
  // params
  const [a, aRow, aCol, b, bRow, c, cRow, rows, vectors, shared] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // i32 locals
  const [i, j, k, k0, kEnd, last, pb, aStep, bStep] = [10, 11, 12, 13, 14, 15, 16, 17, 18];
  const row = [19, 20, 21, 22]; // address of a(i + r, 0), rows clamped to the last
  const pa = [23, 24, 25, 26]; // address of a(i + r, k)
  // v128 locals
  const s = [27, 28, 29, 30];
  const o = [31, 32, 33, 34];
  const bv = 35;
  const cols = [...get(vectors), ...i32(2), 0x74]; // 4·vectors

  const rowAddress = (r: number): Code => [
    ...addr(get(a), [...min([...get(i), ...i32(r), ...add], get(last)), ...get(aRow), ...mul]),
    ...set(row[r]!),
  ];
  const inner = forLoop(k, get(k0), get(kEnd), i32(1), [
    ...get(pb), ...v128Load, ...set(bv),
    ...[0, 1, 2, 3].flatMap((r) => [
      ...get(s[r]!), ...get(pa[r]!), ...f32x4Splat32Load, ...get(bv), ...f32x4Mul, ...f32x4Add, ...set(s[r]!),
      ...get(pa[r]!), ...get(aStep), ...add, ...set(pa[r]!),
    ]),
    ...get(pb), ...get(bStep), ...add, ...set(pb),
  ]);
  const block = forLoop(k0, i32(0), get(shared), i32(48), [
    ...min([...get(k0), ...i32(48), ...add], get(shared)), ...set(kEnd),
    ...[0, 1, 2, 3].flatMap((r) => [...v128Zero, ...set(s[r]!), ...addr(get(row[r]!), [...get(k0), ...get(aCol), ...mul]), ...set(pa[r]!)]),
    ...addr(get(b), [...get(k0), ...get(bRow), ...mul, ...get(j), ...add]), ...set(pb),
    ...inner,
    // c = (c + s) + 0
    ...[0, 1, 2, 3].flatMap((r) => [...get(o[r]!), ...get(s[r]!), ...f32x4Add, ...v128Zero, ...f32x4Add, ...set(o[r]!)]),
  ]);
  const store = (r: number): Code => [
    ...get(i), ...i32(r), ...add, ...get(rows), ...ltU,
    0x04, 0x40, // if
    ...addr(get(c), [...get(i), ...i32(r), ...add, ...get(cRow), ...mul, ...get(j), ...add]), ...get(o[r]!), ...v128Store,
    ...end,
  ];
  const code = [
    ...get(rows), ...i32(1), ...sub, ...set(last),
    ...get(aCol), ...i32(2), 0x74, ...set(aStep),
    ...get(bRow), ...i32(2), 0x74, ...set(bStep),
    ...forLoop(i, i32(0), get(rows), i32(4), [
      ...[0, 1, 2, 3].flatMap(rowAddress),
      ...forLoop(j, i32(0), cols, i32(4), [
        ...[0, 1, 2, 3].flatMap((r) => [...v128Zero, ...set(o[r]!)]),
        ...block,
        ...[0, 1, 2, 3].flatMap(store),
      ]),
    ]),
  ];
  return { locals: [[...uleb(17), I32], [...uleb(9), V128]], code };
}

// --- copy -----------------------------------------------------------------------------------
function copyBody(): { locals: number[][]; code: Code } {
  const [src, srcRow, srcCol, dst, dstRow, rows, cols, paddedCols] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [r, col] = [8, 9];
  const code = forLoop(r, i32(0), get(rows), i32(1), [
    ...forLoop(col, i32(0), get(cols), i32(1), [
      ...addr(get(dst), [...get(r), ...get(dstRow), ...mul, ...get(col), ...add]),
      ...addr(get(src), [...get(r), ...get(srcRow), ...mul, ...get(col), ...get(srcCol), ...mul, ...add]),
      ...f32Load,
      ...f32Store,
    ]),
    ...forLoop(col, get(cols), get(paddedCols), i32(1), [
      ...addr(get(dst), [...get(r), ...get(dstRow), ...mul, ...get(col), ...add]),
      ...f32Zero,
      ...f32Store,
    ]),
  ]);
  return { locals: [[...uleb(2), I32]], code };
}

/** The module's bytes. */
export function blockedMatMulBytes(): Uint8Array {
  const functionType = (params: number) => [0x60, ...vec(new Array<number[]>(params).fill([I32])), 0];
  const bodies = [productBody(), copyBody()].map(({ locals, code }) => {
    const body = [...vec(locals), ...code, ...end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([functionType(10), functionType(8)])),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 0x00]])), // memory, min 0, no max
    ...section(3, vec([[0], [1]])),
    ...section(7, vec([[...name("product"), 0x00, 0], [...name("copy"), 0x00, 1]])),
    ...section(10, vec(bodies)),
  ]);
}

/** Instantiates the module on `memory`, an unshared `WebAssembly.Memory` (the caller checks). */
export function instantiateBlockedMatMul(api: WasmApi, memory: object): BlockedMatMulWasm {
  const module = new api.Module(blockedMatMulBytes());
  const instance = new api.Instance(module, { env: { memory } });
  return instance.exports as BlockedMatMulWasm;
}
