;; The prefilter's engine: which lines of a block of bytes hold one of the
;; literals (prefilter.ts states the contract; prefilter-js.ts is the same
;; contract in plain JavaScript, and its oracle in the property tests).
;;
;; Teddy, as in Hyperscan and Rust's aho-corasick: each literal is in one of
;; sixteen buckets (two sets of eight, as "fat" Teddy has) and is looked for
;; at its window, four of its bytes (teddy-windows.ts chooses them: its
;; start, or four bytes inside one of its words); four pairs of 16-byte
;; tables give, for a byte at the window's first to fourth place, the
;; buckets whose windows have that low nibble and that high nibble there.
;; Sixteen places are tried at once. At a place some bucket survives, its
;; four bytes (case folded) are looked up in a hash table of the windows,
;; and only the literals keyed so are compared in full: the bytes before
;; the window backwards, those after it forwards. Case is folded in the
;; tables, not in the vector: a letter's two cases differ in one bit of the
;; high nibble, so a high-nibble table that holds both lets both through
;; and nothing else. The line feeds are counted in the same pass. A
;; literal is a code's or a message's: a line is named at the first literal
;; found in it and marked where it holds a message's, and a line a code's
;; literal named is looked through further for one.
;;
;; Memory is laid out by prefilter-wasm.ts, which passes the addresses:
;;   tables + 0 .. 128   low and high nibble tables for places 0 to 3, of
;;                       buckets 0 to 7
;;   tables + 128 .. 256 the same for buckets 8 to 15
;;   tables + 256 .. 288 per length of window, the mask that cuts four bytes
;;                       to it and the length (up to four; a mask of 0 ends)
;;   tables + 288        1 when every window is four bytes long, else 0: how
;;                       the 8 KiB at tables + 4416 are read
;;   tables + 292        1 when some literal is a message's, else 0
;;   tables + 320 ..     the windows: 512 slots of [window][address of its
;;                       literal list]; a window of 0 is an empty slot
;;   tables + 4416 ..    8 KiB tested before the hash table: one bit per
;;                       16-bit hash of a window's four bytes (folded), or,
;;                       where some window is shorter, one bit per pair of
;;                       bytes a window begins with (both cases of letters)
;;   tables + 12608 ..   per slot of the hash table, how many places its
;;                       window was found at (an i32)
;;   literal list        per window: [count of groups], then per group
;;                       [mask][value][space][count][size][back][its bytes
;;                       before the window, last first][its literals], and
;;                       per literal [mask'][value'][length][its bytes after
;;                       the window]; a space in a literal stands for a run
;;                       of whitespace. Eight bytes tested at once before a
;;                       literal is compared: mask and value are the bytes
;;                       after the window up to the first space, the same
;;                       for the whole group; mask' and value' the same up to
;;                       the second space, the first written as one 0x20,
;;                       which holds where the run of whitespace at [space]
;;                       is one 0x20. Where the bytes after the window begin
;;                       with the space, the group's head is up to three of
;;                       them written so too, and [space] has its top bit set;
;;                       its bit 0x40 is set for a group of messages' literals
;;                       (a group's literals are of one kind)
;;   input               the block, followed by 32 zero bytes
;;   output              per candidate line: its index (line feeds before
;;                       it) and the offset where it starts, as two i32; the
;;                       offset's bit 30 set where the line holds a message's
;;                       literal
;;   work                per vector with a passing place, four i32 (below)
(module
  (memory (export "memory") 32)

  ;; Line feeds in the block last scanned.
  (global $lines (export "lines") (mut i32) (i32.const 0))

  ;; What a space in a literal matches: ASCII whitespace but the line feed,
  ;; and any byte of a multi-byte character (Unicode spaces are such; the
  ;; pattern behind the prefilter decides).
  (func $blank (param $b i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $b) (i32.const 32)) (i32.ge_u (local.get $b) (i32.const 128)))
      (i32.and
        (i32.le_u (i32.sub (local.get $b) (i32.const 9)) (i32.const 4))
        (i32.ne (local.get $b) (i32.const 10)))))

  ;; Whether the rest of a literal, [length][bytes] at $lit, is found at $at.
  ;; The input is followed by zero bytes, which no literal holds, so a
  ;; comparison stops there.
  (func $restAt (param $at i32) (param $lit i32) (result i32)
    (local $end i32) (local $c i32) (local $b i32)
    (local.set $end (i32.add (i32.add (local.get $lit) (i32.const 1)) (i32.load8_u (local.get $lit))))
    (local.set $lit (i32.add (local.get $lit) (i32.const 1)))
    (block $no
      (loop $byte
        (br_if 1 (i32.ge_u (local.get $lit) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $lit)))
        (local.set $b (i32.load8_u (local.get $at)))
        (if (i32.eq (local.get $c) (i32.const 32))
          (then
            (br_if $no (i32.eqz (call $blank (local.get $b))))
            (loop $run
              (local.set $at (i32.add (local.get $at) (i32.const 1)))
              (br_if $run (call $blank (i32.load8_u (local.get $at))))))
          (else
            ;; The byte, folded to lower case.
            (br_if $no (i32.ne (local.get $c)
              (select (i32.or (local.get $b) (i32.const 32)) (local.get $b)
                (i32.lt_u (i32.sub (local.get $b) (i32.const 65)) (i32.const 26)))))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))))
        (local.set $lit (i32.add (local.get $lit) (i32.const 1)))
        (br $byte)))
    ;; Here only by the first br_if: every byte matched.
    (i32.ge_u (local.get $lit) (local.get $end)))

  ;; Whether the bytes before a literal's window, [n] of them at $bytes
  ;; from last to first, end at $at; the line's block starts at $in.
  (func $backAt (param $at i32) (param $bytes i32) (param $n i32) (param $in i32) (result i32)
    (local $end i32) (local $c i32) (local $b i32)
    (local.set $end (i32.add (local.get $bytes) (local.get $n)))
    (loop $byte
      (if (i32.ge_u (local.get $bytes) (local.get $end)) (then (return (i32.const 1))))
      (if (i32.lt_u (local.get $at) (local.get $in)) (then (return (i32.const 0))))
      (local.set $c (i32.load8_u (local.get $bytes)))
      (local.set $b (i32.load8_u (local.get $at)))
      (if (i32.eq (local.get $c) (i32.const 32))
        (then
          (if (i32.eqz (call $blank (local.get $b))) (then (return (i32.const 0))))
          (block $before
            (loop $run
              (local.set $at (i32.sub (local.get $at) (i32.const 1)))
              (br_if $before (i32.lt_u (local.get $at) (local.get $in)))
              (br_if $run (call $blank (i32.load8_u (local.get $at)))))))
        (else
          (if (i32.ne (local.get $c)
                (select (i32.or (local.get $b) (i32.const 32)) (local.get $b)
                  (i32.lt_u (i32.sub (local.get $b) (i32.const 65)) (i32.const 26))))
            (then (return (i32.const 0))))
          (local.set $at (i32.sub (local.get $at) (i32.const 1)))))
      (local.set $bytes (i32.add (local.get $bytes) (i32.const 1)))
      (br $byte))
    (i32.const 0))

  ;; Whether a run of whitespace starts at $at and is not one 0x20: where
  ;; it is one 0x20, or no run at all, mask' and value' tell the whole story.
  (func $longerRun (param $at i32) (result i32)
    (if (result i32) (call $blank (i32.load8_u (local.get $at)))
      (then
        (i32.or
          (i32.ne (i32.load8_u (local.get $at)) (i32.const 32))
          (call $blank (i32.load8_u offset=1 (local.get $at)))))
      (else (i32.const 0))))

  ;; Which kinds of literal ($want: 1 a code's, 2 a message's, 3 either) are
  ;; at $at, each with its window there and the rest of it around it, in the
  ;; block that starts at $in: 0, 1, 2 or 3. A message's ends the search;
  ;; after a code's, only groups of messages are tried, where wanted.
  (func $verify (param $at i32) (param $tables i32) (param $in i32) (param $want i32) (result i32)
    (local $four i32) (local $low7 i32) (local $masks i32) (local $start i32) (local $slot i32) (local $key i32) (local $lit i32) (local $n i32) (local $groups i32) (local $one i32) (local $run i32) (local $rest i32) (local $eight i64) (local $low8 i64) (local $led i32)
    (local $kind i32) (local $found i32)
    ;; Its first four bytes, folded four at a time: a byte below 0x80 gets
    ;; 0x20 when it is 'A' to 'Z' (its low seven bits plus 0x3f carry into
    ;; the top bit from 'A' on, plus 0x25 from past 'Z').
    (local.set $four (i32.load (local.get $at)))
    (local.set $low7 (i32.and (local.get $four) (i32.const 0x7f7f7f7f)))
    (local.set $four
      (i32.or (local.get $four)
        (i32.shr_u
          (i32.and
            (i32.and (i32.add (local.get $low7) (i32.const 0x3f3f3f3f))
              (i32.xor (i32.add (local.get $low7) (i32.const 0x25252525)) (i32.const -1)))
            (i32.and (i32.xor (local.get $four) (i32.const -1)) (i32.const 0x80808080)))
          (i32.const 2))))
    (local.set $masks (i32.add (local.get $tables) (i32.const 256)))
    (block $none
      (loop $length
        (br_if $none (i32.eqz (i32.load (local.get $masks))))
        (local.set $start (i32.and (local.get $four) (i32.load (local.get $masks))))
        (local.set $slot (i32.shr_u (i32.mul (local.get $start) (i32.const 0x9E3779B1)) (i32.const 23)))
        (block $absent
          (loop $probe
            (local.set $key (i32.load offset=320
              (i32.add (local.get $tables) (i32.shl (local.get $slot) (i32.const 3)))))
            (br_if $absent (i32.eqz (local.get $key)))
            (if (i32.eq (local.get $key) (local.get $start))
              (then
                ;; Counted, for prefilter-wasm.ts to see which windows the
                ;; input is full of.
                (i32.store offset=12608 (i32.add (local.get $tables) (i32.shl (local.get $slot) (i32.const 2)))
                  (i32.add (i32.load offset=12608 (i32.add (local.get $tables) (i32.shl (local.get $slot) (i32.const 2)))) (i32.const 1)))
                ;; The literals of this window, in groups, the rest of each
                ;; after the window, compared from where the window ends.
                (local.set $lit (i32.load offset=324
                  (i32.add (local.get $tables) (i32.shl (local.get $slot) (i32.const 3)))))
                (local.set $groups (i32.load8_u (local.get $lit)))
                (local.set $lit (i32.add (local.get $lit) (i32.const 1)))
                (local.set $rest (i32.add (local.get $at) (i32.load offset=4 (local.get $masks))))
                (local.set $led (i32.const -1))
                ;; Eight bytes folded as the four above (written out: a call per
                ;; place cost more than the folding, measured, on Node 20).
                (local.set $eight (i64.load (local.get $rest)))
                (local.set $low8 (i64.and (local.get $eight) (i64.const 0x7f7f7f7f7f7f7f7f)))
                (local.set $eight
                  (i64.or (local.get $eight)
                    (i64.shr_u
                      (i64.and
                        (i64.and (i64.add (local.get $low8) (i64.const 0x3f3f3f3f3f3f3f3f))
                          (i64.xor (i64.add (local.get $low8) (i64.const 0x2525252525252525)) (i64.const -1)))
                        (i64.and (i64.xor (local.get $eight) (i64.const -1)) (i64.const 0x8080808080808080)))
                      (i64.const 2))))
                (loop $group
                  ;; Most places that hold a window are other words
                  ;; ("status", "application"): eight bytes compared at once
                  ;; turn them away, a group of literals at a time. Byte by
                  ;; byte, the rest of the literals was ~three quarters of the
                  ;; time this function took on the shared corpus (~105 of
                  ;; ~134 ms per million lines).
                  ;; Only after a code's literal matched are groups passed over by kind.
                  (if (if (result i32) (i32.and (i32.eq (local.get $want) (i32.const 2)) (i32.eqz (i32.and (i32.load8_u offset=16 (local.get $lit)) (i32.const 0x40))))
                        (then (i32.const 0))
                        (else (if (result i32)
                        (if (result i32) (i64.eq (i64.and (local.get $eight) (i64.load (local.get $lit))) (i64.load offset=8 (local.get $lit)))
                          (then (i32.const 1))
                          (else
                            ;; A head that begins with the run of whitespace
                            ;; holds it as one 0x20; where the run is another,
                            ;; the literals are each asked.
                            (if (result i32) (i32.and (i32.load8_u offset=16 (local.get $lit)) (i32.const 0x80))
                              (then
                                (if (i32.lt_s (local.get $led) (i32.const 0))
                                  (then (local.set $led (call $longerRun (local.get $rest)))))
                                (local.get $led))
                              (else (i32.const 0)))))
                        (then (call $backAt (i32.sub (local.get $at) (i32.const 1)) (i32.add (local.get $lit) (i32.const 21)) (i32.load8_u offset=20 (local.get $lit)) (local.get $in)))
                        (else (i32.const 0)))))
                    (then
                      (local.set $run (i32.const -1))
                      (local.set $n (i32.load8_u offset=17 (local.get $lit)))
                      (local.set $one (i32.add (i32.add (local.get $lit) (i32.const 21)) (i32.load8_u offset=20 (local.get $lit))))
                      (block $kindFound
                      (loop $literal
                        (if (if (result i32) (i64.eq (i64.and (local.get $eight) (i64.load (local.get $one))) (i64.load offset=8 (local.get $one)))
                              (then (i32.const 1))
                              (else
                                ;; The same for the whole group: asked once.
                                (if (i32.lt_s (local.get $run) (i32.const 0))
                                  (then (local.set $run (call $longerRun (i32.add (local.get $rest) (i32.and (i32.load8_u offset=16 (local.get $lit)) (i32.const 0x3f)))))))
                                (local.get $run)))
                          (then
                            (if (call $restAt (local.get $rest) (i32.add (local.get $one) (i32.const 16)))
                              (then
                                ;; A message's, or a code's where no message's is wanted, ends the search.
                                (local.set $kind (select (i32.const 2) (i32.const 1) (i32.and (i32.load8_u offset=16 (local.get $lit)) (i32.const 0x40))))
                                (if (i32.or (i32.eq (local.get $kind) (i32.const 2)) (i32.eq (local.get $want) (i32.const 1)))
                                  (then (return (i32.or (local.get $found) (local.get $kind)))))
                                (local.set $found (i32.const 1))
                                (local.set $want (i32.const 2))
                                (br $kindFound)))))
                        (local.set $one (i32.add (local.get $one) (i32.add (i32.load8_u offset=16 (local.get $one)) (i32.const 17))))
                        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                        (br_if $literal (local.get $n))))))
                  (local.set $lit (i32.add (i32.add (i32.add (local.get $lit) (i32.const 21)) (i32.load8_u offset=20 (local.get $lit))) (i32.load16_u offset=18 (local.get $lit))))
                  (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
                  (br_if $group (local.get $groups)))
                (br $absent)))
            (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const 511)))
            (br $probe)))
        (local.set $masks (i32.add (local.get $masks) (i32.const 8)))
        (br $length)))
    (local.get $found))

  ;; The candidate lines of input[0, len): their count, written at $out.
  ;; Two passes. The first runs Teddy over every vector and, without a
  ;; branch, notes each vector some place of which passes ($work: its
  ;; offset, passing places, line feeds before it and its own line feeds).
  ;; Half the vectors of the bench corpus have such a place, and a branch
  ;; taken half the time is mispredicted half the time: measured, the
  ;; single pass spent ~160 ms per million lines there; the first of the
  ;; two takes ~65 ms (in-process, our corpus). The second pass checks the
  ;; noted places.
  (func (export "scan") (param $in i32) (param $len i32) (param $out i32) (param $tables i32) (param $work i32) (result i32)
    (local $p i32) (local $lf i32) (local $lines i32) (local $count i32) (local $note i32)
    (local $lastLine i32) (local $near i32) (local $places i32) (local $at i32) (local $before i32) (local $line i32) (local $start i32)
    (local $low0 v128) (local $high0 v128) (local $low1 v128) (local $high1 v128)
    (local $low2 v128) (local $high2 v128) (local $v v128) (local $w v128) (local $m v128)
    (local $low3 v128) (local $high3 v128) (local $nibble v128) (local $newline v128)
    (local $lo v128) (local $hi v128) (local $a v128) (local $b v128)
    (local $hashed i32) (local $four i32) (local $low7 i32)
    (local $wantNew i32) (local $open i32) (local $kind i32)
    (local.set $low0 (v128.load offset=0 (local.get $tables)))
    (local.set $high0 (v128.load offset=16 (local.get $tables)))
    (local.set $low1 (v128.load offset=32 (local.get $tables)))
    (local.set $high1 (v128.load offset=48 (local.get $tables)))
    (local.set $low2 (v128.load offset=64 (local.get $tables)))
    (local.set $high2 (v128.load offset=80 (local.get $tables)))
    (local.set $low3 (v128.load offset=96 (local.get $tables)))
    (local.set $high3 (v128.load offset=112 (local.get $tables)))
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (local.set $newline (i8x16.splat (i32.const 10)))
    (local.set $note (local.get $work))
    (block $done
      (loop $vector
        (br_if $done (i32.ge_u (local.get $p) (local.get $len)))
        (local.set $v (v128.load (i32.add (local.get $in) (local.get $p))))
        (local.set $lf (i8x16.bitmask (i8x16.eq (local.get $v) (local.get $newline))))
        ;; Whether some bucket may start at each of the 16 places: at each of
        ;; the four places, the table of the byte's low nibble and that of its
        ;; high nibble (which takes both cases of a letter), for the sixteen
        ;; buckets as two sets of eight.
        (local.set $lo (v128.and (local.get $v) (local.get $nibble)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $v) (i32.const 4)) (local.get $nibble)))
        (local.set $a (v128.and (i8x16.swizzle (local.get $low0) (local.get $lo)) (i8x16.swizzle (local.get $high0) (local.get $hi))))
        (local.set $b (v128.and (i8x16.swizzle (v128.load offset=128 (local.get $tables)) (local.get $lo)) (i8x16.swizzle (v128.load offset=144 (local.get $tables)) (local.get $hi))))
        (local.set $w (v128.load offset=1 (i32.add (local.get $in) (local.get $p))))
        (local.set $lo (v128.and (local.get $w) (local.get $nibble)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $w) (i32.const 4)) (local.get $nibble)))
        (local.set $a (v128.and (local.get $a) (v128.and (i8x16.swizzle (local.get $low1) (local.get $lo)) (i8x16.swizzle (local.get $high1) (local.get $hi)))))
        (local.set $b (v128.and (local.get $b) (v128.and (i8x16.swizzle (v128.load offset=160 (local.get $tables)) (local.get $lo)) (i8x16.swizzle (v128.load offset=176 (local.get $tables)) (local.get $hi)))))
        (local.set $w (v128.load offset=2 (i32.add (local.get $in) (local.get $p))))
        (local.set $lo (v128.and (local.get $w) (local.get $nibble)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $w) (i32.const 4)) (local.get $nibble)))
        (local.set $a (v128.and (local.get $a) (v128.and (i8x16.swizzle (local.get $low2) (local.get $lo)) (i8x16.swizzle (local.get $high2) (local.get $hi)))))
        (local.set $b (v128.and (local.get $b) (v128.and (i8x16.swizzle (v128.load offset=192 (local.get $tables)) (local.get $lo)) (i8x16.swizzle (v128.load offset=208 (local.get $tables)) (local.get $hi)))))
        (local.set $w (v128.load offset=3 (i32.add (local.get $in) (local.get $p))))
        (local.set $lo (v128.and (local.get $w) (local.get $nibble)))
        (local.set $hi (v128.and (i16x8.shr_u (local.get $w) (i32.const 4)) (local.get $nibble)))
        (local.set $a (v128.and (local.get $a) (v128.and (i8x16.swizzle (local.get $low3) (local.get $lo)) (i8x16.swizzle (local.get $high3) (local.get $hi)))))
        (local.set $b (v128.and (local.get $b) (v128.and (i8x16.swizzle (v128.load offset=224 (local.get $tables)) (local.get $lo)) (i8x16.swizzle (v128.load offset=240 (local.get $tables)) (local.get $hi)))))
        (local.set $m (v128.or (local.get $a) (local.get $b)))
        (local.set $places (i8x16.bitmask (i8x16.ne (local.get $m) (v128.const i64x2 0 0))))
        (i32.store (local.get $note) (local.get $p))
        (i32.store offset=4 (local.get $note) (local.get $places))
        (i32.store offset=8 (local.get $note) (local.get $lines))
        (i32.store offset=12 (local.get $note) (local.get $lf))
        (local.set $note (i32.add (local.get $note) (i32.shl (i32.ne (local.get $places) (i32.const 0)) (i32.const 4))))
        (local.set $lines (i32.add (local.get $lines) (i32.popcnt (local.get $lf))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $vector)))
    (global.set $lines (local.get $lines))

    (local.set $lastLine (i32.const -1))
    ;; On a line not yet named, literals of either kind are wanted where some
    ;; literal is a message's; on a line a code's named, a message's. These
    ;; are read here, after the first pass: $wantNew read before it made
    ;; that pass ~5% slower (in-process, min of 12).
    (local.set $hashed (i32.load offset=288 (local.get $tables)))
    (local.set $wantNew (i32.or (i32.const 1) (i32.shl (i32.load offset=292 (local.get $tables)) (i32.const 1))))
    (block $checked
      (loop $noted
        (br_if $checked (i32.ge_u (local.get $work) (local.get $note)))
        (local.set $p (i32.load (local.get $work)))
        (local.set $places (i32.load offset=4 (local.get $work)))
        (local.set $lf (i32.load offset=12 (local.get $work)))
        (loop $place
          (local.set $at (i32.add (i32.add (local.get $in) (local.get $p)) (i32.ctz (local.get $places))))
          (local.set $before (i32.and (local.get $lf) (i32.sub (i32.shl (i32.const 1) (i32.ctz (local.get $places))) (i32.const 1))))
          (local.set $line (i32.add (i32.load offset=8 (local.get $work)) (i32.popcnt (local.get $before))))
          (if (i32.or (i32.ne (local.get $line) (local.get $lastLine)) (local.get $open))
            (then
              ;; Whether some window may be there: by a hash of the four bytes
              ;; folded, or by the two bytes as read. With the messages'
              ;; windows, the two bytes let through ~63% of the places Teddy
              ;; passes and the hash ~14% (our corpus): the prefilter ~87 ms
              ;; per million lines against ~98 (in-process, min of 15).
              ;; The folding is verify's, written again: folded once here
              ;; and passed to verify, the prefilter took ~1.3 ms longer
              ;; per million lines on both corpora.
              (local.set $near
                (if (result i32) (local.get $hashed)
                  (then
                    (local.set $four (i32.load (local.get $at)))
                    (local.set $low7 (i32.and (local.get $four) (i32.const 0x7f7f7f7f)))
                    (local.set $four
                      (i32.or (local.get $four)
                        (i32.shr_u
                          (i32.and
                            (i32.and (i32.add (local.get $low7) (i32.const 0x3f3f3f3f))
                              (i32.xor (i32.add (local.get $low7) (i32.const 0x25252525)) (i32.const -1)))
                            (i32.and (i32.xor (local.get $four) (i32.const -1)) (i32.const 0x80808080)))
                          (i32.const 2))))
                    (i32.shr_u (i32.mul (local.get $four) (i32.const 0x2545F491)) (i32.const 16)))
                  (else (i32.load16_u (local.get $at)))))
              (if (i32.and
                    (i32.shr_u
                      (i32.load8_u offset=4416 (i32.add (local.get $tables) (i32.shr_u (local.get $near) (i32.const 3))))
                      (i32.and (local.get $near) (i32.const 7)))
                    (i32.const 1))
                (then
                  (local.set $kind (call $verify (local.get $at) (local.get $tables) (local.get $in)
                    (select (i32.const 2) (local.get $wantNew) (i32.eq (local.get $line) (local.get $lastLine)))))
                  (if (local.get $kind)
                    (then
                      (if (i32.eq (local.get $line) (local.get $lastLine))
                        (then
                          ;; A message's literal on a line a code's named: the line's mark.
                          (i32.store (i32.sub (local.get $out) (i32.const 4))
                            (i32.or (i32.load (i32.sub (local.get $out) (i32.const 4))) (i32.const 0x40000000))))
                        (else
                          ;; The line starts after the line feed before it, or at the input's start.
                          (local.set $start (local.get $at))
                          (block $found
                            (loop $back
                              (br_if $found (i32.le_u (local.get $start) (local.get $in)))
                              (br_if $found (i32.eq (i32.load8_u offset=0 (i32.sub (local.get $start) (i32.const 1))) (i32.const 10)))
                              (local.set $start (i32.sub (local.get $start) (i32.const 1)))
                              (br $back)))
                          (i32.store (local.get $out) (local.get $line))
                          ;; Bit 30: the line holds a message's literal.
                          (i32.store offset=4 (local.get $out)
                            (i32.or (i32.sub (local.get $start) (local.get $in)) (i32.shl (i32.shr_u (local.get $kind) (i32.const 1)) (i32.const 30))))
                          (local.set $out (i32.add (local.get $out) (i32.const 8)))
                          (local.set $count (i32.add (local.get $count) (i32.const 1)))
                          (local.set $lastLine (local.get $line))))
                      ;; A line named by a code's literal alone is still searched for a message's.
                      (local.set $open (i32.and (i32.eq (local.get $kind) (i32.const 1)) (i32.ne (local.get $wantNew) (i32.const 1))))))))))
          (local.set $places (i32.and (local.get $places) (i32.sub (local.get $places) (i32.const 1))))
          (br_if $place (local.get $places)))
        (local.set $work (i32.add (local.get $work) (i32.const 16)))
        (br $noted)))
    (local.get $count))
)
