#!/usr/bin/env bash
# Drift (issue 29): the kit must fail a plugin whose shipped expected schema
# is not what its migrations produce, naming the object; and pass a plugin
# that ships none with "drift: not known". Arguments: the checker, the
# misdescribed plugin, a plugin without expected schemas.
set -u
out=$("$1" "$2" 2>&1)
rc=$?
echo "$out"
fail=0
if [ "$rc" -ne 1 ]; then echo "not ok - exit status $rc, expected 1"; fail=1; fi
grep -q "^FAIL mysql: version 2 (add created at): after its upgrade, the live schema is the one the plugin ships for version 2 (mysql)$" <<<"$out" \
  || { echo "not ok - no FAIL line naming version 2's schema"; fail=1; }
grep -q "^    changed column notes.created_at: expected 'timestamp', live 'datetime'$" <<<"$out" \
  || { echo "not ok - no diff line for the misdescribed column"; fail=1; }
grep -q "^PASS descriptor" <<<"$out" || { echo "not ok - descriptor not checked"; fail=1; }
unknown=$("$1" "$3" 2>&1)
rc=$?
echo "$unknown"
if [ "$rc" -ne 0 ]; then echo "not ok - the plugin without schemas: exit $rc"; fail=1; fi
grep -q "^PASS mysql: drift: not known (the plugin ships no expected schema for mysql)$" <<<"$unknown" \
  || { echo "not ok - no 'drift: not known' for the plugin without schemas"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok - a misdescribed plugin fails naming the object"
exit "$fail"
