#!/usr/bin/env bash
# The kit must fail a plugin whose downgrade forgets an index, and say so
# with a readable schema diff. Arguments: the checker and the plugin.
set -u
out=$("$1" "$2" 2>&1)
rc=$?
echo "$out"
fail=0
if [ "$rc" -ne 1 ]; then echo "not ok - exit status $rc, expected 1"; fail=1; fi
grep -q "^FAIL mysql: version 2 (index owner): downgrade restores the schema of version 1$" <<<"$out" \
  || { echo "not ok - no FAIL line naming version 2's downgrade"; fail=1; }
grep -q "^    + index notes.idx_notes_owner BTREE (owner)$" <<<"$out" \
  || { echo "not ok - no diff line for the forgotten index"; fail=1; }
grep -q "^PASS descriptor" <<<"$out" || { echo "not ok - descriptor not checked"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok - the wrong plugin fails with a readable diff"
exit "$fail"
