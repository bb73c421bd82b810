(module
  (memory (export "memory") 1)
  ;; 1 when any of the first $length bytes (a multiple of 64) is below 0x20 (a control
  ;; character) or is 0x5c (a backslash), else 0. Sixteen bytes a step, four steps a turn.
  (func (export "scan") (param $length i32) (result i32)
    (local $at i32) (local $seen v128) (local $bytes v128) (local $space v128) (local $backslash v128)
    (local.set $space (i8x16.splat (i32.const 0x20)))
    (local.set $backslash (i8x16.splat (i32.const 0x5c)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $bytes (v128.load offset=0 (local.get $at)))
        (local.set $seen (v128.or (local.get $seen) (v128.or (i8x16.lt_u (local.get $bytes) (local.get $space)) (i8x16.eq (local.get $bytes) (local.get $backslash)))))
        (local.set $bytes (v128.load offset=16 (local.get $at)))
        (local.set $seen (v128.or (local.get $seen) (v128.or (i8x16.lt_u (local.get $bytes) (local.get $space)) (i8x16.eq (local.get $bytes) (local.get $backslash)))))
        (local.set $bytes (v128.load offset=32 (local.get $at)))
        (local.set $seen (v128.or (local.get $seen) (v128.or (i8x16.lt_u (local.get $bytes) (local.get $space)) (i8x16.eq (local.get $bytes) (local.get $backslash)))))
        (local.set $bytes (v128.load offset=48 (local.get $at)))
        (local.set $seen (v128.or (local.get $seen) (v128.or (i8x16.lt_u (local.get $bytes) (local.get $space)) (i8x16.eq (local.get $bytes) (local.get $backslash)))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $next)))
    (v128.any_true (local.get $seen))))
