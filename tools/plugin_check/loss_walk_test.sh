#!/usr/bin/env bash
# The kit's data walk gives back what a step destroys (issues 26 and 27):
# testdata/loss_plugins/lossy's migration 2 drops loss_items (archived)
# and its down re-creates it from loss_names alone, losing every note
# without declaring it; its migration 1 declares a loss it does not have.
# The snake walk passes; the data walk fails both, naming step, table and
# column. testdata/loss_plugins/declared, the same plugin with the loss
# declared (and a step 3 that deletes rows before the unique index that
# needs it, whose check the run asks right before the statement), passes
# and says so. Arguments: the checker, the lossy and the declared plugin.
set -u
out=$("$1" "$2" 2>&1)
rc=$?
echo "$out"
fail=0
if [ "$rc" -ne 1 ]; then echo "not ok - exit status $rc, expected 1"; fail=1; fi
grep -q "^PASS mysql: snake walk 0..2" <<<"$out" \
  || { echo "not ok - the snake walk on empty tables should pass"; fail=1; }
grep -q "^FAIL mysql: data walk: version 2 (split names): the down to 1 gives back what the upgrade archived$" <<<"$out" \
  || { echo "not ok - no FAIL line naming version 2's lost archive"; fail=1; }
grep -q "^    lost: loss_items.note: [0-9]* of 200 values not as they were.*aos:loses" <<<"$out" \
  || { echo "not ok - the failure does not name loss_items.note and how to declare it"; fail=1; }
grep -q "^FAIL mysql: data walk: version 1 (create items): declared losses$" <<<"$out" \
  || { echo "not ok - no FAIL line for version 1's stale declaration"; fail=1; }
grep -q "^    -- aos:loses loss_items.name: .*stale declaration" <<<"$out" \
  || { echo "not ok - the stale declaration is not named"; fail=1; }
out=$("$1" "$3" --engines=sqlite 2>&1)
rc=$?
echo "$out"
if [ "$rc" -ne 0 ]; then echo "not ok - the declared plugin: exit status $rc, expected 0"; fail=1; fi
grep -q "^PASS sqlite: data walk 0..3: .*(1 checks right before their statement); 3 reversible steps down and up again kept the rows and gave back what they archived (declared lost: v2 loss_items.note)$" <<<"$out" \
  || { echo "not ok - the declared plugin's data walk does not pass as expected"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok - the data walk fails an undeclared loss and a stale declaration, and passes a declared one"
exit "$fail"
