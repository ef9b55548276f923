#!/usr/bin/env bash
# The kit's statement-time comparison (issue 26, core/conformance/
# data_walk.h): a step the pre-flight lets through must not fail on the
# generated rows. testdata/preflight_plugins/walkmiss's migration 2 copies
# trim(code) into a NOT NULL column (a rebuild the pre-flight cannot map:
# not asked) after a DELETE on the table (its other check, the key, is
# asked right before the copy, by the run, and finds nothing). On SQLite
# the snake walk passes; the data walk must fail naming the step, the
# statement, what the pre-flight asked there and the step's error.
# Arguments: the checker and the plugin.
set -u
out=$("$1" "$2" --engines=sqlite 2>&1)
rc=$?
echo "$out"
fail=0
if [ "$rc" -ne 1 ]; then echo "not ok - exit status $rc, expected 1"; fail=1; fi
grep -q "^PASS sqlite: snake walk 0..2" <<<"$out" \
  || { echo "not ok - the snake walk on empty tables should pass"; fail=1; }
grep -q "^FAIL sqlite: data walk: version 2 (code required): upgrade from 1 over generated rows$" <<<"$out" \
  || { echo "not ok - no FAIL line naming version 2 of the data walk"; fail=1; }
grep -q "^    the pre-flight let statement 3 run (asked right before it: PRIMARY KEY (id) in walk_miss_new on walk_miss: clean; code NOT NULL in walk_miss_new on walk_miss: skipped, .*), but the statement failed on the rows: " <<<"$out" \
  || { echo "not ok - the failure does not name the statement and what the pre-flight asked there"; fail=1; }
grep -q "statement 3 of 5" <<<"$out" \
  || { echo "not ok - the step's own error (statement 3 of 5) is not shown"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok - the data walk fails a step the pre-flight let through"
exit "$fail"
