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
  const n = h.rows;
  const width = taps * channelsIn;
  const patches = new Float64Array(n * positionsOut * width);
  for (let s = 0; s < n; s++) {
    const row = h.getRow(s);
    for (let j = 0; j < positionsOut; j++) {
      const base = (s * positionsOut + j) * width;
      for (let o = 0; o < taps; o++) {
        const from = table[j * taps + o]! * channelsIn;
        for (let c = 0; c < channelsIn; c++) patches[base + o * channelsIn + c] = row[from + c]!;
      }
    }
  }
  const out = Matrix.from1DArray(n * positionsOut, width, patches).mmul(w.transpose());
  return Matrix.from1DArray(n, positionsOut * channelsOut, out.to1DArray());
}
