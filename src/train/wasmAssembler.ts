/**
 * A minimal WebAssembly binary encoder for the trainer's hand-written kernels (the project has no
 * wasm toolchain): LEB128 numbers, sections, and the few instructions the kernels use, each a
 * function returning its bytes. A function body is a flat list of bytes.
 */

export type Code = number[];

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
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

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const name = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));

// Locals and control.
export const get = (i: number): Code => [0x20, ...uleb(i)];
export const set = (i: number): Code => [0x21, ...uleb(i)];
export const end = [0x0b];
/** `if (condition on the stack) { body }`. */
export const ifThen = (body: Code): Code => [0x04, 0x40, ...body, ...end];

// i32.
export const i32 = (n: number): Code => [0x41, ...sleb(n)];
export const add = [0x6a];
export const sub = [0x6b];
export const mul = [0x6c];
export const and = [0x71];
export const shl = [0x74];
export const ltU = [0x49];
export const select = [0x1b];

// f32 (loads and stores with 4-byte alignment, offset 0).
export const f32Load = [0x2a, 2, 0];
export const f32Store = [0x38, 2, 0];
export const f32Add = [0x92];
export const f32Sub = [0x93];
export const f32Mul = [0x94];
export const f32Div = [0x95];
export const f32Sqrt = [0x91];
export const f32Zero = [0x43, 0, 0, 0, 0];

// SIMD (v128 loads and stores with 4-byte alignment).
export const simd = (op: number, ...rest: number[]): Code => [0xfd, ...uleb(op), ...rest];
export const v128Load = simd(0x00, 2, 0);
export const v128Store = simd(0x0b, 2, 0);
/** `v128.load` / `v128.store` at a constant byte offset from the address on the stack. */
export const v128LoadAt = (offset: number): Code => simd(0x00, 2, ...uleb(offset));
export const v128StoreAt = (offset: number): Code => simd(0x0b, 2, ...uleb(offset));
export const v128Zero = simd(0x0c, ...new Array<number>(16).fill(0));
export const f32x4Load32Splat = simd(0x09, 2, 0);
export const f32x4Splat = simd(0x13);
export const f32x4Add = simd(0xe4);
export const f32x4Sub = simd(0xe5);
export const f32x4Mul = simd(0xe6);
export const f32x4Div = simd(0xe7);

/** `for (v = from; v < limit; v += step) body` (unsigned; `limit` re-evaluated each time). */
export function forLoop(v: number, from: Code, limit: Code, step: Code, body: Code): Code {
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
export const addr = (a: Code, b: Code): Code => [...a, ...b, ...i32(2), ...shl, ...add];
/** Unsigned minimum of two i32 expressions (each evaluated twice). */
export const min = (a: Code, b: Code): Code => [...a, ...b, ...a, ...b, ...ltU, ...select];

/** A function under construction: `params` i32 parameters, then locals declared by type. */
export class FunctionBuilder {
  private readonly types: number[] = [];
  constructor(readonly params: number) {}
  /** A new local of `type`, its index. */
  local(type: number): number {
    this.types.push(type);
    return this.params + this.types.length - 1;
  }
  /** The function's code-section entry for `code`. */
  body(code: Code): number[] {
    const runs: number[][] = [];
    for (const t of this.types) {
      const last = runs.at(-1);
      if (last !== undefined && last[1] === t) last[0] = last[0]! + 1;
      else runs.push([1, t]);
    }
    const bytes = [...vec(runs.map(([count, t]) => [...uleb(count!), t!])), ...code, ...end];
    return [...uleb(bytes.length), ...bytes];
  }
}

/** A module of i32-only, result-less functions importing `env.memory`, each exported by name. */
export function moduleBytes(functions: ReadonlyArray<{ name: string; params: number; body: number[] }>): Uint8Array {
  const types = functions.map((f) => [0x60, ...vec(new Array<number[]>(f.params).fill([I32])), 0]);
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, 0x00]])), // memory, min 0, no max
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map((f) => f.body))),
  ]);
}
