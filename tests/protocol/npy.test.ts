import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeNpy, encodeNpy, readNpy, writeNpy, type NpyData, type NpyDtype } from "../../src/protocol/npy.ts";
import { pythonWithNumpy } from "./pythonWithNumpy.ts";

const dir = mkdtempSync(join(tmpdir(), "theorem-spec-npy-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shapeArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 });

/** A typed array of `dtype` with `n` generated values (non-finite floats and extreme integers included). */
function valuesArb(dtype: NpyDtype, n: number): fc.Arbitrary<NpyData> {
  switch (dtype) {
    case "<f4":
      return fc.float32Array({ minLength: n, maxLength: n });
    case "<f8":
      return fc.float64Array({ minLength: n, maxLength: n });
    case "<i4":
      return fc.int32Array({ minLength: n, maxLength: n });
    case "<i8":
      return fc.bigInt64Array({ minLength: n, maxLength: n });
    case "|u1":
      return fc.uint8Array({ minLength: n, maxLength: n });
  }
}

const arrayArb = fc
  .tuple(fc.constantFrom<NpyDtype>("<f4", "<f8", "<i4", "<i8", "|u1"), shapeArb)
  .chain(([dtype, shape]) => valuesArb(dtype, shape.reduce((a, b) => a * b, 1)).map((data) => ({ dtype, shape, data })));

/** Same bytes (so NaN payloads and −0 count). */
function sameBytes(a: NpyData, b: NpyData): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** A v1.0 file with the given header text (padded to 64 bytes) followed by `data`. */
function fileWithHeader(header: string, data: Uint8Array = new Uint8Array(0), version: [number, number] = [1, 0]): Uint8Array {
  const pre = version[0] === 1 ? 10 : 12;
  const padded = header.padEnd(Math.ceil((pre + header.length + 1) / 64) * 64 - pre - 1, " ") + "\n";
  const out = new Uint8Array(pre + padded.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version[0], version[1]]);
  const view = new DataView(out.buffer);
  if (version[0] === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  out.set(Buffer.from(padded, "latin1"), pre);
  out.set(data, pre + padded.length);
  return out;
}

describe("npy: numpy's .npy format", () => {
  it("round-trips every supported dtype and shape bit for bit, with the data 64-byte aligned", () => {
    fc.assert(
      fc.property(arrayArb, ({ dtype, shape, data }) => {
        const bytes = encodeNpy(data, shape);
        const headerLength = bytes[8]! | (bytes[9]! << 8);
        expect((10 + headerLength) % 64).toBe(0);
        const back = decodeNpy(bytes);
        expect(back.dtype).toBe(dtype);
        expect(back.shape).toEqual(shape);
        expect(back.data.constructor).toBe(data.constructor);
        expect(sameBytes(back.data, data)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("writes and reads files, naming the path when a file is missing", () => {
    const path = join(dir, "w.npy");
    writeNpy(path, Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
    expect(readNpy(path)).toEqual({ dtype: "<f4", shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) });
    expect(() => readNpy(join(dir, "missing.npy"))).toThrow(/npy file .*missing\.npy: cannot be read \(ENOENT/);
  });

  it("reads v2.0 and v3.0 headers, '<u1' and Python 2's long integers", () => {
    const data = new Uint8Array(Float64Array.of(1.5, -2).buffer);
    expect(decodeNpy(fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data, [2, 0])).data).toEqual(Float64Array.of(1.5, -2));
    expect(decodeNpy(fileWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (1L, 2L), }", data, [3, 0])).shape).toEqual([1, 2]);
    expect(decodeNpy(fileWithHeader("{'descr': '<u1', 'fortran_order': False, 'shape': (), }", Uint8Array.of(7))).data).toEqual(Uint8Array.of(7));
  });

  it("refuses what it cannot read with an error naming the file, the field and what was expected", () => {
    const ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
    const cases: Array<[Uint8Array, RegExp]> = [
      [Buffer.from("PK\x03\x04 not numpy at all"), /npy file f\.npy: bad magic "PK.*expected "\\x93NUMPY"/],
      [fileWithHeader(ok, new Uint8Array(8), [4, 0]), /version 4\.0; expected 1\.0, 2\.0 or 3\.0/],
      [fileWithHeader(ok.replace("<f4", ">f4"), new Uint8Array(8)), /descr '>f4' \(big-endian; save with \.astype\('<f4'\)\); expected one of '<f4'/],
      [fileWithHeader(ok.replace("<f4", "<c16"), new Uint8Array(32)), /descr '<c16'; expected one of/],
      [fileWithHeader(ok.replace("False", "True"), new Uint8Array(8)), /fortran_order is True; expected False \(C order/],
      [fileWithHeader(ok, new Uint8Array(5)), /truncated data: shape \(2\) of <f4 needs 8 bytes, 5 present/],
      [fileWithHeader("{'fortran_order': False, 'shape': (2,), }"), /has no 'descr'/],
      [fileWithHeader("{'descr': '<f4', 'shape': (2,), }"), /has no 'fortran_order'/],
      [fileWithHeader("{'descr': '<f4', 'fortran_order': False, }"), /has no 'shape'/],
      [fileWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }"), /shape \(2, -1\); expected a tuple of integers ≥ 0/],
      [fileWithHeader(ok).subarray(0, 30), /truncated header: \d+ bytes announced, 20 present/],
      [fileWithHeader(ok, undefined, [2, 0]).subarray(0, 11), /bad magic|truncated header length/],
    ];
    for (const [bytes, message] of cases) expect(() => decodeNpy(bytes, "f.npy")).toThrow(message);
    expect(() => encodeNpy(Float32Array.of(1, 2, 3), [2, 2])).toThrow(/encodeNpy: shape \[2, 2\] has 4 elements; the array has 3/);
    expect(() => encodeNpy(Float32Array.of(1), [1.5])).toThrow(/encodeNpy: shape = \[1\.5\]; expected an array of integers ≥ 0/);
    expect(() => encodeNpy([1, 2] as unknown as Float32Array, [2])).toThrow(/npy: array is an array of length 2; expected a Float32Array/);
  });

  it("agrees with real numpy: numpy.load reads what we write, and we read what numpy.save writes (v1, v2, v3)", (context) => {
    const python = pythonWithNumpy();
    if (python === undefined) {
      context.skip("no python with numpy found (tried /usr/bin/python3 and python3 on the PATH); apt-get install python3-numpy");
      return;
    }
    const arrays = fc.sample(arrayArb, { numRuns: 30 });
    arrays.forEach(({ data, shape }, i) => writeNpy(join(dir, `ours_${i}.npy`), data, shape));
    const script = `
import json, sys, numpy as np
from numpy.lib import format as fmt
d, n = sys.argv[1], int(sys.argv[2])
out = []
for i in range(n):
    a = np.load(f"{d}/ours_{i}.npy")
    out.append({"dtype": a.dtype.str, "shape": list(a.shape), "c": bool(a.flags.c_contiguous)})
    version = [(1, 0), (2, 0), (3, 0)][i % 3]
    with open(f"{d}/numpy_{i}.npy", "wb") as f:
        fmt.write_array(f, a, version=version)
np.save(f"{d}/fortran.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
np.save(f"{d}/big.npy", np.arange(3, dtype=">f8"))
print(json.dumps(out))
`;
    const run = spawnSync(python, ["-c", script, dir, String(arrays.length)], { encoding: "utf8", timeout: 120_000 });
    expect(run.stderr).toBe("");
    const seen = JSON.parse(run.stdout) as Array<{ dtype: string; shape: number[]; c: boolean }>;
    arrays.forEach(({ dtype, shape, data }, i) => {
      expect(seen[i]).toEqual({ dtype, shape, c: true });
      const back = readNpy(join(dir, `numpy_${i}.npy`));
      expect(back.dtype).toBe(dtype);
      expect(back.shape).toEqual(shape);
      expect(sameBytes(back.data, data)).toBe(true);
    });
    expect(() => readNpy(join(dir, "fortran.npy"))).toThrow(/fortran.npy: fortran_order is True; expected False/);
    expect(() => readNpy(join(dir, "big.npy"))).toThrow(/big.npy: descr '>f8' \(big-endian/);
    expect(readFileSync(join(dir, "ours_0.npy")).subarray(0, 6).toString("latin1")).toBe("\x93NUMPY");
  });
});
