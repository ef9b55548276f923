#!/usr/bin/env bash
# The kit's phase rules on every engine, on the real schema each step
# leaves: testdata/phased_plugins/rolling (expand, migrate, contract done
# right) passes, with the previous release's queries working after its
# expand and migrate steps; testdata/phased_plugins/reckless fails each
# wrong step by name, phase and what it did.
# Arguments: the checker, librolling.so, libreckless.so, the queries file.
set -u
check=$1 rolling=$2 reckless=$3 queries=$4
engines=mysql,sqlite,postgresql
fail=0
no() { echo "not ok - $*"; fail=1; }
has() { grep -qE "$1" <<<"$out" || no "no line matching: $1"; }
hasnt() { ! grep -qE "$1" <<<"$out" || no "a line matching: $1"; }

out=$("$check" "$rolling" --engines=$engines --previous-queries=1:"$queries" 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 0 ] || no "rolling: exit status $rc, expected 0"
for e in mysql sqlite postgresql; do
  has "^PASS $e: migration 2 \(expand\) only adds \(add category\)$"
  has "^PASS $e: migration 3 \(migrate\) leaves the schema as it was \(copy kind\)$"
  has "^PASS $e: snake walk 0\.\.4 \(up, down, up at every version, 1 expand, 1 migrate, 1 contract, 1 unspecified steps\)$"
  has "^PASS $e: the previous release's queries run at version 1 \(the previous release\)$"
  has "^PASS $e: the previous release's queries run after migration 2 \(expand\)$"
  has "^PASS $e: the previous release's queries run after migration 3 \(migrate\)$"
  hasnt "^(PASS|FAIL) $e: the previous release's queries run after migration 4"
done
hasnt "^FAIL"

out=$("$check" "$reckless" --engines=$engines --previous-queries=1:"$queries" 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 1 ] || no "reckless: exit status $rc, expected 1"
only_add=": an expand step may only add$"
for e in mysql sqlite postgresql; do
  has "^FAIL $e: migration 2 \(expand\) drops column events\.kind$only_add"
  has "^FAIL $e: migration 3 \(expand\) narrows column events\.tag from [a-z ]+\(64\) to [a-z ]+\(16\)$only_add"
  has "^FAIL $e: migration 4 \(expand\) makes column events\.owner NOT NULL without a default: "
  has "^FAIL $e: migration 5 \(expand\) renames column events\.note to events\.remark$only_add"
  has "^FAIL $e: migration 6 \(expand\) drops index events\.idx_events_note$only_add"
  has "^FAIL $e: migration 7 \(migrate\) changes the schema: a migrate step may only move data$"
  hasnt "^FAIL $e: migration 8"
  hasnt "^PASS $e: migration [2-7] "
  has "^PASS $e: the previous release's queries run at version 1 "
  has "^FAIL $e: the previous release's queries run after migration 2 \(expand\)$"
  # The walk itself goes through every step: each downgrade is exact.
  has "^PASS $e: snake walk 0\.\.8 \(up, down, up at every version, 5 expand, 1 migrate, 1 contract, 1 unspecified steps\)$"
done
grep -A3 "^FAIL mysql: migration 7 (migrate)" <<<"$out" | grep -q "^    + table audit " \
  || no "no diff line for the table migration 7 creates"

[ "$fail" -eq 0 ] && echo "ok - the kit enforces the phases on $engines"
exit "$fail"
