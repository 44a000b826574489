/**
 * Triangular factor of a Householder QR decomposition (internal; used by `singularValues`).
 *
 * For a tall matrix `A [m, n]` (`m ≥ n`) given column by column, returns `R [n, n]` (upper
 * triangular) with `A = Q R`, `QᵀQ = I`. `R` has the singular values of `A`, so the O(m n²) part of
 * an SVD is done here in tight `Float64Array` loops, and the iterative SVD only sees an `n × n`
 * matrix. Householder QR is backward stable: `R` is the exact factor of `A + E`, `‖E‖ ≈ ε ‖A‖`,
 * so no accuracy is lost (unlike forming `AᵀA`, which squares the condition number).
 */
import { Matrix } from "ml-matrix";

/**
 * @param columnMajor `A` stored column-major (`columnMajor[j * m + i] = A[i, j]`); overwritten.
 * @param m rows of `A`
 * @param n columns of `A`, `n ≤ m`
 */
export function householderR(columnMajor: Float64Array, m: number, n: number): Matrix {
  const c = columnMajor;
  const r = new Matrix(n, n);
  for (let k = 0; k < n; k++) {
    const ok = k * m;
    // ‖x‖ of x = column k below the diagonal, scaled by max |x_i| so that neither tiny (≈ 1e-160)
    // nor huge entries under- or overflow when squared.
    let maxAbs = 0;
    for (let i = k; i < m; i++) maxAbs = Math.max(maxAbs, Math.abs(c[ok + i] as number));
    // Column k below the diagonal is already zero: no reflection needed, R[k, k..] is the row as is.
    if (maxAbs !== 0) {
      let scaledSq = 0;
      for (let i = k; i < m; i++) {
        const x = (c[ok + i] as number) / maxAbs;
        scaledSq += x * x;
      }
      const norm = maxAbs * Math.sqrt(scaledSq);
      const x0 = c[ok + k] as number;
      const alpha = x0 >= 0 ? -norm : norm; // sign chosen to avoid cancellation in v0 = x0 − α
      // Reflector v = x − α e_k, stored normalised (u = v/‖v‖) in place of column k, so the
      // reflection is I − 2uuᵀ. ‖v‖² = 2‖x‖(‖x‖ + |x0|), taken as a product of square roots so that
      // it does not underflow for tiny columns.
      const vNorm = Math.sqrt(2 * norm) * Math.sqrt(norm + Math.abs(x0));
      c[ok + k] = x0 - alpha;
      for (let i = k; i < m; i++) c[ok + i] = (c[ok + i] as number) / vNorm;
      const beta = 2; // 2/(uᵀu) for the unit vector u
      let j = k + 1;
      // Four columns per pass: each pass streams v once for four columns (≈ 2× faster in V8 than
      // one column per pass on 10 000 × 256).
      for (; j + 3 < n; j += 4) {
        const o1 = j * m;
        const o2 = o1 + m;
        const o3 = o2 + m;
        const o4 = o3 + m;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let s4 = 0;
        for (let i = k; i < m; i++) {
          const v = c[ok + i] as number;
          s1 += v * (c[o1 + i] as number);
          s2 += v * (c[o2 + i] as number);
          s3 += v * (c[o3 + i] as number);
          s4 += v * (c[o4 + i] as number);
        }
        s1 *= beta;
        s2 *= beta;
        s3 *= beta;
        s4 *= beta;
        for (let i = k; i < m; i++) {
          const v = c[ok + i] as number;
          c[o1 + i] = (c[o1 + i] as number) - s1 * v;
          c[o2 + i] = (c[o2 + i] as number) - s2 * v;
          c[o3 + i] = (c[o3 + i] as number) - s3 * v;
          c[o4 + i] = (c[o4 + i] as number) - s4 * v;
        }
      }
      for (; j < n; j++) {
        const oj = j * m;
        let s = 0;
        for (let i = k; i < m; i++) s += (c[ok + i] as number) * (c[oj + i] as number);
        s *= beta;
        for (let i = k; i < m; i++) c[oj + i] = (c[oj + i] as number) - s * (c[ok + i] as number);
      }
      r.set(k, k, alpha);
    }
    for (let j = k + 1; j < n; j++) r.set(k, j, c[j * m + k] as number);
  }
  return r;
}
