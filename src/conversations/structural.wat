;; The structural index of the fast path's readers (structural.ts): where the delimiters, line feeds, carriage
;; returns and double quotes are in a chunk (and, for NDJSON, every control character), found 16 bytes at a time
;; with WebAssembly SIMD. JavaScript then reads a row's fields from these positions instead of walking its bytes
;; (a byte loop costs ~1.6 ns a byte on the 2-core benchmark machine; this costs ~0.1 ns a byte and a few ns a
;; position).
;;
;; Edit this file, then `npm run build:wasm` writes structural-wasm.ts (test/conversations/structural.test.ts
;; checks the two agree). It writes the module twice: as it is, and importing a shared memory instead (the line
;; below with `(memory 1 65536 shared)`) for the reader thread, which hands chunks to the main thread where it read
;; and indexed them instead of copying each.
;;
;; The chunk is at byte $base of the memory; the positions are the chunk's own, from 0.
(module
  ;; Imported, not declared: the caller sizes it once, so it never grows (growing would detach its buffer, and a
  ;; detached buffer slows every typed-array access of the thread; see fast-batch.ts newRecords).
  (import "env" "memory" (memory 1))
  ;; Writes the positions of the structural bytes of the chunk's [0, n) as i32 from byte `out`, in order; returns how many.
  ;; Structural: the delimiter, LF, CR, the double quote, and any byte below `below` (0 for CSV: none; 0x20 for
  ;; NDJSON, whose strings may hold no control character, with the backslash as `delim`).
  ;; The bytes from n to the next multiple of 16 are read (their matches are dropped): the caller leaves room.
  (func (export "scan") (param $base i32) (param $n i32) (param $delim i32) (param $below i32) (param $out i32) (result i32)
    (local $i i32) (local $bits i32) (local $count i32) (local $rest i32) (local $p i32) (local $set i32) (local $v v128)
    (local $w v128) (local $d v128) (local $lf v128) (local $cr v128) (local $q v128) (local $b v128)
    (local.set $d (i8x16.splat (local.get $delim)))
    (local.set $b (i8x16.splat (local.get $below)))
    (local.set $lf (i8x16.splat (i32.const 10)))
    (local.set $cr (i8x16.splat (i32.const 13)))
    (local.set $q (i8x16.splat (i32.const 34)))
    ;; 32 bytes a step: two blocks' matches in one 32-bit mask, its set bits written out lowest first
    (block $done
      (loop $blocks
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 32)) (local.get $n)))
        (local.set $v (v128.load (i32.add (local.get $base) (local.get $i))))
        (local.set $w (v128.load offset=16 (i32.add (local.get $base) (local.get $i))))
        (local.set $bits (i32.or
          (i8x16.bitmask
            (v128.or
              (v128.or
                (v128.or (i8x16.eq (local.get $v) (local.get $d)) (i8x16.eq (local.get $v) (local.get $lf)))
                (v128.or (i8x16.eq (local.get $v) (local.get $cr)) (i8x16.eq (local.get $v) (local.get $q))))
              (i8x16.lt_u (local.get $v) (local.get $b))))
          (i32.shl
            (i8x16.bitmask
              (v128.or
                (v128.or
                  (v128.or (i8x16.eq (local.get $w) (local.get $d)) (i8x16.eq (local.get $w) (local.get $lf)))
                  (v128.or (i8x16.eq (local.get $w) (local.get $cr)) (i8x16.eq (local.get $w) (local.get $q))))
                (i8x16.lt_u (local.get $w) (local.get $b))))
            (i32.const 16))))
        ;; Four positions written whatever the count (most steps have fewer: a row of ~150 bytes has ~10), the count
        ;; then moved on by the bits set: no branch that depends on the count, which mispredicted about once a step.
        ;; Past the count they are the next step's to overwrite (a bit beyond the last reads as $i + 32): the
        ;; caller's room for positions has 16 more than its input has bytes.
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
        (local.set $set (i32.popcnt (local.get $bits)))
        (i32.store (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
        (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
        (i32.store offset=4 (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
        (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
        (i32.store offset=8 (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
        (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
        (i32.store offset=12 (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
        (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        ;; NDJSON (control characters are positions: $below is not 0) quotes every key and string, four to eight
        ;; positions a step in half of them: four more, as unconditionally (the test is the same for every step)
        (if (local.get $below)
          (then
            (i32.store (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (i32.store offset=4 (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (i32.store offset=8 (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (i32.store offset=12 (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))))
        ;; more: the rest one by one
        (block $empty
          (loop $each
            (br_if $empty (i32.eqz (local.get $bits)))
            (i32.store (local.get $p) (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $each)))
        (local.set $count (i32.add (local.get $count) (local.get $set)))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br $blocks)))
    ;; the last 0-31 bytes, 16 at a time, only the bytes before n
    (block $tail
      (loop $blocks
        (br_if $tail (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $bits (call $matches (i32.add (local.get $base) (local.get $i)) (local.get $d) (local.get $lf) (local.get $cr) (local.get $q) (local.get $b)))
        (local.set $rest (i32.sub (local.get $n) (local.get $i)))
        (if (i32.lt_u (local.get $rest) (i32.const 16))
          (then (local.set $bits (i32.and (local.get $bits) (i32.sub (i32.shl (i32.const 1) (local.get $rest)) (i32.const 1))))))
        (block $empty
          (loop $each
            (br_if $empty (i32.eqz (local.get $bits)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2)))
              (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $each)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    (local.get $count))

  ;; How many bytes of the chunk's [0, n) equal $byte: the line feeds of NDJSON lines the reader hands over unparsed (their
  ;; line numbers go on from the count). The bytes from n to the next multiple of 16 are not read.
  (func (export "count") (param $base i32) (param $n i32) (param $byte i32) (result i32)
    (local $i i32) (local $count i32) (local $b v128)
    (local.set $b (i8x16.splat (local.get $byte)))
    (block $done
      (loop $blocks
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $n)))
        (local.set $count (i32.add (local.get $count)
          (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (i32.add (local.get $base) (local.get $i))) (local.get $b))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $blocks)))
    (block $tail
      (loop $bytes
        (br_if $tail (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $base) (local.get $i))) (local.get $byte))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (local.get $count))

  ;; The rows of a CSV chunk from its structural positions (after `scan`, delimiter not the quote), as csv-parse
  ;; reads them: from the position index $k and the row starting at byte $pos, each row whose fields are plain or
  ;; wholly quoted (a quote first, the closing quote followed by the delimiter or the line end; doubled quotes and
  ;; line breaks inside) gets, for its field f, [start, end) at int $stride * row + f of $starts and $ends (a quoted
  ;; field's text between its quotes) and at byte $stride * row + f of $quoted 1 if the text holds doubled quotes,
  ;; and at ints 3 * row of $rows its field count, its line end (the LF) and the lines it spans. Stops after
  ;; $maxRows rows; at a row JavaScript must read (a quote inside an unquoted field or after a closing one, a CR
  ;; but before the LF, more than $stride fields); or where the positions run out first (the row is unfinished,
  ;; or the input's last). Returns the rows written; ints 0-2 of $state get the position index and the byte of
  ;; the row where it stopped, and why: 0 the table is full, 1 a row for JavaScript, 2 no line end.
  (func (export "split") (param $base i32) (param $k i32) (param $count i32) (param $pos i32) (param $n i32) (param $delim i32)
    (param $stride i32) (param $maxRows i32) (param $positions i32) (param $starts i32) (param $ends i32)
    (param $quoted i32) (param $rows i32) (param $state i32) (result i32)
    (local $row i32) (local $field i32) (local $s i32) (local $e i32) (local $p i32) (local $c i32) (local $at i32)
    (local $why i32) (local $rowK i32) (local $lines i32) (local $escaped i32) (local $out i32)
    ;; positions before the row (a row JavaScript read)
    (block $found
      (loop $skip
        (br_if $found (i32.ge_u (local.get $k) (local.get $count)))
        (br_if $found (i32.ge_u (i32.load (i32.add (local.get $positions) (i32.shl (local.get $k) (i32.const 2)))) (local.get $pos)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $skip)))
    (block $stop
      (loop $each_row
        (if (i32.ge_u (local.get $row) (local.get $maxRows)) (then (local.set $why (i32.const 0)) (br $stop)))
        (local.set $rowK (local.get $k))
        (local.set $field (i32.const 0))
        (local.set $lines (i32.const 1))
        (local.set $s (local.get $pos))
        ;; $at: the row's first field in $quoted; times 4 in $starts and $ends
        (local.set $at (i32.mul (local.get $row) (local.get $stride)))
        (loop $each_field
          (if (i32.ge_u (local.get $k) (local.get $count)) (then (local.set $why (i32.const 2)) (br $stop)))
          (local.set $p (i32.load (i32.add (local.get $positions) (i32.shl (local.get $k) (i32.const 2)))))
          (local.set $escaped (i32.const 0))
          (if (i32.and (i32.eq (local.get $p) (local.get $s)) (i32.eq (i32.load8_u (i32.add (local.get $base) (local.get $p))) (i32.const 34)))
            (then
              ;; a quoted field: its text runs to the quote not doubled; $p becomes the byte after it
              (local.set $s (i32.add (local.get $s) (i32.const 1)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (block $closed
                (loop $inside
                  (if (i32.ge_u (local.get $k) (local.get $count)) (then (local.set $why (i32.const 2)) (br $stop)))
                  (local.set $p (i32.load (i32.add (local.get $positions) (i32.shl (local.get $k) (i32.const 2)))))
                  (local.set $c (i32.load8_u (i32.add (local.get $base) (local.get $p))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (if (i32.eq (local.get $c) (i32.const 34))
                    (then
                      ;; the byte after a quote tells a doubled one from the closing one
                      (if (i32.ge_u (i32.add (local.get $p) (i32.const 1)) (local.get $n)) (then (local.set $why (i32.const 2)) (br $stop)))
                      (br_if $closed (i32.ne (i32.load8_u offset=1 (i32.add (local.get $base) (local.get $p))) (i32.const 34)))
                      (local.set $escaped (i32.const 1))
                      (local.set $k (i32.add (local.get $k) (i32.const 1)))
                      (br $inside)))
                  ;; a line break inside: LF, or a CR not before an LF, is a line
                  (if (i32.eq (local.get $c) (i32.const 10)) (then (local.set $lines (i32.add (local.get $lines) (i32.const 1)))))
                  (if (i32.eq (local.get $c) (i32.const 13))
                    (then
                      (if (i32.or (i32.ge_u (i32.add (local.get $p) (i32.const 1)) (local.get $n))
                            (i32.ne (i32.load8_u offset=1 (i32.add (local.get $base) (local.get $p))) (i32.const 10)))
                        (then (local.set $lines (i32.add (local.get $lines) (i32.const 1)))))))
                  (br $inside)))
              (local.set $e (local.get $p))
              ;; what follows the closing quote must end the field: it is the next position
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (if (i32.ge_u (local.get $p) (local.get $n)) (then (local.set $why (i32.const 2)) (br $stop)))
              (if (i32.or (i32.ge_u (local.get $k) (local.get $count))
                    (i32.ne (i32.load (i32.add (local.get $positions) (i32.shl (local.get $k) (i32.const 2)))) (local.get $p)))
                (then (local.set $why (i32.const 1)) (br $stop))))
            (else (local.set $e (local.get $p))))
          ;; $p: the byte that ends the field [$s, $e), the position at $k: the delimiter (with room for the
          ;; field after it), or the row's end, LF or CR LF (both are positions); a quote or a lone CR is
          ;; JavaScript's to read
          (local.set $c (i32.load8_u (i32.add (local.get $base) (local.get $p))))
          (if (i32.eq (local.get $c) (local.get $delim))
            (then
              (if (i32.ge_u (i32.add (local.get $field) (i32.const 1)) (local.get $stride))
                (then (local.set $why (i32.const 1)) (br $stop))))
            (else
              (if (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 10))
                    (i32.and (i32.eq (local.get $c) (i32.const 13))
                      (i32.and (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $n))
                        (i32.eq (i32.load8_u offset=1 (i32.add (local.get $base) (local.get $p))) (i32.const 10))))))
                (then (local.set $why (i32.const 1)) (br $stop)))))
          (local.set $out (i32.add (local.get $at) (local.get $field)))
          (i32.store (i32.add (local.get $starts) (i32.shl (local.get $out) (i32.const 2))) (local.get $s))
          (i32.store (i32.add (local.get $ends) (i32.shl (local.get $out) (i32.const 2))) (local.get $e))
          (i32.store8 (i32.add (local.get $quoted) (local.get $out)) (local.get $escaped))
          (local.set $field (i32.add (local.get $field) (i32.const 1)))
          (if (i32.eq (local.get $c) (local.get $delim))
            (then
              (local.set $s (i32.add (local.get $p) (i32.const 1)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $each_field)))
          ;; past the LF, and the CR before it: $p becomes the LF
          (local.set $k (i32.add (local.get $k) (i32.add (i32.const 1) (i32.ne (local.get $c) (i32.const 10)))))
          (local.set $p (i32.add (local.get $p) (i32.ne (local.get $c) (i32.const 10))))
          (local.set $out (i32.add (local.get $rows) (i32.mul (local.get $row) (i32.const 12))))
          (i32.store (local.get $out) (local.get $field))
          (i32.store offset=4 (local.get $out) (local.get $p))
          (i32.store offset=8 (local.get $out) (local.get $lines))
          (local.set $row (i32.add (local.get $row) (i32.const 1)))
          (local.set $pos (i32.add (local.get $p) (i32.const 1))))
        (br $each_row)))
    ;; the row where it stopped: its first position
    (i32.store (local.get $state) (local.get $rowK))
    (i32.store offset=4 (local.get $state) (local.get $pos))
    (i32.store offset=8 (local.get $state) (local.get $why))
    (local.get $row))

  ;; A bit per byte of the 16 at $at: set where the byte is the delimiter, LF, CR, a quote or below $below.
  (func $matches (param $at i32) (param $d v128) (param $lf v128) (param $cr v128) (param $q v128) (param $b v128) (result i32)
    (local $v v128)
    (local.set $v (v128.load (local.get $at)))
    (i8x16.bitmask
      (v128.or
        (v128.or
          (v128.or (i8x16.eq (local.get $v) (local.get $d)) (i8x16.eq (local.get $v) (local.get $lf)))
          (v128.or (i8x16.eq (local.get $v) (local.get $cr)) (i8x16.eq (local.get $v) (local.get $q))))
        (i8x16.lt_u (local.get $v) (local.get $b)))))
)
