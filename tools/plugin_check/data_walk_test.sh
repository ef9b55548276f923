#!/usr/bin/env bash
# The kit's data walk (issue 26) must fail a plugin that is right on empty
# tables and wrong on rows: testdata/preflight_plugins/walkfail's migration
# 2 makes a column NOT NULL over the NULLs the walk generates. The snake
# walk passes; the data walk fails naming the step and the pre-flight's
# refusal. Arguments: the checker and the plugin.
set -u
out=$("$1" "$2" 2>&1)
rc=$?
echo "$out"
fail=0
if [ "$rc" -ne 1 ]; then echo "not ok - exit status $rc, expected 1"; fail=1; fi
grep -q "^PASS mysql: snake walk 0..2" <<<"$out" \
  || { echo "not ok - the snake walk on empty tables should pass"; fail=1; }
grep -q "^FAIL mysql: data walk: version 2 (note required): upgrade from 1 over generated rows$" <<<"$out" \
  || { echo "not ok - no FAIL line naming version 2 of the data walk"; fail=1; }
grep -q "the pre-flight refused the generated rows: .*note NOT NULL.*where note is NULL" <<<"$out" \
  || { echo "not ok - the failure does not carry the pre-flight's refusal"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok - the data walk fails a step that is wrong on rows"
exit "$fail"
