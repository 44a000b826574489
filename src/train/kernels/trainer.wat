;; The trainer's WebAssembly kernels (see `src/train/trainerWasm.ts` for how they are loaded and
;; `docs/performance.md` for why). Assembled by wabt: `npm run kernels` writes `trainer.wasm.ts`
;; (the binary as base64), and `tests/train/kernels.test.ts` checks that the checked-in binary is
;; this source assembled.
;;
;; Every function evaluates exactly the float32 operations of a sequence of TF.js wasm kernels —
;; the same operations on the same operands in the same order, each rounded to float32 (no fused
;; multiply-add, no reassociation) — so results equal those kernels' bit for bit; only with fewer
;; passes over memory, SIMD across independent elements, and independent sums interleaved.
;;
;; Conventions: addresses are byte addresses into the imported memory `env.memory`; strides and
;; sizes count float32 elements; a "run" is one entry of the leading run axis.

(module
  (memory (import "env" "memory") 0)

  ;; The block length of the shared dimension in tfjs-backend-wasm's generic matrix-product loop
  ;; (`kBlockSize` in `batch_mat_mul_impl.cc`).
  (global $SHARED_BLOCK i32 (i32.const 48))

  ;; ---------------------------------------------------------------------------------------------
  ;; Matrix products: the generic `BatchMatMul` loop of tfjs-backend-wasm 4.22 (`slow_batch_matmul`)
  ;; for one batch entry. That loop computes every output element on its own:
  ;;
  ;;   c = 0;  for each block k0 = 0, 48, 96, … of the shared dimension K:
  ;;             s = 0;  for k in [k0, min(k0 + 48, K)):  s = s + a(i, k) · b(k, j)
  ;;             c = (c + s) + 0
  ;;
  ;; Here 4 rows × 8 (or 4) columns are computed at once — a SIMD lane per column, an accumulator
  ;; per row and vector — each element by the same chain of operations.
  ;; ---------------------------------------------------------------------------------------------

  ;; A panel of 8 columns: c(i, j … j + 7) for every row i < rows, 4 rows at a time (one call per
  ;; panel, not per 4 × 8 tile: the tree CNN's products are a few rows of 8 columns, where the call
  ;; and its set-up cost as much as the tile). $a: address of a(0, 0), $aRowBytes: bytes from a(i, ·)
  ;; to a(i + 1, ·) (the rows past the last of a group are a copy of the last row, computed and not
  ;; stored); $b: address of b(0, j); $aStep, $bStep: bytes from a(i, k) to a(i, k + 1) and from
  ;; b(k, ·) to b(k + 1, ·); $cColumn: address of c(0, j); $cRowBytes: bytes between rows of c;
  ;; $epilogue, $delta: what is stored, as in `product`.
  (func $panel8
    (param $a i32) (param $aRowBytes i32) (param $b i32)
    (param $aStep i32) (param $bStep i32) (param $shared i32)
    (param $cColumn i32) (param $cRowBytes i32) (param $rows i32) (param $epilogue i32) (param $delta i32)
    (local $i i32) (local $last i32) (local $rowsLeft i32) (local $c i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $k0 i32) (local $k i32) (local $kEnd i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $pb i32)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $o00 v128) (local $o01 v128) (local $o10 v128) (local $o11 v128) (local $o20 v128) (local $o21 v128) (local $o30 v128) (local $o31 v128)
    (local.set $last (i32.sub (local.get $rows) (i32.const 1)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $rowsLeft (i32.sub (local.get $rows) (local.get $i)))
        ;; addresses of a(i + r, 0), rows clamped to the last
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRowBytes))))
        (local.set $a1 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 1)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $last))))))
        (local.set $a2 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 2)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $last))))))
        (local.set $a3 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 3)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $last))))))
        (local.set $c (i32.add (local.get $cColumn) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $k0 (i32.const 0))
        (local.set $o00 (v128.const i32x4 0 0 0 0)) (local.set $o01 (v128.const i32x4 0 0 0 0))
        (local.set $o10 (v128.const i32x4 0 0 0 0)) (local.set $o11 (v128.const i32x4 0 0 0 0))
        (local.set $o20 (v128.const i32x4 0 0 0 0)) (local.set $o21 (v128.const i32x4 0 0 0 0))
        (local.set $o30 (v128.const i32x4 0 0 0 0)) (local.set $o31 (v128.const i32x4 0 0 0 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $k0) (local.get $shared)))
            (local.set $kEnd (select
              (i32.add (local.get $k0) (global.get $SHARED_BLOCK)) (local.get $shared)
              (i32.lt_u (i32.add (local.get $k0) (global.get $SHARED_BLOCK)) (local.get $shared))))
            (local.set $s00 (v128.const i32x4 0 0 0 0)) (local.set $s01 (v128.const i32x4 0 0 0 0))
            (local.set $s10 (v128.const i32x4 0 0 0 0)) (local.set $s11 (v128.const i32x4 0 0 0 0))
            (local.set $s20 (v128.const i32x4 0 0 0 0)) (local.set $s21 (v128.const i32x4 0 0 0 0))
            (local.set $s30 (v128.const i32x4 0 0 0 0)) (local.set $s31 (v128.const i32x4 0 0 0 0))
            (local.set $p0 (i32.add (local.get $a0) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $p1 (i32.add (local.get $a1) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $p2 (i32.add (local.get $a2) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $p3 (i32.add (local.get $a3) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $k0) (local.get $bStep))))
            (local.set $k (local.get $k0))
            (loop $inner
              (local.set $b0 (v128.load align=4 (local.get $pb)))
              (local.set $b1 (v128.load offset=16 align=4 (local.get $pb)))
              (local.set $x (v128.load32_splat align=4 (local.get $p0)))
              (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load32_splat align=4 (local.get $p1)))
              (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load32_splat align=4 (local.get $p2)))
              (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x) (local.get $b1))))
              (local.set $x (v128.load32_splat align=4 (local.get $p3)))
              (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x) (local.get $b1))))
              (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
              (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
              (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
              (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
              (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $inner (i32.lt_u (local.get $k) (local.get $kEnd))))
            ;; c = (c + s) + 0
            (local.set $o00 (f32x4.add (f32x4.add (local.get $o00) (local.get $s00)) (v128.const i32x4 0 0 0 0)))
            (local.set $o01 (f32x4.add (f32x4.add (local.get $o01) (local.get $s01)) (v128.const i32x4 0 0 0 0)))
            (local.set $o10 (f32x4.add (f32x4.add (local.get $o10) (local.get $s10)) (v128.const i32x4 0 0 0 0)))
            (local.set $o11 (f32x4.add (f32x4.add (local.get $o11) (local.get $s11)) (v128.const i32x4 0 0 0 0)))
            (local.set $o20 (f32x4.add (f32x4.add (local.get $o20) (local.get $s20)) (v128.const i32x4 0 0 0 0)))
            (local.set $o21 (f32x4.add (f32x4.add (local.get $o21) (local.get $s21)) (v128.const i32x4 0 0 0 0)))
            (local.set $o30 (f32x4.add (f32x4.add (local.get $o30) (local.get $s30)) (v128.const i32x4 0 0 0 0)))
            (local.set $o31 (f32x4.add (f32x4.add (local.get $o31) (local.get $s31)) (v128.const i32x4 0 0 0 0)))
            (local.set $k0 (i32.add (local.get $k0) (global.get $SHARED_BLOCK)))
            (br $blocks)))
        ;; the rows i … i + 3 that exist, through the epilogue (see `product`)
        (if (i32.eqz (local.get $epilogue)) (then
          (v128.store align=4 (local.get $c) (local.get $o00)) (v128.store offset=16 align=4 (local.get $c) (local.get $o01)))
        (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
          (v128.store align=4 (local.get $c) (local.get $o00)) (v128.store offset=16 align=4 (local.get $c) (local.get $o01))
          (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o00) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o01) (v128.const i32x4 0 0 0 0))))
        (else
          (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
          (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o00) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
          (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
          (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $o01) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 1)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $o10)) (v128.store offset=16 align=4 (local.get $c) (local.get $o11)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $o10)) (v128.store offset=16 align=4 (local.get $c) (local.get $o11))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o10) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o11) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o10) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
            (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $o11) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 2)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $o20)) (v128.store offset=16 align=4 (local.get $c) (local.get $o21)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $o20)) (v128.store offset=16 align=4 (local.get $c) (local.get $o21))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o20) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o21) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o20) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
            (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $o21) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 3)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $o30)) (v128.store offset=16 align=4 (local.get $c) (local.get $o31)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $o30)) (v128.store offset=16 align=4 (local.get $c) (local.get $o31))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o30) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o31) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o30) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
            (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $o31) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rowLoop))))

  ;; As $panel8 for 4 columns j … j + 3.
  (func $panel4
    (param $a i32) (param $aRowBytes i32) (param $b i32)
    (param $aStep i32) (param $bStep i32) (param $shared i32)
    (param $cColumn i32) (param $cRowBytes i32) (param $rows i32) (param $epilogue i32) (param $delta i32)
    (local $i i32) (local $last i32) (local $rowsLeft i32) (local $c i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $k0 i32) (local $k i32) (local $kEnd i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $pb i32)
    (local $b0 v128) (local $x v128)
    (local $s00 v128) (local $s10 v128) (local $s20 v128) (local $s30 v128)
    (local $o00 v128) (local $o10 v128) (local $o20 v128) (local $o30 v128)
    (local.set $last (i32.sub (local.get $rows) (i32.const 1)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $rowsLeft (i32.sub (local.get $rows) (local.get $i)))
        ;; addresses of a(i + r, 0), rows clamped to the last
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRowBytes))))
        (local.set $a1 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 1)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $last))))))
        (local.set $a2 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 2)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $last))))))
        (local.set $a3 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 3)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $last))))))
        (local.set $c (i32.add (local.get $cColumn) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $k0 (i32.const 0))
        (local.set $o00 (v128.const i32x4 0 0 0 0))
        (local.set $o10 (v128.const i32x4 0 0 0 0))
        (local.set $o20 (v128.const i32x4 0 0 0 0))
        (local.set $o30 (v128.const i32x4 0 0 0 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $k0) (local.get $shared)))
            (local.set $kEnd (select
              (i32.add (local.get $k0) (global.get $SHARED_BLOCK)) (local.get $shared)
              (i32.lt_u (i32.add (local.get $k0) (global.get $SHARED_BLOCK)) (local.get $shared))))
            (local.set $s00 (v128.const i32x4 0 0 0 0))
            (local.set $s10 (v128.const i32x4 0 0 0 0))
            (local.set $s20 (v128.const i32x4 0 0 0 0))
            (local.set $s30 (v128.const i32x4 0 0 0 0))
            (local.set $p0 (i32.add (local.get $a0) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $p1 (i32.add (local.get $a1) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $p2 (i32.add (local.get $a2) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $p3 (i32.add (local.get $a3) (i32.mul (local.get $k0) (local.get $aStep))))
            (local.set $pb (i32.add (local.get $b) (i32.mul (local.get $k0) (local.get $bStep))))
            (local.set $k (local.get $k0))
            (loop $inner
              (local.set $b0 (v128.load align=4 (local.get $pb)))
              (local.set $x (v128.load32_splat align=4 (local.get $p0)))
              (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $x (v128.load32_splat align=4 (local.get $p1)))
              (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $x (v128.load32_splat align=4 (local.get $p2)))
              (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $x (v128.load32_splat align=4 (local.get $p3)))
              (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $b0))))
              (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
              (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
              (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
              (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
              (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $inner (i32.lt_u (local.get $k) (local.get $kEnd))))
            ;; c = (c + s) + 0
            (local.set $o00 (f32x4.add (f32x4.add (local.get $o00) (local.get $s00)) (v128.const i32x4 0 0 0 0)))
            (local.set $o10 (f32x4.add (f32x4.add (local.get $o10) (local.get $s10)) (v128.const i32x4 0 0 0 0)))
            (local.set $o20 (f32x4.add (f32x4.add (local.get $o20) (local.get $s20)) (v128.const i32x4 0 0 0 0)))
            (local.set $o30 (f32x4.add (f32x4.add (local.get $o30) (local.get $s30)) (v128.const i32x4 0 0 0 0)))
            (local.set $k0 (i32.add (local.get $k0) (global.get $SHARED_BLOCK)))
            (br $blocks)))
        ;; the rows i … i + 3 that exist, through the epilogue (see `product`)
        (if (i32.eqz (local.get $epilogue)) (then
          (v128.store align=4 (local.get $c) (local.get $o00)))
        (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
          (v128.store align=4 (local.get $c) (local.get $o00))
          (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o00) (v128.const i32x4 0 0 0 0))))
        (else
          (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
          (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o00) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 1)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $o10)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $o10))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o10) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o10) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 2)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $o20)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $o20))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o20) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o20) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 3)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $o30)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $o30))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $o30) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $o30) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rowLoop))))

  ;; As $panel8 for a shared dimension of one block (K ≤ 48), with fewer live vectors (no block
  ;; accumulators): each element is s = a(i, 0) b(0, j), s = s + a(i, k) b(k, j) for k = 1 … K − 1,
  ;; then c = s + 0. The generic loop's c = (0 + (0 + a b + …)) + 0 differs from this only by its two
  ;; additions of 0 to a partial sum, which change nothing but a −0 into +0 — and the final + 0 turns
  ;; both into +0: the results are equal bit for bit (zeros of either sign add alike to anything else).
  (func $panel8one
    (param $a i32) (param $aRowBytes i32) (param $b i32)
    (param $aStep i32) (param $bStep i32) (param $shared i32)
    (param $cColumn i32) (param $cRowBytes i32) (param $rows i32) (param $epilogue i32) (param $delta i32)
    (local $i i32) (local $last i32) (local $rowsLeft i32) (local $c i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $k i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $pb i32)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $last (i32.sub (local.get $rows) (i32.const 1)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $rowsLeft (i32.sub (local.get $rows) (local.get $i)))
        ;; addresses of a(i + r, 0), rows clamped to the last
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRowBytes))))
        (local.set $a1 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 1)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $last))))))
        (local.set $a2 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 2)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $last))))))
        (local.set $a3 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 3)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $last))))))
        (local.set $c (i32.add (local.get $cColumn) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $p0 (local.get $a0)) (local.set $p1 (local.get $a1)) (local.set $p2 (local.get $a2)) (local.set $p3 (local.get $a3))
        (local.set $pb (local.get $b))
        ;; k = 0: s = a(i, 0) b(0, j)
        (local.set $b0 (v128.load align=4 (local.get $pb)))
        (local.set $b1 (v128.load offset=16 align=4 (local.get $pb)))
        (local.set $x (v128.load32_splat align=4 (local.get $p0)))
        (local.set $s00 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $s01 (f32x4.mul (local.get $x) (local.get $b1)))
        (local.set $x (v128.load32_splat align=4 (local.get $p1)))
        (local.set $s10 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $s11 (f32x4.mul (local.get $x) (local.get $b1)))
        (local.set $x (v128.load32_splat align=4 (local.get $p2)))
        (local.set $s20 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $s21 (f32x4.mul (local.get $x) (local.get $b1)))
        (local.set $x (v128.load32_splat align=4 (local.get $p3)))
        (local.set $s30 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $s31 (f32x4.mul (local.get $x) (local.get $b1)))
        (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
        (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
        (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
        (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
        (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
        (local.set $k (i32.const 1))
        (block $innerDone
          (loop $inner
            (br_if $innerDone (i32.ge_u (local.get $k) (local.get $shared)))
            (local.set $b0 (v128.load align=4 (local.get $pb)))
            (local.set $b1 (v128.load offset=16 align=4 (local.get $pb)))
            (local.set $x (v128.load32_splat align=4 (local.get $p0)))
            (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat align=4 (local.get $p1)))
            (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat align=4 (local.get $p2)))
            (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat align=4 (local.get $p3)))
            (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
            (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
            (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
            (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
            (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $inner)))
        ;; c = s + 0
        (local.set $s00 (f32x4.add (local.get $s00) (v128.const i32x4 0 0 0 0))) (local.set $s01 (f32x4.add (local.get $s01) (v128.const i32x4 0 0 0 0)))
        (local.set $s10 (f32x4.add (local.get $s10) (v128.const i32x4 0 0 0 0))) (local.set $s11 (f32x4.add (local.get $s11) (v128.const i32x4 0 0 0 0)))
        (local.set $s20 (f32x4.add (local.get $s20) (v128.const i32x4 0 0 0 0))) (local.set $s21 (f32x4.add (local.get $s21) (v128.const i32x4 0 0 0 0)))
        (local.set $s30 (f32x4.add (local.get $s30) (v128.const i32x4 0 0 0 0))) (local.set $s31 (f32x4.add (local.get $s31) (v128.const i32x4 0 0 0 0)))
        ;; the rows i … i + 3 that exist, through the epilogue (see `product`)
        (if (i32.eqz (local.get $epilogue)) (then
          (v128.store align=4 (local.get $c) (local.get $s00)) (v128.store offset=16 align=4 (local.get $c) (local.get $s01)))
        (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
          (v128.store align=4 (local.get $c) (local.get $s00)) (v128.store offset=16 align=4 (local.get $c) (local.get $s01))
          (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s00) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s01) (v128.const i32x4 0 0 0 0))))
        (else
          (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
          (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s00) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
          (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
          (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $s01) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 1)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $s10)) (v128.store offset=16 align=4 (local.get $c) (local.get $s11)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $s10)) (v128.store offset=16 align=4 (local.get $c) (local.get $s11))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s10) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s11) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s10) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
            (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $s11) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 2)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $s20)) (v128.store offset=16 align=4 (local.get $c) (local.get $s21)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $s20)) (v128.store offset=16 align=4 (local.get $c) (local.get $s21))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s20) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s21) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s20) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
            (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $s21) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 3)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $s30)) (v128.store offset=16 align=4 (local.get $c) (local.get $s31)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $s30)) (v128.store offset=16 align=4 (local.get $c) (local.get $s31))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s30) (v128.const i32x4 0 0 0 0))) (v128.store offset=16 align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s31) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s30) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))
            (local.set $x (v128.load offset=16 align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store offset=16 align=4 (local.get $c) (f32x4.mul (local.get $s31) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rowLoop))))

  ;; As $panel8one for 4 columns j … j + 3.
  (func $panel4one
    (param $a i32) (param $aRowBytes i32) (param $b i32)
    (param $aStep i32) (param $bStep i32) (param $shared i32)
    (param $cColumn i32) (param $cRowBytes i32) (param $rows i32) (param $epilogue i32) (param $delta i32)
    (local $i i32) (local $last i32) (local $rowsLeft i32) (local $c i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $k i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $pb i32)
    (local $b0 v128) (local $x v128)
    (local $s00 v128) (local $s10 v128) (local $s20 v128) (local $s30 v128)
    (local.set $last (i32.sub (local.get $rows) (i32.const 1)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $rowsLeft (i32.sub (local.get $rows) (local.get $i)))
        ;; addresses of a(i + r, 0), rows clamped to the last
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRowBytes))))
        (local.set $a1 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 1)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $last))))))
        (local.set $a2 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 2)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $last))))))
        (local.set $a3 (i32.add (local.get $a) (i32.mul (local.get $aRowBytes)
          (select (i32.add (local.get $i) (i32.const 3)) (local.get $last) (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $last))))))
        (local.set $c (i32.add (local.get $cColumn) (i32.mul (local.get $i) (local.get $cRowBytes))))
        (local.set $p0 (local.get $a0)) (local.set $p1 (local.get $a1)) (local.set $p2 (local.get $a2)) (local.set $p3 (local.get $a3))
        (local.set $pb (local.get $b))
        ;; k = 0: s = a(i, 0) b(0, j)
        (local.set $b0 (v128.load align=4 (local.get $pb)))
        (local.set $x (v128.load32_splat align=4 (local.get $p0)))
        (local.set $s00 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $x (v128.load32_splat align=4 (local.get $p1)))
        (local.set $s10 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $x (v128.load32_splat align=4 (local.get $p2)))
        (local.set $s20 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $x (v128.load32_splat align=4 (local.get $p3)))
        (local.set $s30 (f32x4.mul (local.get $x) (local.get $b0)))
        (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
        (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
        (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
        (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
        (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
        (local.set $k (i32.const 1))
        (block $innerDone
          (loop $inner
            (br_if $innerDone (i32.ge_u (local.get $k) (local.get $shared)))
            (local.set $b0 (v128.load align=4 (local.get $pb)))
            (local.set $x (v128.load32_splat align=4 (local.get $p0)))
            (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $x (v128.load32_splat align=4 (local.get $p1)))
            (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $x (v128.load32_splat align=4 (local.get $p2)))
            (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $x (v128.load32_splat align=4 (local.get $p3)))
            (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $p0 (i32.add (local.get $p0) (local.get $aStep)))
            (local.set $p1 (i32.add (local.get $p1) (local.get $aStep)))
            (local.set $p2 (i32.add (local.get $p2) (local.get $aStep)))
            (local.set $p3 (i32.add (local.get $p3) (local.get $aStep)))
            (local.set $pb (i32.add (local.get $pb) (local.get $bStep)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $inner)))
        ;; c = s + 0
        (local.set $s00 (f32x4.add (local.get $s00) (v128.const i32x4 0 0 0 0)))
        (local.set $s10 (f32x4.add (local.get $s10) (v128.const i32x4 0 0 0 0)))
        (local.set $s20 (f32x4.add (local.get $s20) (v128.const i32x4 0 0 0 0)))
        (local.set $s30 (f32x4.add (local.get $s30) (v128.const i32x4 0 0 0 0)))
        ;; the rows i … i + 3 that exist, through the epilogue (see `product`)
        (if (i32.eqz (local.get $epilogue)) (then
          (v128.store align=4 (local.get $c) (local.get $s00)))
        (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
          (v128.store align=4 (local.get $c) (local.get $s00))
          (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s00) (v128.const i32x4 0 0 0 0))))
        (else
          (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
          (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s00) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 1)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $s10)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $s10))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s10) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s10) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 2)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $s20)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $s20))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s20) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s20) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (if (i32.gt_u (local.get $rowsLeft) (i32.const 3)) (then
          (local.set $c (i32.add (local.get $c) (local.get $cRowBytes)))
          (if (i32.eqz (local.get $epilogue)) (then
            (v128.store align=4 (local.get $c) (local.get $s30)))
          (else (if (i32.eq (local.get $epilogue) (i32.const 1)) (then
            (v128.store align=4 (local.get $c) (local.get $s30))
            (v128.store align=4 (i32.add (local.get $c) (local.get $delta)) (f32x4.max (local.get $s30) (v128.const i32x4 0 0 0 0))))
          (else
            (local.set $x (v128.load align=4 (i32.add (local.get $c) (local.get $delta))))
            (v128.store align=4 (local.get $c) (f32x4.mul (local.get $s30) (v128.bitselect (local.get $x) (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $x) (v128.const i32x4 0 0 0 0))) (f32x4.ne (local.get $x) (local.get $x)))))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rowLoop))))

  ;; $productOne(a, aRow, aCol, b, bRow, c, cRow, rows, vectors, shared, epilogue, delta): the generic loop's
  ;; c[i·cRow + j] = Σ_k a(i, k) b(k, j) for i < rows, j < 4·vectors, with a(i, k) = a[i·aRow + k·aCol]
  ;; and b(k, j) = b[k·bRow + j] (columns contiguous, 4·vectors of them readable; shared ≥ 1).
  ;; epilogue 0: c only; 1: also relu(c) (`relu`) at c + delta bytes; 2: c · step(z) (`reluGradient`)
  ;; stored at c instead of c itself, z at c + delta bytes — the element-wise pass that follows the product
  ;; in a step, on the result still in registers (the same operations per element).
  (func $productOne
    (param $a i32) (param $aRow i32) (param $aCol i32) (param $b i32) (param $bRow i32)
    (param $c i32) (param $cRow i32) (param $rows i32) (param $vectors i32) (param $shared i32)
    (param $epilogue i32) (param $delta i32)
    (local $j i32) (local $aStep i32) (local $bStep i32)
    (local $pairEnd i32) (local $colEnd i32) (local $cRowBytes i32) (local $aRowBytes i32) (local $oneBlock i32)
    (local.set $aStep (i32.shl (local.get $aCol) (i32.const 2)))
    (local.set $bStep (i32.shl (local.get $bRow) (i32.const 2)))
    (local.set $cRowBytes (i32.shl (local.get $cRow) (i32.const 2)))
    ;; columns in pairs of vectors, then the last vector when their number is odd
    (local.set $pairEnd (i32.shl (i32.and (local.get $vectors) (i32.const -2)) (i32.const 2)))
    (local.set $colEnd (i32.shl (local.get $vectors) (i32.const 2)))
    (local.set $aRowBytes (i32.shl (local.get $aRow) (i32.const 2)))
    (local.set $oneBlock (i32.le_u (local.get $shared) (global.get $SHARED_BLOCK)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairEnd)))
        (if (local.get $oneBlock)
          (then (call $panel8one (local.get $a) (local.get $aRowBytes)
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))
            (local.get $aStep) (local.get $bStep) (local.get $shared)
            (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (local.get $cRowBytes) (local.get $rows)
            (local.get $epilogue) (local.get $delta)))
          (else (call $panel8 (local.get $a) (local.get $aRowBytes)
            (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))
            (local.get $aStep) (local.get $bStep) (local.get $shared)
            (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (local.get $cRowBytes) (local.get $rows)
            (local.get $epilogue) (local.get $delta))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $pairs)))
    (if (i32.lt_u (local.get $pairEnd) (local.get $colEnd)) (then
      (if (local.get $oneBlock)
        (then (call $panel4one (local.get $a) (local.get $aRowBytes)
          (i32.add (local.get $b) (i32.shl (local.get $pairEnd) (i32.const 2)))
          (local.get $aStep) (local.get $bStep) (local.get $shared)
          (i32.add (local.get $c) (i32.shl (local.get $pairEnd) (i32.const 2))) (local.get $cRowBytes) (local.get $rows)
          (local.get $epilogue) (local.get $delta)))
        (else (call $panel4 (local.get $a) (local.get $aRowBytes)
          (i32.add (local.get $b) (i32.shl (local.get $pairEnd) (i32.const 2)))
          (local.get $aStep) (local.get $bStep) (local.get $shared)
          (i32.add (local.get $c) (i32.shl (local.get $pairEnd) (i32.const 2))) (local.get $cRowBytes) (local.get $rows)
          (local.get $epilogue) (local.get $delta)))))))

  ;; product(…, runs, aRunBytes, bRunBytes, cRunBytes): $productOne for each of `runs` runs, the
  ;; operands and result of run s + 1 at the given bytes past those of run s (one call per batched product).
  (func (export "product")
    (param $a i32) (param $aRow i32) (param $aCol i32) (param $b i32) (param $bRow i32)
    (param $c i32) (param $cRow i32) (param $rows i32) (param $vectors i32) (param $shared i32)
    (param $epilogue i32) (param $delta i32)
    (param $runs i32) (param $aRunBytes i32) (param $bRunBytes i32) (param $cRunBytes i32)
    (local $s i32)
    (block $runsDone
      (loop $runLoop
        (br_if $runsDone (i32.ge_u (local.get $s) (local.get $runs)))
        (call $productOne (local.get $a) (local.get $aRow) (local.get $aCol) (local.get $b) (local.get $bRow) (local.get $c) (local.get $cRow) (local.get $rows) (local.get $vectors) (local.get $shared) (local.get $epilogue) (local.get $delta))
        (local.set $a (i32.add (local.get $a) (local.get $aRunBytes)))
        (local.set $b (i32.add (local.get $b) (local.get $bRunBytes)))
        (local.set $c (i32.add (local.get $c) (local.get $cRunBytes)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $runLoop))))

  ;; $copyOne(src, srcRow, srcCol, dst, dstRow, rows, cols, paddedCols): dst[r·dstRow + c] =
  ;; src[r·srcRow + c·srcCol] for c < cols, 0 for cols ≤ c < paddedCols (packs an operand with
  ;; contiguous, zero-padded columns; unpacks a padded result).
  (func $copyOne
    (param $src i32) (param $srcRow i32) (param $srcCol i32) (param $dst i32) (param $dstRow i32)
    (param $rows i32) (param $cols i32) (param $paddedCols i32)
    (local $r i32) (local $c i32) (local $from i32) (local $to i32)
    (block $done
      (loop $rowLoop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $srcRow)) (i32.const 2))))
        (local.set $to (i32.add (local.get $dst) (i32.shl (i32.mul (local.get $r) (local.get $dstRow)) (i32.const 2))))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (f32.store (i32.add (local.get $to) (i32.shl (local.get $c) (i32.const 2)))
              (f32.load (i32.add (local.get $from) (i32.shl (i32.mul (local.get $c) (local.get $srcCol)) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $colLoop)))
        (block $padDone
          (loop $padLoop
            (br_if $padDone (i32.ge_u (local.get $c) (local.get $paddedCols)))
            (f32.store (i32.add (local.get $to) (i32.shl (local.get $c) (i32.const 2))) (f32.const 0))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $padLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; copy(…, runs, srcRunBytes, dstRunBytes): $copyOne for each of `runs` runs.
  (func (export "copy")
    (param $src i32) (param $srcRow i32) (param $srcCol i32) (param $dst i32) (param $dstRow i32)
    (param $rows i32) (param $cols i32) (param $paddedCols i32)
    (param $runs i32) (param $srcRunBytes i32) (param $dstRunBytes i32)
    (local $s i32)
    (block $runsDone
      (loop $runLoop
        (br_if $runsDone (i32.ge_u (local.get $s) (local.get $runs)))
        (call $copyOne (local.get $src) (local.get $srcRow) (local.get $srcCol) (local.get $dst) (local.get $dstRow) (local.get $rows) (local.get $cols) (local.get $paddedCols))
        (local.set $src (i32.add (local.get $src) (local.get $srcRunBytes)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstRunBytes)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $runLoop))))

  ;; $transposeOne(src, srcRow, dst, dstRow, rows, cols): dst[c·dstRow + r] = src[r·srcRow + c] for
  ;; r < rows, c < cols — the copy of a transposed operand (`batchedProducts.ts`: Wᵀ of a forward
  ;; product), as `copy` would do it element by element, here in 4 × 4 blocks transposed by shuffles
  ;; (then the edge rows and columns one by one). Data movement only: the values are not changed.
  (func $transposeOne
    (param $src i32) (param $srcRow i32) (param $dst i32) (param $dstRow i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $rEnd i32) (local $cEnd i32) (local $from i32) (local $to i32)
    (local $srcRowBytes i32) (local $dstRowBytes i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $srcRowBytes (i32.shl (local.get $srcRow) (i32.const 2)))
    (local.set $dstRowBytes (i32.shl (local.get $dstRow) (i32.const 2)))
    (local.set $rEnd (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cEnd (i32.and (local.get $cols) (i32.const -4)))
    (block $blockRowsDone
      (loop $blockRows
        (br_if $blockRowsDone (i32.ge_u (local.get $r) (local.get $rEnd)))
        (local.set $c (i32.const 0))
        (block $blockColsDone
          (loop $blockCols
            (br_if $blockColsDone (i32.ge_u (local.get $c) (local.get $cEnd)))
            (local.set $from (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $srcRow)) (local.get $c)) (i32.const 2))))
            (local.set $to (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $dstRow)) (local.get $r)) (i32.const 2))))
                (local.set $a0 (v128.load align=4 (i32.add (local.get $from) (i32.mul (i32.const 0) (local.get $srcRowBytes)))))
                (local.set $a1 (v128.load align=4 (i32.add (local.get $from) (i32.mul (i32.const 1) (local.get $srcRowBytes)))))
                (local.set $a2 (v128.load align=4 (i32.add (local.get $from) (i32.mul (i32.const 2) (local.get $srcRowBytes)))))
                (local.set $a3 (v128.load align=4 (i32.add (local.get $from) (i32.mul (i32.const 3) (local.get $srcRowBytes)))))
                (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))) (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1)))
                (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))) (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3)))
                (v128.store align=4 (i32.add (local.get $to) (i32.mul (i32.const 0) (local.get $dstRowBytes))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
                (v128.store align=4 (i32.add (local.get $to) (i32.mul (i32.const 1) (local.get $dstRowBytes))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
                (v128.store align=4 (i32.add (local.get $to) (i32.mul (i32.const 2) (local.get $dstRowBytes))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
                (v128.store align=4 (i32.add (local.get $to) (i32.mul (i32.const 3) (local.get $dstRowBytes))) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $blockCols)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $blockRows)))
    ;; the columns past the last block of 4, for the rows of the blocks; then the rows past them
    (call $transposeElements (local.get $src) (local.get $srcRow) (local.get $dst) (local.get $dstRow) (i32.const 0) (local.get $rEnd) (local.get $cEnd) (local.get $cols))
    (call $transposeElements (local.get $src) (local.get $srcRow) (local.get $dst) (local.get $dstRow) (local.get $rEnd) (local.get $rows) (i32.const 0) (local.get $cols)))

  ;; transpose(…, runs, srcRunBytes, dstRunBytes): $transposeOne for each of `runs` runs.
  (func (export "transpose")
    (param $src i32) (param $srcRow i32) (param $dst i32) (param $dstRow i32) (param $rows i32) (param $cols i32)
    (param $runs i32) (param $srcRunBytes i32) (param $dstRunBytes i32)
    (local $s i32)
    (block $runsDone
      (loop $runLoop
        (br_if $runsDone (i32.ge_u (local.get $s) (local.get $runs)))
        (call $transposeOne (local.get $src) (local.get $srcRow) (local.get $dst) (local.get $dstRow) (local.get $rows) (local.get $cols))
        (local.set $src (i32.add (local.get $src) (local.get $srcRunBytes)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstRunBytes)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $runLoop))))

  ;; dst[c·dstRow + r] = src[r·srcRow + c] for r0 ≤ r < r1, c0 ≤ c < c1, element by element.
  (func $transposeElements
    (param $src i32) (param $srcRow i32) (param $dst i32) (param $dstRow i32) (param $r0 i32) (param $r1 i32) (param $c0 i32) (param $c1 i32)
    (local $r i32) (local $c i32)
    (local.set $r (local.get $r0))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $r1)))
        (local.set $c (local.get $c0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $c1)))
            (f32.store (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $dstRow)) (local.get $r)) (i32.const 2)))
              (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $srcRow)) (local.get $c)) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $colLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; ---------------------------------------------------------------------------------------------
  ;; Parameter steps (`src/train/parameterSteps.ts`)
  ;; ---------------------------------------------------------------------------------------------

;; src[e] = src[e] / norm for e < n (four at a time, then the rest), and where w ≠ 0 also
  ;; w[e] = scale · src[e] of the quotient just stored (W = g V, the `Multiply` of `scaleRuns`, in
  ;; the same pass).
  (func $divideBy (param $src i32) (param $n i32) (param $norm f32) (param $w i32) (param $scale f32)
    (local $e i32) (local $vectorEnd i32) (local $p i32) (local $splat v128) (local $scales v128) (local $q v128) (local $x f32)
    (local.set $vectorEnd (i32.and (local.get $n) (i32.const -4)))
    (local.set $splat (f32x4.splat (local.get $norm)))
    (local.set $scales (f32x4.splat (local.get $scale)))
    (if (i32.eqz (local.get $w)) (then
      (block $done
        (loop $vectors
          (br_if $done (i32.ge_u (local.get $e) (local.get $vectorEnd)))
          (local.set $p (i32.add (local.get $src) (i32.shl (local.get $e) (i32.const 2))))
          (v128.store align=4 (local.get $p) (f32x4.div (v128.load align=4 (local.get $p)) (local.get $splat)))
          (local.set $e (i32.add (local.get $e) (i32.const 4)))
          (br $vectors))))
    (else
      (block $done
        (loop $vectors
          (br_if $done (i32.ge_u (local.get $e) (local.get $vectorEnd)))
          (local.set $p (i32.shl (local.get $e) (i32.const 2)))
          (local.set $q (f32x4.div (v128.load align=4 (i32.add (local.get $src) (local.get $p))) (local.get $splat)))
          (v128.store align=4 (i32.add (local.get $src) (local.get $p)) (local.get $q))
          (v128.store align=4 (i32.add (local.get $w) (local.get $p)) (f32x4.mul (local.get $scales) (local.get $q)))
          (local.set $e (i32.add (local.get $e) (i32.const 4)))
          (br $vectors)))))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $e) (local.get $n)))
        (local.set $p (i32.shl (local.get $e) (i32.const 2)))
        (local.set $x (f32.div (f32.load (i32.add (local.get $src) (local.get $p))) (local.get $norm)))
        (f32.store (i32.add (local.get $src) (local.get $p)) (local.get $x))
        (if (local.get $w) (then (f32.store (i32.add (local.get $w) (local.get $p)) (f32.mul (local.get $scale) (local.get $x)))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $rest))))

  ;; weightNormStep(v, g, grad, lr, decay, vOut, gOut, wOut, n, S): per run s of S, with V, ∇_W and V'
  ;; of n elements and g, η, 2λ, g' scalars, the TF.js kernels of
  ;;
  ;;   radial = sum(grad ⊙ v);  stepped = v − η · (g · (grad − radial · v));
  ;;   V' = stepped / sqrt(sum(stepped ⊙ stepped));  g' = g − η · (radial + 2λ · g)
  ;;
  ;; (`Multiply`, `Sum` — a sequential sum from 0 —, `Sub`, `Square`, `Sqrt`, `RealDiv`, `Add`).
  ;; Four runs at a time: the element-wise operations on four consecutive elements of each run
  ;; (run-wise vectors, each run's scalars splatted), and only the terms of the two sums — grad · v
  ;; and stepped² — transposed (4 × 4, by shuffles) to one run per SIMD lane and added in element
  ;; order, so each lane evaluates its run's sequential sum (16 shuffles per 16 element-runs, from
  ;; 40 when the inputs were transposed in and V' back out); the elements past the last multiple
  ;; of 4 are loaded lane by lane.
  ;; The runs past the last (when S is not a multiple of 4) repeat the last run and are not
  ;; finished — so vOut must not overlap v (the repeated run would read its own update); gOut may be g.
  ;; Where wOut ≠ 0 it also receives the effective weights W' = g' V' (`scaleRuns`), in the pass
  ;; that divides by the norm.
  (func (export "weightNormStep")
    (param $v i32) (param $g i32) (param $grad i32) (param $lr i32) (param $decay i32)
    (param $vOut i32) (param $gOut i32) (param $wOut i32) (param $n i32) (param $S i32)
    (local $s i32) (local $eb i32) (local $runBytes i32) (local $vectorBytes i32) (local $run i32) (local $q i32)
    (local $v0 i32) (local $v1 i32) (local $v2 i32) (local $v3 i32)
    (local $d0 i32) (local $d1 i32) (local $d2 i32) (local $d3 i32)
    (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $gv v128) (local $lv v128) (local $rad v128) (local $sq v128) (local $st v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local $l0 v128) (local $l1 v128) (local $l2 v128) (local $l3 v128)
    (local $g0 v128) (local $g1 v128) (local $g2 v128) (local $g3 v128)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local.set $runBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vectorBytes (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $runsDone
      (loop $runs
        (br_if $runsDone (i32.ge_u (local.get $s) (local.get $S)))
        ;; lane q: run min(s + q, S − 1)
        (local.set $q (i32.const 0))
        (block $lanesDone
          (loop $lanes
            (br_if $lanesDone (i32.ge_u (local.get $q) (i32.const 4)))
            (local.set $run (call $clampRun (local.get $s) (local.get $q) (local.get $S)))
            (local.set $gv (call $replaceLane (local.get $gv) (local.get $q)
              (f32.load (i32.add (local.get $g) (i32.shl (local.get $run) (i32.const 2))))))
            (local.set $lv (call $replaceLane (local.get $lv) (local.get $q)
              (f32.load (i32.add (local.get $lr) (i32.shl (local.get $run) (i32.const 2))))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $lanes)))
        (local.set $v0 (i32.add (local.get $v) (i32.mul (local.get $s) (local.get $runBytes))))
        (local.set $d0 (i32.add (local.get $grad) (i32.mul (local.get $s) (local.get $runBytes))))
        (local.set $o0 (i32.add (local.get $vOut) (i32.mul (local.get $s) (local.get $runBytes))))
        (local.set $run (call $clampRun (local.get $s) (i32.const 1) (local.get $S)))
        (local.set $v1 (i32.add (local.get $v) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $d1 (i32.add (local.get $grad) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $o1 (i32.add (local.get $vOut) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $run (call $clampRun (local.get $s) (i32.const 2) (local.get $S)))
        (local.set $v2 (i32.add (local.get $v) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $d2 (i32.add (local.get $grad) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $o2 (i32.add (local.get $vOut) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $run (call $clampRun (local.get $s) (i32.const 3) (local.get $S)))
        (local.set $v3 (i32.add (local.get $v) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $d3 (i32.add (local.get $grad) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $o3 (i32.add (local.get $vOut) (i32.mul (local.get $run) (local.get $runBytes))))
        (local.set $rad (v128.const i32x4 0 0 0 0))
        (local.set $sq (v128.const i32x4 0 0 0 0))
        ;; radial = Σ grad · v
        (local.set $eb (i32.const 0))
        (block $done
          (loop $radial
            (br_if $done (i32.ge_u (local.get $eb) (local.get $vectorBytes)))
            ;; the products grad · v of four consecutive elements of each run, transposed to one run per
            ;; lane, then added in element order (the sequential sum of each run)
            (local.set $a0 (f32x4.mul (v128.load align=4 (i32.add (local.get $d0) (local.get $eb))) (v128.load align=4 (i32.add (local.get $v0) (local.get $eb)))))
            (local.set $a1 (f32x4.mul (v128.load align=4 (i32.add (local.get $d1) (local.get $eb))) (v128.load align=4 (i32.add (local.get $v1) (local.get $eb)))))
            (local.set $a2 (f32x4.mul (v128.load align=4 (i32.add (local.get $d2) (local.get $eb))) (v128.load align=4 (i32.add (local.get $v2) (local.get $eb)))))
            (local.set $a3 (f32x4.mul (v128.load align=4 (i32.add (local.get $d3) (local.get $eb))) (v128.load align=4 (i32.add (local.get $v3) (local.get $eb)))))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))) (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))) (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3)))
            (local.set $x0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2))) (local.set $x1 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (local.set $x2 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3))) (local.set $x3 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $rad (f32x4.add (local.get $rad) (local.get $x0)))
            (local.set $rad (f32x4.add (local.get $rad) (local.get $x1)))
            (local.set $rad (f32x4.add (local.get $rad) (local.get $x2)))
            (local.set $rad (f32x4.add (local.get $rad) (local.get $x3)))
            (local.set $eb (i32.add (local.get $eb) (i32.const 16)))
            (br $radial)))
        (block $done
          (loop $radialRest
            (br_if $done (i32.ge_u (local.get $eb) (local.get $runBytes)))
            (local.set $rad (f32x4.add (local.get $rad) (f32x4.mul (v128.load32_lane 3 (i32.add (local.get $d3) (local.get $eb))
              (v128.load32_lane 2 (i32.add (local.get $d2) (local.get $eb))
                (v128.load32_lane 1 (i32.add (local.get $d1) (local.get $eb))
                  (v128.load32_splat align=4 (i32.add (local.get $d0) (local.get $eb))))))
              (v128.load32_lane 3 (i32.add (local.get $v3) (local.get $eb))
                (v128.load32_lane 2 (i32.add (local.get $v2) (local.get $eb))
                  (v128.load32_lane 1 (i32.add (local.get $v1) (local.get $eb))
                    (v128.load32_splat align=4 (i32.add (local.get $v0) (local.get $eb)))))))))
            (local.set $eb (i32.add (local.get $eb) (i32.const 4)))
            (br $radialRest)))
        ;; stepped = v − η (g (grad − radial v)), stored in V'; Σ stepped². Each run's η, g and radial
        ;; in all lanes (l<run>, g<run>, r<run>)
        (local.set $l0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $lv) (local.get $lv))) (local.set $g0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $gv) (local.get $gv))) (local.set $r0 (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $rad) (local.get $rad)))
        (local.set $l1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $lv) (local.get $lv))) (local.set $g1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $gv) (local.get $gv))) (local.set $r1 (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $rad) (local.get $rad)))
        (local.set $l2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $lv) (local.get $lv))) (local.set $g2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $gv) (local.get $gv))) (local.set $r2 (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $rad) (local.get $rad)))
        (local.set $l3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $lv) (local.get $lv))) (local.set $g3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $gv) (local.get $gv))) (local.set $r3 (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $rad) (local.get $rad)))
        (local.set $eb (i32.const 0))
        (block $done
          (loop $stepped
            (br_if $done (i32.ge_u (local.get $eb) (local.get $vectorBytes)))
            ;; four consecutive elements of each run, with its own η, g and radial (splatted); the
            ;; squares transposed to one run per lane and added in element order
            (local.set $x0 (v128.load align=4 (i32.add (local.get $v0) (local.get $eb))))
            (local.set $x0 (f32x4.sub (local.get $x0) (f32x4.mul (local.get $l0) (f32x4.mul (local.get $g0)
              (f32x4.sub (v128.load align=4 (i32.add (local.get $d0) (local.get $eb))) (f32x4.mul (local.get $r0) (local.get $x0)))))))
            (v128.store align=4 (i32.add (local.get $o0) (local.get $eb)) (local.get $x0))
            (local.set $a0 (f32x4.mul (local.get $x0) (local.get $x0)))
            (local.set $x1 (v128.load align=4 (i32.add (local.get $v1) (local.get $eb))))
            (local.set $x1 (f32x4.sub (local.get $x1) (f32x4.mul (local.get $l1) (f32x4.mul (local.get $g1)
              (f32x4.sub (v128.load align=4 (i32.add (local.get $d1) (local.get $eb))) (f32x4.mul (local.get $r1) (local.get $x1)))))))
            (v128.store align=4 (i32.add (local.get $o1) (local.get $eb)) (local.get $x1))
            (local.set $a1 (f32x4.mul (local.get $x1) (local.get $x1)))
            (local.set $x2 (v128.load align=4 (i32.add (local.get $v2) (local.get $eb))))
            (local.set $x2 (f32x4.sub (local.get $x2) (f32x4.mul (local.get $l2) (f32x4.mul (local.get $g2)
              (f32x4.sub (v128.load align=4 (i32.add (local.get $d2) (local.get $eb))) (f32x4.mul (local.get $r2) (local.get $x2)))))))
            (v128.store align=4 (i32.add (local.get $o2) (local.get $eb)) (local.get $x2))
            (local.set $a2 (f32x4.mul (local.get $x2) (local.get $x2)))
            (local.set $x3 (v128.load align=4 (i32.add (local.get $v3) (local.get $eb))))
            (local.set $x3 (f32x4.sub (local.get $x3) (f32x4.mul (local.get $l3) (f32x4.mul (local.get $g3)
              (f32x4.sub (v128.load align=4 (i32.add (local.get $d3) (local.get $eb))) (f32x4.mul (local.get $r3) (local.get $x3)))))))
            (v128.store align=4 (i32.add (local.get $o3) (local.get $eb)) (local.get $x3))
            (local.set $a3 (f32x4.mul (local.get $x3) (local.get $x3)))
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a0) (local.get $a1))) (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a0) (local.get $a1)))
            (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a2) (local.get $a3))) (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a2) (local.get $a3)))
            (local.set $y0 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2))) (local.set $y1 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
            (local.set $y2 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3))) (local.set $y3 (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
            (local.set $sq (f32x4.add (local.get $sq) (local.get $y0)))
            (local.set $sq (f32x4.add (local.get $sq) (local.get $y1)))
            (local.set $sq (f32x4.add (local.get $sq) (local.get $y2)))
            (local.set $sq (f32x4.add (local.get $sq) (local.get $y3)))
            (local.set $eb (i32.add (local.get $eb) (i32.const 16)))
            (br $stepped)))
        (block $done
          (loop $steppedRest
            (br_if $done (i32.ge_u (local.get $eb) (local.get $runBytes)))
            (local.set $x0 (v128.load32_lane 3 (i32.add (local.get $v3) (local.get $eb))
              (v128.load32_lane 2 (i32.add (local.get $v2) (local.get $eb))
                (v128.load32_lane 1 (i32.add (local.get $v1) (local.get $eb))
                  (v128.load32_splat align=4 (i32.add (local.get $v0) (local.get $eb)))))))
            (local.set $st (f32x4.sub (local.get $x0) (f32x4.mul (local.get $lv) (f32x4.mul (local.get $gv)
              (f32x4.sub (v128.load32_lane 3 (i32.add (local.get $d3) (local.get $eb))
                (v128.load32_lane 2 (i32.add (local.get $d2) (local.get $eb))
                  (v128.load32_lane 1 (i32.add (local.get $d1) (local.get $eb))
                    (v128.load32_splat align=4 (i32.add (local.get $d0) (local.get $eb))))))
                (f32x4.mul (local.get $rad) (local.get $x0)))))))
            (v128.store32_lane 0 (i32.add (local.get $o0) (local.get $eb)) (local.get $st))
            (v128.store32_lane 1 (i32.add (local.get $o1) (local.get $eb)) (local.get $st))
            (v128.store32_lane 2 (i32.add (local.get $o2) (local.get $eb)) (local.get $st))
            (v128.store32_lane 3 (i32.add (local.get $o3) (local.get $eb)) (local.get $st))
            (local.set $sq (f32x4.add (local.get $sq) (f32x4.mul (local.get $st) (local.get $st))))
            (local.set $eb (i32.add (local.get $eb) (i32.const 4)))
            (br $steppedRest)))
        ;; finish the runs that exist: V' = stepped / ‖stepped‖, g' = g − η (radial + 2λ g)
        (call $finishWeightNorm (local.get $o0) (local.get $n) (f32x4.extract_lane 0 (local.get $sq)) (f32x4.extract_lane 0 (local.get $gv))
          (f32x4.extract_lane 0 (local.get $lv)) (f32x4.extract_lane 0 (local.get $rad)) (local.get $decay) (local.get $gOut) (local.get $wOut) (local.get $runBytes) (local.get $s))
        (if (i32.lt_u (i32.add (local.get $s) (i32.const 1)) (local.get $S)) (then
          (call $finishWeightNorm (local.get $o1) (local.get $n) (f32x4.extract_lane 1 (local.get $sq)) (f32x4.extract_lane 1 (local.get $gv))
            (f32x4.extract_lane 1 (local.get $lv)) (f32x4.extract_lane 1 (local.get $rad)) (local.get $decay) (local.get $gOut) (local.get $wOut) (local.get $runBytes) (i32.add (local.get $s) (i32.const 1)))))
        (if (i32.lt_u (i32.add (local.get $s) (i32.const 2)) (local.get $S)) (then
          (call $finishWeightNorm (local.get $o2) (local.get $n) (f32x4.extract_lane 2 (local.get $sq)) (f32x4.extract_lane 2 (local.get $gv))
            (f32x4.extract_lane 2 (local.get $lv)) (f32x4.extract_lane 2 (local.get $rad)) (local.get $decay) (local.get $gOut) (local.get $wOut) (local.get $runBytes) (i32.add (local.get $s) (i32.const 2)))))
        (if (i32.lt_u (i32.add (local.get $s) (i32.const 3)) (local.get $S)) (then
          (call $finishWeightNorm (local.get $o3) (local.get $n) (f32x4.extract_lane 3 (local.get $sq)) (f32x4.extract_lane 3 (local.get $gv))
            (f32x4.extract_lane 3 (local.get $lv)) (f32x4.extract_lane 3 (local.get $rad)) (local.get $decay) (local.get $gOut) (local.get $wOut) (local.get $runBytes) (i32.add (local.get $s) (i32.const 3)))))
        (local.set $s (i32.add (local.get $s) (i32.const 4)))
        (br $runs))))

  ;; vector with lane q (0 … 3) replaced by x
  (func $replaceLane (param $vec v128) (param $q i32) (param $x f32) (result v128)
    (if (result v128) (i32.eq (local.get $q) (i32.const 0)) (then (f32x4.replace_lane 0 (local.get $vec) (local.get $x)))
      (else (if (result v128) (i32.eq (local.get $q) (i32.const 1)) (then (f32x4.replace_lane 1 (local.get $vec) (local.get $x)))
        (else (if (result v128) (i32.eq (local.get $q) (i32.const 2)) (then (f32x4.replace_lane 2 (local.get $vec) (local.get $x)))
          (else (f32x4.replace_lane 3 (local.get $vec) (local.get $x)))))))))

  ;; min(s + q, S − 1)
  (func $clampRun (param $s i32) (param $q i32) (param $S i32) (result i32)
    (select (i32.add (local.get $s) (local.get $q)) (i32.sub (local.get $S) (i32.const 1))
      (i32.lt_u (i32.add (local.get $s) (local.get $q)) (i32.sub (local.get $S) (i32.const 1)))))

  ;; V' = stepped / ‖stepped‖ in place at vOut, g' = g − η (radial + 2λ g) of run `run`, and where
  ;; wOut ≠ 0 the run's W' = g' V' at wOut + run · runBytes.
  (func $finishWeightNorm
    (param $vOut i32) (param $n i32) (param $squares f32) (param $g f32) (param $lr f32) (param $radial f32)
    (param $decay i32) (param $gOut i32) (param $wOut i32) (param $runBytes i32) (param $run i32)
    (local $gNext f32)
    (local.set $gNext (f32.sub (local.get $g) (f32.mul (local.get $lr) (f32.add (local.get $radial)
      (f32.mul (f32.load (i32.add (local.get $decay) (i32.shl (local.get $run) (i32.const 2)))) (local.get $g))))))
    (f32.store (i32.add (local.get $gOut) (i32.shl (local.get $run) (i32.const 2))) (local.get $gNext))
    (call $divideBy (local.get $vOut) (local.get $n) (f32.sqrt (local.get $squares))
      (select (i32.add (local.get $wOut) (i32.mul (local.get $run) (local.get $runBytes))) (i32.const 0) (local.get $wOut))
      (local.get $gNext)))

  ;; plainStep(w, grad, lr, decay, wOut, n, S): per run s, W' = W − η (∇_W + 2λ W) (`Multiply`,
  ;; `Add`, `Multiply`, `Sub`); wOut may be w.
  (func (export "plainStep")
    (param $w i32) (param $grad i32) (param $lr i32) (param $decay i32) (param $wOut i32) (param $n i32) (param $S i32)
    (local $s i32) (local $e i32) (local $offset i32) (local $vectorEnd i32)
    (local $l f32) (local $d f32) (local $lv v128) (local $dv v128) (local $at i32)
    (local.set $vectorEnd (i32.and (local.get $n) (i32.const -4)))
    (block $runsDone
      (loop $runs
        (br_if $runsDone (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $offset (i32.shl (i32.mul (local.get $s) (local.get $n)) (i32.const 2)))
        (local.set $l (f32.load (i32.add (local.get $lr) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $d (f32.load (i32.add (local.get $decay) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $lv (f32x4.splat (local.get $l)))
        (local.set $dv (f32x4.splat (local.get $d)))
        (local.set $e (i32.const 0))
        (block $done
          (loop $vectors
            (br_if $done (i32.ge_u (local.get $e) (local.get $vectorEnd)))
            (local.set $at (i32.add (local.get $offset) (i32.shl (local.get $e) (i32.const 2))))
            (v128.store align=4 (i32.add (local.get $wOut) (local.get $at))
              (f32x4.sub (v128.load align=4 (i32.add (local.get $w) (local.get $at)))
                (f32x4.mul (local.get $lv) (f32x4.add (v128.load align=4 (i32.add (local.get $grad) (local.get $at)))
                  (f32x4.mul (local.get $dv) (v128.load align=4 (i32.add (local.get $w) (local.get $at))))))))
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $vectors)))
        (block $done
          (loop $rest
            (br_if $done (i32.ge_u (local.get $e) (local.get $n)))
            (local.set $at (i32.add (local.get $offset) (i32.shl (local.get $e) (i32.const 2))))
            (f32.store (i32.add (local.get $wOut) (local.get $at))
              (f32.sub (f32.load (i32.add (local.get $w) (local.get $at)))
                (f32.mul (local.get $l) (f32.add (f32.load (i32.add (local.get $grad) (local.get $at)))
                  (f32.mul (local.get $d) (f32.load (i32.add (local.get $w) (local.get $at))))))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $rest)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $runs))))

  ;; ---------------------------------------------------------------------------------------------
  ;; Element-wise kernels of a training step (`src/train/wasmSteps.ts`). n is the element count;
  ;; buffers are 16-byte aligned there, so each loop runs over whole vectors then the rest.
  ;; ---------------------------------------------------------------------------------------------

  ;; relu(src, dst, n): dst = max(src, 0) as TF.js's `Relu` (NaN stays NaN, −0 becomes 0).
  (func (export "relu") (param $src i32) (param $dst i32) (param $n i32)
    (local $e i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.gt_u (i32.add (local.get $e) (i32.const 16)) (local.get $end)))
        (v128.store align=4 (i32.add (local.get $dst) (local.get $e))
          (f32x4.max (v128.load align=4 (i32.add (local.get $src) (local.get $e))) (v128.const i32x4 0 0 0 0)))
        (local.set $e (i32.add (local.get $e) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
        (f32.store (i32.add (local.get $dst) (local.get $e))
          (f32.max (f32.load (i32.add (local.get $src) (local.get $e))) (f32.const 0)))
        (local.set $e (i32.add (local.get $e) (i32.const 4)))
        (br $rest))))

  ;; lossGradient(f, y, dst, n, perSample): dst = perSample · (2 · (f − y)), the association of
  ;; TF.js's gradient of div(sum(squaredDifference(f, y)), M) with perSample = fl32(1/M).
  (func (export "lossGradient") (param $f i32) (param $y i32) (param $dst i32) (param $n i32) (param $perSample f32)
    (local $e i32) (local $end i32) (local $scale v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $scale (f32x4.splat (local.get $perSample)))
    (block $done
      (loop $vectors
        (br_if $done (i32.gt_u (i32.add (local.get $e) (i32.const 16)) (local.get $end)))
        (v128.store align=4 (i32.add (local.get $dst) (local.get $e))
          (f32x4.mul (local.get $scale) (f32x4.mul (v128.const f32x4 2 2 2 2)
            (f32x4.sub (v128.load align=4 (i32.add (local.get $f) (local.get $e))) (v128.load align=4 (i32.add (local.get $y) (local.get $e)))))))
        (local.set $e (i32.add (local.get $e) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
        (f32.store (i32.add (local.get $dst) (local.get $e))
          (f32.mul (local.get $perSample) (f32.mul (f32.const 2)
            (f32.sub (f32.load (i32.add (local.get $f) (local.get $e))) (f32.load (i32.add (local.get $y) (local.get $e)))))))
        (local.set $e (i32.add (local.get $e) (i32.const 4)))
        (br $rest))))

  ;; step(z) as TF.js's `Step` (alpha 0): 1 for z > 0, NaN for NaN, else 0.
  (func $stepOf (param $z v128) (result v128)
    (v128.bitselect (local.get $z)
      (v128.bitselect (v128.const f32x4 1 1 1 1) (v128.const i32x4 0 0 0 0) (f32x4.gt (local.get $z) (v128.const i32x4 0 0 0 0)))
      (f32x4.ne (local.get $z) (local.get $z))))

  ;; reluGradient(dh, z, dst, n): dst = dh · step(z) (`Step`, `Multiply`), step as $stepOf
  ;; (written out here: V8 does not inline the call, which took a third of the kernel's time).
  (func (export "reluGradient") (param $dh i32) (param $z i32) (param $dst i32) (param $n i32)
    (local $e i32) (local $end i32) (local $zv v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.gt_u (i32.add (local.get $e) (i32.const 16)) (local.get $end)))
        (local.set $zv (v128.load align=4 (i32.add (local.get $z) (local.get $e))))
        (v128.store align=4 (i32.add (local.get $dst) (local.get $e))
          (f32x4.mul (v128.load align=4 (i32.add (local.get $dh) (local.get $e)))
            (v128.bitselect (local.get $zv)
              (v128.and (v128.const f32x4 1 1 1 1) (f32x4.gt (local.get $zv) (v128.const i32x4 0 0 0 0)))
              (f32x4.ne (local.get $zv) (local.get $zv)))))
        (local.set $e (i32.add (local.get $e) (i32.const 16)))
        (br $vectors)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
        (f32.store (i32.add (local.get $dst) (local.get $e))
          (f32.mul (f32.load (i32.add (local.get $dh) (local.get $e)))
            (f32x4.extract_lane 0 (call $stepOf (v128.load32_splat align=4 (i32.add (local.get $z) (local.get $e)))))))
        (local.set $e (i32.add (local.get $e) (i32.const 4)))
        (br $rest))))

  ;; scaleRuns(v, g, dst, n, S): per run s, dst = g_s · V (W = g V, `Multiply`).
  (func (export "scaleRuns") (param $v i32) (param $g i32) (param $dst i32) (param $n i32) (param $S i32)
    (local $s i32) (local $e i32) (local $end i32) (local $gs f32) (local $gv v128) (local $offset i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $runsDone
      (loop $runs
        (br_if $runsDone (i32.ge_u (local.get $s) (local.get $S)))
        (local.set $gs (f32.load (i32.add (local.get $g) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $gv (f32x4.splat (local.get $gs)))
        (local.set $offset (i32.mul (local.get $s) (local.get $end)))
        (local.set $e (i32.const 0))
        (block $done
          (loop $vectors
            (br_if $done (i32.gt_u (i32.add (local.get $e) (i32.const 16)) (local.get $end)))
            (v128.store align=4 (i32.add (i32.add (local.get $dst) (local.get $offset)) (local.get $e))
              (f32x4.mul (local.get $gv) (v128.load align=4 (i32.add (i32.add (local.get $v) (local.get $offset)) (local.get $e)))))
            (local.set $e (i32.add (local.get $e) (i32.const 16)))
            (br $vectors)))
        (block $done
          (loop $rest
            (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
            (f32.store (i32.add (i32.add (local.get $dst) (local.get $offset)) (local.get $e))
              (f32.mul (local.get $gs) (f32.load (i32.add (i32.add (local.get $v) (local.get $offset)) (local.get $e)))))
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $rest)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $runs))))

  ;; gatherRows(src, index, dst, count, rowBytes): dst row r = src row index[r] for r < count, rows
  ;; of rowBytes bytes (a multiple of 4; i32 indices) — the minibatch gathered from the data set
  ;; (`wasmSteps.ts`), 16 bytes at a time then 4. Data movement only.
  (func (export "gatherRows") (param $src i32) (param $index i32) (param $dst i32) (param $count i32) (param $rowBytes i32)
    (local $r i32) (local $from i32) (local $to i32) (local $e i32) (local $vectorBytes i32)
    (local.set $vectorBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (local.set $to (local.get $dst))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $from (i32.add (local.get $src)
          (i32.mul (i32.load (i32.add (local.get $index) (i32.shl (local.get $r) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $e (i32.const 0))
        (block $vectorsDone
          (loop $vectors
            (br_if $vectorsDone (i32.ge_u (local.get $e) (local.get $vectorBytes)))
            (v128.store align=4 (i32.add (local.get $to) (local.get $e)) (v128.load align=4 (i32.add (local.get $from) (local.get $e))))
            (local.set $e (i32.add (local.get $e) (i32.const 16)))
            (br $vectors)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $e) (local.get $rowBytes)))
            (i32.store (i32.add (local.get $to) (local.get $e)) (i32.load (i32.add (local.get $from) (local.get $e))))
            (local.set $e (i32.add (local.get $e) (i32.const 4)))
            (br $rest)))
        (local.set $to (i32.add (local.get $to) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; gatherPatches(src, table, dst, samples, positionsIn, patchRows, channels): the patches of a
  ;; local layer, dst[m, r, ·] = src[m, table[r], ·] (channels floats) for m < samples, r < patchRows
  ;; — what the product with the 0/1 selection matrix computes (`deviceLayers.ts`).
  (func (export "gatherPatches")
    (param $src i32) (param $table i32) (param $dst i32) (param $samples i32) (param $positionsIn i32)
    (param $patchRows i32) (param $channels i32)
    (local $m i32) (local $r i32) (local $ch i32) (local $from i32) (local $to i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (block $samplesDone
      (loop $sampleLoop
        (br_if $samplesDone (i32.ge_u (local.get $m) (local.get $samples)))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $rowLoop
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $patchRows)))
            (local.set $from (i32.add (local.get $src) (i32.mul (i32.add (i32.mul (local.get $m) (local.get $positionsIn))
              (i32.load (i32.add (local.get $table) (i32.shl (local.get $r) (i32.const 2))))) (local.get $rowBytes))))
            (local.set $to (i32.add (local.get $dst) (i32.mul (i32.add (i32.mul (local.get $m) (local.get $patchRows)) (local.get $r)) (local.get $rowBytes))))
            (local.set $ch (i32.const 0))
            (block $chDone
              (loop $chLoop
                (br_if $chDone (i32.ge_u (local.get $ch) (local.get $rowBytes)))
                (f32.store (i32.add (local.get $to) (local.get $ch)) (f32.load (i32.add (local.get $from) (local.get $ch))))
                (local.set $ch (i32.add (local.get $ch) (i32.const 4)))
                (br $chLoop)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowLoop)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $sampleLoop))))

  ;; scatterPatches(src, table, dst, scratch, samples, positionsIn, patchRows, channels): the input
  ;; gradient through the patch selection, dst[m, p, ·] = Σ_{r : table[r] = p} src[m, r, ·], as the
  ;; generic product selᵀ · src sums it: per block of 48 patch rows a partial sum s from 0 in row
  ;; order, then c = (c + s) + 0. scratch: positionsIn · channels floats.
  (func (export "scatterPatches")
    (param $src i32) (param $table i32) (param $dst i32) (param $scratch i32) (param $samples i32)
    (param $positionsIn i32) (param $patchRows i32) (param $channels i32)
    (local $m i32) (local $r i32) (local $r0 i32) (local $rEnd i32) (local $e i32) (local $rowBytes i32)
    (local $planeBytes i32) (local $out i32) (local $to i32) (local $from i32)
    (local.set $rowBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $planeBytes (i32.mul (local.get $positionsIn) (local.get $rowBytes)))
    (block $samplesDone
      (loop $sampleLoop
        (br_if $samplesDone (i32.ge_u (local.get $m) (local.get $samples)))
        (local.set $out (i32.add (local.get $dst) (i32.mul (local.get $m) (local.get $planeBytes))))
        (memory.fill (local.get $out) (i32.const 0) (local.get $planeBytes))
        (local.set $r0 (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $r0) (local.get $patchRows)))
            (local.set $rEnd (select
              (i32.add (local.get $r0) (global.get $SHARED_BLOCK)) (local.get $patchRows)
              (i32.lt_u (i32.add (local.get $r0) (global.get $SHARED_BLOCK)) (local.get $patchRows))))
            (memory.fill (local.get $scratch) (i32.const 0) (local.get $planeBytes))
            (local.set $r (local.get $r0))
            (block $rowsDone
              (loop $rowLoop
                (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rEnd)))
                (local.set $to (i32.add (local.get $scratch) (i32.mul
                  (i32.load (i32.add (local.get $table) (i32.shl (local.get $r) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $from (i32.add (local.get $src) (i32.mul (i32.add (i32.mul (local.get $m) (local.get $patchRows)) (local.get $r)) (local.get $rowBytes))))
                (local.set $e (i32.const 0))
                (block $chDone
                  (loop $chLoop
                    (br_if $chDone (i32.ge_u (local.get $e) (local.get $rowBytes)))
                    (f32.store (i32.add (local.get $to) (local.get $e))
                      (f32.add (f32.load (i32.add (local.get $to) (local.get $e))) (f32.load (i32.add (local.get $from) (local.get $e)))))
                    (local.set $e (i32.add (local.get $e) (i32.const 4)))
                    (br $chLoop)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rowLoop)))
            ;; c = (c + s) + 0 for every position of the sample
            (local.set $e (i32.const 0))
            (block $addDone
              (loop $addLoop
                (br_if $addDone (i32.ge_u (local.get $e) (local.get $planeBytes)))
                (f32.store (i32.add (local.get $out) (local.get $e))
                  (f32.add (f32.add (f32.load (i32.add (local.get $out) (local.get $e))) (f32.load (i32.add (local.get $scratch) (local.get $e)))) (f32.const 0)))
                (local.set $e (i32.add (local.get $e) (i32.const 4)))
                (br $addLoop)))
            (local.set $r0 (local.get $rEnd))
            (br $blocks)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $sampleLoop))))
)
