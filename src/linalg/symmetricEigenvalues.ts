/**
 * Eigenvalues of a real symmetric matrix (internal; used by `gramSingularValues`), ascending:
 * Householder reduction to tridiagonal form, then the implicit QL algorithm with Wilkinson-style
 * shifts — JAMA's `tred2`/`tql2` (public domain, also ml-matrix's `EigenvalueDecomposition`)
 * without accumulating the eigenvectors, which costs ≈ (4/3) n³ flops instead of ≈ 9 n³.
 * Backward stable: the eigenvalues of `A + E` with `‖E‖₂ ≈ n ε ‖A‖₂`.
 *
 * @param symmetric `A [n, n]` row-major (only read; assumed symmetric)
 * @throws if the QL iteration does not converge (30 n sweeps; does not happen for finite input).
 */
export function symmetricEigenvalues(symmetric: Float64Array, n: number): Float64Array {
  // u[j·n + k] = V[k][j] of JAMA's working matrix: its reduction reads the lower triangle by
  // columns, contiguous here (A is symmetric, so u starts as A itself). The upper triangle and the
  // zeroed rows only serve the eigenvector accumulation, skipped here.
  const u = Float64Array.from(symmetric);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return d;
  for (let j = 0; j < n; j++) d[j] = u[j * n + n - 1]!;

  // Householder tridiagonalisation (tred2, reduction part).
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) d[j] = u[j * n + i - 1]!;
    } else {
      for (let k = 0; k < i; k++) {
        d[k] = d[k]! / scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        const col = j * n;
        g = e[j]! + u[col + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += u[col + k]! * d[k]!;
          e[k] = e[k]! + u[col + k]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = e[j]! / h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = e[j]! - hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const col = j * n;
        for (let k = j; k <= i - 1; k++) u[col + k] = u[col + k]! - (f * e[k]! + g * d[k]!);
        d[j] = u[col + i - 1]!;
      }
    }
    d[i] = h;
  }
  // The tridiagonal matrix: diagonal v[i][i] (tred2 reads it there when it accumulates), off-diagonal e.
  for (let i = 0; i < n; i++) d[i] = u[i * n + i]!;
  e[0] = 0;

  // Implicit QL (tql2 without the eigenvector updates).
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  let sweeps = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      do {
        if (++sweeps > 30 * n) throw new Error(`symmetricEigenvalues: no convergence after ${sweeps} QL sweeps (n = ${n})`);
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i] = d[i]! - h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  return d.sort();
}
