;; The fused multiply-add engine's matrix product (see `src/train/engine.ts`): `product` of
;; `trainer.wat` — the same tiles, blocks and signature — with each s = s + a·b of the inner loops
;; one `f32x4.relaxed_madd` (relaxed SIMD), which V8 compiles to a fused multiply-add (one
;; rounding) where the CPU has FMA. Relaxed SIMD lets an engine compute relaxed_madd unfused, so
;; the trainer uses this module only where a start-up probe (`engine.ts`) finds it fused: then every
;; element is the same chain of fused operations on every run and process of the machine.
;; Assembled by wabt with relaxed SIMD enabled (`npm run kernels`; `tests/train/kernels.test.ts`).

(module
  (memory (import "env" "memory") 0)

  ;; The block length of the shared dimension, as in `trainer.wat`.
  (global $SHARED_BLOCK i32 (i32.const 48))

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
              (local.set $s00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s00)))
              (local.set $s01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s01)))
              (local.set $x (v128.load32_splat align=4 (local.get $p1)))
              (local.set $s10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s10)))
              (local.set $s11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s11)))
              (local.set $x (v128.load32_splat align=4 (local.get $p2)))
              (local.set $s20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s20)))
              (local.set $s21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s21)))
              (local.set $x (v128.load32_splat align=4 (local.get $p3)))
              (local.set $s30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s30)))
              (local.set $s31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s31)))
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
              (local.set $s00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s00)))
              (local.set $x (v128.load32_splat align=4 (local.get $p1)))
              (local.set $s10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s10)))
              (local.set $x (v128.load32_splat align=4 (local.get $p2)))
              (local.set $s20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s20)))
              (local.set $x (v128.load32_splat align=4 (local.get $p3)))
              (local.set $s30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s30)))
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
  ;; accumulators): each element is s = a(i, 0) b(0, j), s = s + a(i, k) b(k, j) fused for k = 1 … K − 1,
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
        ;; k = 0: s = a(i, 0) b(0, j) (rounded: relaxed_madd with 0 would add a −0 → +0 only)
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
            (local.set $s00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s00)))
            (local.set $s01 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s01)))
            (local.set $x (v128.load32_splat align=4 (local.get $p1)))
            (local.set $s10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s10)))
            (local.set $s11 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s11)))
            (local.set $x (v128.load32_splat align=4 (local.get $p2)))
            (local.set $s20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s20)))
            (local.set $s21 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s21)))
            (local.set $x (v128.load32_splat align=4 (local.get $p3)))
            (local.set $s30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s30)))
            (local.set $s31 (f32x4.relaxed_madd (local.get $x) (local.get $b1) (local.get $s31)))
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
        ;; k = 0: s = a(i, 0) b(0, j) (rounded: relaxed_madd with 0 would add a −0 → +0 only)
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
            (local.set $s00 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s00)))
            (local.set $x (v128.load32_splat align=4 (local.get $p1)))
            (local.set $s10 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s10)))
            (local.set $x (v128.load32_splat align=4 (local.get $p2)))
            (local.set $s20 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s20)))
            (local.set $x (v128.load32_splat align=4 (local.get $p3)))
            (local.set $s30 (f32x4.relaxed_madd (local.get $x) (local.get $b0) (local.get $s30)))
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

  ;; probe(a, b, c): lane 0 of relaxed_madd(splat a, splat b, splat c) — for a = 1 + 2⁻²³,
  ;; b = 1 − 2⁻²³, c = −1: −2⁻⁴⁶ where it is fused, 0 where it is not (`engine.ts`).
  (func (export "probe") (param $a f32) (param $b f32) (param $c f32) (result f32)
    (f32x4.extract_lane 0 (f32x4.relaxed_madd (f32x4.splat (local.get $a)) (f32x4.splat (local.get $b)) (f32x4.splat (local.get $c)))))
)
