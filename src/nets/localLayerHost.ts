import { Matrix } from "ml-matrix";
import type { LocalLayerPlan } from "./convNet.ts";

/**
 * Host (float64) action of a local (convolutional, valid padding) layer before its ReLU:
 *
 *   out[n, j·c_out + c'] = Σ_{o < k} Σ_{c < c_in} w[c', o·c_in + c] · h[n, table[j·k + o]·c_in + c]
 *
 * i.e. patches `[N·P_out, k·c_in]` times the kernel matrix transposed.
 *
 * @param h `[N, P_in·c_in]` input activations (position-major)
 * @param w `[c_out, k·c_in]` kernel matrix
 * @returns `[N, P_out·c_out]`
 */
export function localLayerHost(h: Matrix, w: Matrix, plan: LocalLayerPlan): Matrix {
  const { positionsIn, positionsOut, taps, channelsIn, channelsOut, table } = plan;
  if (h.columns !== positionsIn * channelsIn) {
    throw new Error(
      `localLayerHost: input has ${h.columns} columns; expected positions × channels = ${positionsIn} × ${channelsIn} = ${positionsIn * channelsIn}`,
    );
  }
  if (w.rows !== channelsOut || w.columns !== taps * channelsIn) {
    throw new Error(
      `localLayerHost: kernel has shape [${w.rows}, ${w.columns}]; expected [c_out, k·c_in] = [${channelsOut}, ${taps * channelsIn}]`,
    );
  }
  // Each output is Σ_q patch[q] · w[c', q], summed from 0 in q order — the sums ml-matrix's mmul of
  // the patch matrix by wᵀ computes, bit for bit — without materialising the patches as a Matrix.
  const n = h.rows;
  const width = taps * channelsIn;
  const kernels = Array.from({ length: channelsOut }, (_, c) => w.getRow(c));
  const out = new Float64Array(n * positionsOut * channelsOut);
  const patch = new Float64Array(width);
  for (let s = 0; s < n; s++) {
    const row = h.getRow(s);
    for (let j = 0; j < positionsOut; j++) {
      for (let o = 0; o < taps; o++) {
        const from = table[j * taps + o]! * channelsIn;
        for (let c = 0; c < channelsIn; c++) patch[o * channelsIn + c] = row[from + c]!;
      }
      const base = (s * positionsOut + j) * channelsOut;
      for (let c = 0; c < channelsOut; c++) {
        const kernel = kernels[c]!;
        let sum = 0;
        for (let q = 0; q < width; q++) sum += patch[q]! * kernel[q]!;
        out[base + c] = sum;
      }
    }
  }
  return Matrix.from1DArray(n, positionsOut * channelsOut, out);
}
