;; The Gram matrix G = AᵀA of a tall float64 matrix, for `src/linalg/gramSingularValues.ts`.
;; Assembled by wabt (`npm run kernels` writes `gram.wasm.ts`; `tests/train/kernels.test.ts` checks
;; the checked-in binary against this source).

(module
  (memory (import "env" "memory") 0)

  ;; gram(a, m, n, g, chunk): for A [m, n] row-major float64 at a (n a multiple of 4), adds AᵀA to
  ;; G [n, n] row-major float64 at g, upper block triangle only: G(i, j) for the 4 × 4 tiles with
  ;; ⌊i/4⌋ ≤ ⌊j/4⌋ (the caller mirrors the rest). Each G(i, j) is one sum over the rows in order,
  ;; so the result does not depend on `chunk` (rows per pass, ≥ 1, kept in cache across the tiles)
  ;; and is deterministic. Per tile and row: two f64x2 vectors of row entries j … j + 3, each
  ;; multiplied by the four row entries i … i + 3 (splats) into eight f64x2 accumulators.
  (func (export "gram") (param $a i32) (param $m i32) (param $n i32) (param $g i32) (param $chunk i32)
    (local $r0 i32) (local $rEnd i32) (local $r i32) (local $ti i32) (local $tj i32)
    (local $rowBytes i32) (local $pi i32) (local $pj i32) (local $pg i32) (local $gRowBytes i32)
    (local $y0 v128) (local $y1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $gRowBytes (local.get $rowBytes))
    (block $chunksDone
      (loop $chunks
        (br_if $chunksDone (i32.ge_u (local.get $r0) (local.get $m)))
        (local.set $rEnd (select (i32.add (local.get $r0) (local.get $chunk)) (local.get $m)
          (i32.lt_u (i32.add (local.get $r0) (local.get $chunk)) (local.get $m))))
        (local.set $ti (i32.const 0))
        (block $tiDone
          (loop $tiLoop
            (br_if $tiDone (i32.ge_u (local.get $ti) (local.get $n)))
            (local.set $tj (local.get $ti))
            (block $tjDone
              (loop $tjLoop
                (br_if $tjDone (i32.ge_u (local.get $tj) (local.get $n)))
                ;; accumulators: G(ti + u, tj … tj + 3), u = 0 … 3
                (local.set $pg (i32.add (local.get $g) (i32.add (i32.mul (local.get $ti) (local.get $gRowBytes)) (i32.shl (local.get $tj) (i32.const 3)))))
                (local.set $c00 (v128.load (local.get $pg)))
                (local.set $c01 (v128.load offset=16 (local.get $pg)))
                (local.set $c10 (v128.load (i32.add (local.get $pg) (local.get $gRowBytes))))
                (local.set $c11 (v128.load offset=16 (i32.add (local.get $pg) (local.get $gRowBytes))))
                (local.set $c20 (v128.load (i32.add (local.get $pg) (i32.shl (local.get $gRowBytes) (i32.const 1)))))
                (local.set $c21 (v128.load offset=16 (i32.add (local.get $pg) (i32.shl (local.get $gRowBytes) (i32.const 1)))))
                (local.set $c30 (v128.load (i32.add (local.get $pg) (i32.mul (local.get $gRowBytes) (i32.const 3)))))
                (local.set $c31 (v128.load offset=16 (i32.add (local.get $pg) (i32.mul (local.get $gRowBytes) (i32.const 3)))))
                (local.set $pi (i32.add (local.get $a) (i32.add (i32.mul (local.get $r0) (local.get $rowBytes)) (i32.shl (local.get $ti) (i32.const 3)))))
                (local.set $pj (i32.add (local.get $a) (i32.add (i32.mul (local.get $r0) (local.get $rowBytes)) (i32.shl (local.get $tj) (i32.const 3)))))
                (local.set $r (local.get $r0))
                (loop $rows
                  (local.set $y0 (v128.load (local.get $pj)))
                  (local.set $y1 (v128.load offset=16 (local.get $pj)))
                  (local.set $x (v128.load64_splat (local.get $pi)))
                  (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $y0))))
                  (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $y1))))
                  (local.set $x (v128.load64_splat offset=8 (local.get $pi)))
                  (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $y0))))
                  (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $y1))))
                  (local.set $x (v128.load64_splat offset=16 (local.get $pi)))
                  (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $y0))))
                  (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $y1))))
                  (local.set $x (v128.load64_splat offset=24 (local.get $pi)))
                  (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $y0))))
                  (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $y1))))
                  (local.set $pi (i32.add (local.get $pi) (local.get $rowBytes)))
                  (local.set $pj (i32.add (local.get $pj) (local.get $rowBytes)))
                  (local.set $r (i32.add (local.get $r) (i32.const 1)))
                  (br_if $rows (i32.lt_u (local.get $r) (local.get $rEnd))))
                (v128.store (local.get $pg) (local.get $c00))
                (v128.store offset=16 (local.get $pg) (local.get $c01))
                (v128.store (i32.add (local.get $pg) (local.get $gRowBytes)) (local.get $c10))
                (v128.store offset=16 (i32.add (local.get $pg) (local.get $gRowBytes)) (local.get $c11))
                (v128.store (i32.add (local.get $pg) (i32.shl (local.get $gRowBytes) (i32.const 1))) (local.get $c20))
                (v128.store offset=16 (i32.add (local.get $pg) (i32.shl (local.get $gRowBytes) (i32.const 1))) (local.get $c21))
                (v128.store (i32.add (local.get $pg) (i32.mul (local.get $gRowBytes) (i32.const 3))) (local.get $c30))
                (v128.store offset=16 (i32.add (local.get $pg) (i32.mul (local.get $gRowBytes) (i32.const 3))) (local.get $c31))
                (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
                (br $tjLoop)))
            (local.set $ti (i32.add (local.get $ti) (i32.const 4)))
            (br $tiLoop)))
        (local.set $r0 (local.get $rEnd))
        (br $chunks))))
)
