/**
 * numpy's `.npy` format (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html),
 * the array transport of the trainer protocol (`docs/trainer-protocol.md`): what `numpy.save`
 * writes and `numpy.load` reads, with no extra package on the trainer's side.
 *
 * Layout: the magic `\x93NUMPY`, the version (major, minor), the header length (uint16 LE for
 * v1.0, uint32 LE for v2.0/v3.0), the header — a Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }` padded with spaces and a `\n` so
 * that the data starts at a multiple of 64 bytes — then the data in C (row-major) order.
 *
 * Supported dtypes: `<f4` (Float32Array), `<f8` (Float64Array), `<i4` (Int32Array), `<i8`
 * (BigInt64Array), `|u1` (Uint8Array); little-endian, C order only. `writeNpy` writes v1.0;
 * `readNpy` reads v1.0, v2.0 and v3.0 (v3.0 only differs by a UTF-8 header).
 *
 * @example
 *   writeNpy("/tmp/w.npy", Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
 *   readNpy("/tmp/w.npy"); // { dtype: "<f4", shape: [2, 3], data: Float32Array [1, 2, 3, 4, 5, 6] }
 *   // python: numpy.load("/tmp/w.npy") → array([[1., 2., 3.], [4., 5., 6.]], dtype=float32)
 */
import { readFileSync, writeFileSync } from "node:fs";

/** The dtypes of the protocol, in numpy's `descr` spelling. */
export type NpyDtype = "<f4" | "<f8" | "<i4" | "<i8" | "|u1";

/** A typed array of one of the supported dtypes. */
export type NpyData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array;

/** An array read from a `.npy` file: row-major `data` of `shape` (`[]` for a scalar). */
export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  readonly data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

const DTYPES: Record<NpyDtype, { readonly size: number; readonly make: (buffer: ArrayBuffer, offset: number, length: number) => NpyData }> = {
  "<f4": { size: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  "<f8": { size: 8, make: (b, o, n) => new Float64Array(b, o, n) },
  "<i4": { size: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  "<i8": { size: 8, make: (b, o, n) => new BigInt64Array(b, o, n) },
  "|u1": { size: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
};

/** numpy's spellings of the same dtypes (`numpy.save` writes `<u1` as `|u1`, some writers `<u1`). */
const ALIASES: Readonly<Record<string, NpyDtype>> = { "<u1": "|u1", ">u1": "|u1" };

/** The dtype of a typed array (the inverse of {@link DTYPES}). */
function dtypeOf(array: NpyData): NpyDtype {
  if (array instanceof Float32Array) return "<f4";
  if (array instanceof Float64Array) return "<f8";
  if (array instanceof Int32Array) return "<i4";
  if (array instanceof BigInt64Array) return "<i8";
  if (array instanceof Uint8Array) return "|u1";
  throw new Error(`npy: array is ${describe(array)}; expected a Float32Array, Float64Array, Int32Array, BigInt64Array or Uint8Array`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return Array.isArray(value) ? `an array of length ${value.length}` : typeof value;
}

function checkShape(where: string, array: NpyData, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    throw new Error(`${where}: shape = ${JSON.stringify(shape)}; expected an array of integers ≥ 0`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== array.length) {
    throw new Error(`${where}: shape [${shape.join(", ")}] has ${size} elements; the array has ${array.length}`);
  }
}

/**
 * The bytes of a `.npy` v1.0 file holding `array` (row-major) with `shape` (dtype from the array's
 * type). @throws when the shape does not match the array's length.
 */
export function encodeNpy(array: NpyData, shape: readonly number[]): Uint8Array {
  const dtype = dtypeOf(array);
  checkShape("encodeNpy", array, shape);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const preamble = MAGIC.length + 2 + 2;
  const total = Math.ceil((preamble + header.length + 1) / ALIGN) * ALIGN;
  header = header.padEnd(total - preamble - 1, " ") + "\n";
  if (header.length > 0xffff) throw new Error(`encodeNpy: header of ${header.length} bytes is too long for .npy v1.0 (shape [${shape.join(", ")}])`);
  const bytes = new Uint8Array(total + array.byteLength);
  bytes.set(MAGIC, 0);
  bytes[6] = 1;
  bytes[7] = 0;
  bytes[8] = header.length & 0xff;
  bytes[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) bytes[preamble + i] = header.charCodeAt(i);
  // Typed arrays use the platform's byte order; every platform node runs on is little-endian.
  bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), total);
  return bytes;
}

/** Writes `array` with `shape` to `path` as `.npy` v1.0 (see {@link encodeNpy}). */
export function writeNpy(path: string, array: NpyData, shape: readonly number[]): void {
  writeFileSync(path, encodeNpy(array, shape));
}

/** Reads the value of `key` in the header dict literal, or undefined. */
function headerField(header: string, key: string): string | undefined {
  const match = new RegExp(`['"]${key}['"]\\s*:\\s*('[^']*'|"[^"]*"|\\([^)]*\\)|True|False)`).exec(header);
  return match?.[1];
}

/**
 * Parses the bytes of a `.npy` file; `name` (a path) is used in error messages.
 * @throws naming `name`, the field and what was expected: bad magic, unknown version, an
 *   unsupported dtype (big-endian, other types), Fortran order, a malformed shape, truncated data.
 */
export function decodeNpy(bytes: Uint8Array, name = "<bytes>"): NpyArray {
  const fail = (what: string): never => {
    throw new Error(`npy file ${name}: ${what}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail(`bad magic ${JSON.stringify(Buffer.from(bytes.subarray(0, 6)).toString("latin1"))}; expected "\\x93NUMPY" (is it a .npy file?)`);
  }
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (!(major >= 1 && major <= 3 && minor === 0)) fail(`version ${major}.${minor}; expected 1.0, 2.0 or 3.0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) fail(`truncated header length (${bytes.length} bytes in the file)`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes;
  if (bytes.length < start + headerLength) fail(`truncated header: ${headerLength} bytes announced, ${bytes.length - start} present`);
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(start, start + headerLength));

  const descrText = headerField(header, "descr") ?? fail(`header ${JSON.stringify(header.trim())} has no 'descr'; expected e.g. 'descr': '<f4'`);
  const descr = descrText.slice(1, -1);
  const dtype = (descr in DTYPES ? descr : ALIASES[descr]) as NpyDtype | undefined;
  if (dtype === undefined) {
    const hint = descr.startsWith(">") ? " (big-endian; save with .astype('<" + descr.slice(1) + "'))" : "";
    fail(`descr '${descr}'${hint}; expected one of ${Object.keys(DTYPES).map((d) => `'${d}'`).join(", ")}`);
  }
  const fortran = headerField(header, "fortran_order") ?? fail(`header has no 'fortran_order'; expected 'fortran_order': False`);
  if (fortran !== "False") fail(`fortran_order is ${fortran}; expected False (C order: save numpy.ascontiguousarray(a))`);
  const shapeText = headerField(header, "shape") ?? fail(`header has no 'shape'; expected e.g. 'shape': (3, 4)`);
  const inner = shapeText.slice(1, -1).trim();
  const parts = inner === "" ? [] : inner.split(",").map((p) => p.trim()).filter((p, i, all) => !(p === "" && i === all.length - 1));
  if (parts.some((p) => !/^\d+L?$/.test(p))) fail(`shape ${shapeText}; expected a tuple of integers ≥ 0`);
  const shape = parts.map((p) => Number.parseInt(p, 10));

  const { size, make } = DTYPES[dtype!];
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLength;
  const present = bytes.length - dataStart;
  if (present < count * size) {
    fail(`truncated data: shape (${shape.join(", ")}) of ${descr} needs ${count * size} bytes, ${present} present`);
  }
  // Copy into a fresh, aligned buffer (the data offset of a v1.0 file is 64-aligned, but the
  // bytes may sit anywhere in their buffer; Buffer#slice would not copy).
  const copy = new Uint8Array(count * size);
  copy.set(bytes.subarray(dataStart, dataStart + count * size));
  return { dtype: dtype!, shape, data: make(copy.buffer, 0, count) };
}

/** Reads a `.npy` file (see {@link decodeNpy}); errors name the path. */
export function readNpy(path: string): NpyArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`npy file ${path}: cannot be read (${(error as Error).message})`);
  }
  return decodeNpy(bytes, path);
}
