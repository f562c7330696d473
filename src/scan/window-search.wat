;; The search of teddy-windows.ts's chooseWindows, in WebAssembly: which of
;; a literal's windows, in which of the sixteen buckets, lets fewest places
;; more through Teddy's nibble tables. chooseWindows runs it when the
;; prefilter keys literals again (prefilter-wasm.ts), a few megabytes into
;; a run, in code still cold: there the same loops in JavaScript took
;; ~8 ms on the bench corpus (interpreted), for ~40 literals. The
;; JavaScript functions of teddy-windows.ts are the contract, and this
;; module's oracle in the specs: the same arithmetic in the same order, so
;; the same choices, ties included.
;;
;; Memory is laid out by window-search.ts:
;;   0 .. 32768        low8 (as byteWeights in teddy-windows.ts makes it; here
;;                     weigh does): f64 weights of the bytes with high nibble
;;                     h and a low nibble among the low eight bits of m, at
;;                     h*256+m
;;   32768 .. 65536    high8: the same for the high eight low nibbles
;;   65536 .. 65792    the buckets' low nibble masks, i32 per bucket * 4 + place
;;   65792 .. 66048    their high nibble masks
;;   66048 .. 66560    the share of places each passes, f64
;;   66560 .. 66688    the share each bucket passes, f64 (the product)
;;   66688 ..          the windows' low masks, i32 per window * 4 + place,
;;                     then their high masks ($high_at bytes further on);
;;                     before weigh has run, the bytes' 256 weights (f64)
;; A low mask of -1 (ANY) is a place past a window's end, or a bucket place
;; that passes every byte.
(module
  (memory (export "memory") 2)
  (global $all (mut f64) (f64.const 1))
  (global $high_at (mut i32) (i32.const 0))

  (func (export "setup") (param $all f64) (param $high_at i32)
    (global.set $all (local.get $all))
    (global.set $high_at (local.get $high_at)))

  ;; low8 and high8 from the bytes' 256 weights, f64 at $of: byteWeights's
  ;; sums, in the same order.
  (func (export "weigh") (param $of i32)
    (local $h i32) (local $m i32) (local $at i32) (local $from i32) (local $w i32)
    (loop $high
      (local.set $m (i32.const 1))
      (loop $mask
        (local.set $at (i32.shl (i32.add (i32.shl (local.get $h) (i32.const 8)) (local.get $m)) (i32.const 3)))
        (local.set $from (i32.shl (i32.add (i32.shl (local.get $h) (i32.const 8)) (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1)))) (i32.const 3)))
        ;; The weight of the lowest low nibble in $m, and of that plus 8.
        (local.set $w (i32.add (local.get $of) (i32.shl (i32.or (i32.shl (local.get $h) (i32.const 4)) (i32.ctz (local.get $m))) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $from)) (f64.load (local.get $w))))
        (f64.store offset=32768 (local.get $at) (f64.add (f64.load offset=32768 (local.get $from)) (f64.load offset=64 (local.get $w))))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br_if $mask (i32.lt_u (local.get $m) (i32.const 256))))
      (local.set $h (i32.add (local.get $h) (i32.const 1)))
      (br_if $high (i32.lt_u (local.get $h) (i32.const 16)))))

  ;; shareOf: the share of places a place's masks let through.
  (func $share (param $low i32) (param $high i32) (result f64)
    (local $q f64) (local $m i32) (local $h i32)
    (local.set $m (local.get $high))
    (block $done
      (loop $bits
        (br_if $done (i32.eqz (local.get $m)))
        (local.set $h (i32.ctz (local.get $m)))
        (local.set $q (f64.add (local.get $q)
          (f64.add
            (f64.load (i32.shl (i32.add (i32.shl (local.get $h) (i32.const 8)) (i32.and (local.get $low) (i32.const 255))) (i32.const 3)))
            (f64.load offset=32768 (i32.shl (i32.add (i32.shl (local.get $h) (i32.const 8)) (i32.shr_s (local.get $low) (i32.const 8))) (i32.const 3))))))
        (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
        (br $bits)))
    (f64.div (local.get $q) (global.get $all)))

  ;; Empty buckets.
  (func (export "reset")
    (local $i i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (i32.const 1152)))
        (i32.store8 offset=65536 (local.get $i) (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; put: window w into bucket b.
  (func $put (export "put") (param $w i32) (param $b i32)
    (local $passes f64) (local $place i32) (local $k i32) (local $x i32) (local $wl i32)
    (local.set $passes (f64.const 1))
    (block $done
      (loop $places
        (br_if $done (i32.ge_u (local.get $place) (i32.const 4)))
        (local.set $k (i32.shl (i32.add (i32.shl (local.get $b) (i32.const 2)) (local.get $place)) (i32.const 2)))
        (local.set $x (i32.shl (i32.add (i32.shl (local.get $w) (i32.const 2)) (local.get $place)) (i32.const 2)))
        (local.set $wl (i32.load offset=66688 (local.get $x)))
        (if (i32.or (i32.eq (local.get $wl) (i32.const -1)) (i32.eq (i32.load offset=65536 (local.get $k)) (i32.const -1)))
          (then
            (i32.store offset=65536 (local.get $k) (i32.const -1))
            (f64.store offset=66048 (i32.shl (local.get $k) (i32.const 1)) (f64.const 1)))
          (else
            (i32.store offset=65536 (local.get $k) (i32.or (i32.load offset=65536 (local.get $k)) (local.get $wl)))
            (i32.store offset=65792 (local.get $k) (i32.or (i32.load offset=65792 (local.get $k))
              (i32.load offset=66688 (i32.add (local.get $x) (global.get $high_at)))))
            (f64.store offset=66048 (i32.shl (local.get $k) (i32.const 1))
              (call $share (i32.load offset=65536 (local.get $k)) (i32.load offset=65792 (local.get $k))))
            (local.set $passes (f64.mul (local.get $passes) (f64.load offset=66048 (i32.shl (local.get $k) (i32.const 1)))))))
        (local.set $place (i32.add (local.get $place) (i32.const 1)))
        (br $places)))
    (f64.store offset=66560 (i32.shl (local.get $b) (i32.const 3)) (local.get $passes)))

  ;; leastAlone: the least share an empty bucket lets through with one of the windows [from, to).
  (func (export "leastAlone") (param $from i32) (param $to i32) (result f64)
    (local $least f64) (local $w i32) (local $passes f64) (local $place i32) (local $x i32) (local $wl i32)
    (local.set $least (f64.const inf))
    (local.set $w (local.get $from))
    (block $done
      (loop $windows
        (br_if $done (i32.ge_u (local.get $w) (local.get $to)))
        (local.set $passes (f64.const 1))
        (local.set $place (i32.const 0))
        (block $last
          (loop $places
            (br_if $last (i32.ge_u (local.get $place) (i32.const 4)))
            (local.set $x (i32.shl (i32.add (i32.shl (local.get $w) (i32.const 2)) (local.get $place)) (i32.const 2)))
            (local.set $wl (i32.load offset=66688 (local.get $x)))
            (if (i32.ne (local.get $wl) (i32.const -1))
              (then (local.set $passes (f64.mul (local.get $passes)
                (call $share (local.get $wl) (i32.load offset=66688 (i32.add (local.get $x) (global.get $high_at))))))))
            (local.set $place (i32.add (local.get $place) (i32.const 1)))
            (br $places)))
        (local.set $least (f64.min (local.get $least) (local.get $passes)))
        (local.set $w (i32.add (local.get $w) (i32.const 1)))
        (br $windows)))
    (local.get $least))

  ;; addedPasses: the share of places bucket b would let through more with window w in it.
  (func $added (param $w i32) (param $b i32) (result f64)
    (local $passes f64) (local $place i32) (local $k i32) (local $x i32) (local $wl i32) (local $bl i32) (local $l i32) (local $h i32) (local $bh i32)
    (local.set $passes (f64.const 1))
    (block $done
      (loop $places
        (br_if $done (i32.ge_u (local.get $place) (i32.const 4)))
        (local.set $k (i32.shl (i32.add (i32.shl (local.get $b) (i32.const 2)) (local.get $place)) (i32.const 2)))
        (local.set $x (i32.shl (i32.add (i32.shl (local.get $w) (i32.const 2)) (local.get $place)) (i32.const 2)))
        (local.set $wl (i32.load offset=66688 (local.get $x)))
        (local.set $bl (i32.load offset=65536 (local.get $k)))
        (if (i32.eqz (i32.or (i32.eq (local.get $wl) (i32.const -1)) (i32.eq (local.get $bl) (i32.const -1))))
          (then
            (local.set $bh (i32.load offset=65792 (local.get $k)))
            (local.set $l (i32.or (local.get $bl) (local.get $wl)))
            (local.set $h (i32.or (local.get $bh) (i32.load offset=66688 (i32.add (local.get $x) (global.get $high_at)))))
            (local.set $passes (f64.mul (local.get $passes)
              (if (result f64) (i32.and (i32.eq (local.get $l) (local.get $bl)) (i32.eq (local.get $h) (local.get $bh)))
                (then (f64.load offset=66048 (i32.shl (local.get $k) (i32.const 1))))
                (else (call $share (local.get $l) (local.get $h))))))))
        (local.set $place (i32.add (local.get $place) (i32.const 1)))
        (br $places)))
    (f64.sub (local.get $passes) (f64.load offset=66560 (i32.shl (local.get $b) (i32.const 3)))))

  ;; cheapest: of the windows [from, to) and the buckets, where one adds the
  ;; fewest places, as window * 16 + bucket; the first such at equal cost.
  (func (export "cheapest") (param $from i32) (param $to i32) (result i32)
    (local $best i32) (local $bestCost f64) (local $w i32) (local $b i32) (local $cost f64)
    (local.set $best (i32.shl (local.get $from) (i32.const 4)))
    (local.set $bestCost (f64.const inf))
    (local.set $w (local.get $from))
    (block $found
      (block $done
        (loop $windows
          (br_if $done (i32.ge_u (local.get $w) (local.get $to)))
          (local.set $b (i32.const 0))
          (block $next
            (loop $buckets
              (br_if $next (i32.ge_u (local.get $b) (i32.const 16)))
              (local.set $cost (call $added (local.get $w) (local.get $b)))
              (if (f64.lt (local.get $cost) (local.get $bestCost))
                (then
                  (local.set $bestCost (local.get $cost))
                  (local.set $best (i32.add (i32.shl (local.get $w) (i32.const 4)) (local.get $b)))
                  ;; Nothing is cheaper than a bucket that passes the window already.
                  (br_if $found (f64.eq (local.get $cost) (f64.const 0)))))
              (local.set $b (i32.add (local.get $b) (i32.const 1)))
              (br $buckets)))
          (local.set $w (i32.add (local.get $w) (i32.const 1)))
          (br $windows))))
    (local.get $best))
)
