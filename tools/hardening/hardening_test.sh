#!/usr/bin/env bash
# hardening_test: the release binaries and the plugins carry Debian's
# hardening (dpkg-buildflags' "hardening=+all" minus what does not apply):
#   PIE           executables are ELF type DYN with DF_1_PIE (--force_pic);
#   RELRO, now    a GNU_RELRO segment and BIND_NOW (-Wl,-z,relro,-z,now);
#   stack         __stack_chk_fail imported (-fstack-protector-strong);
#   fortify       -D_FORTIFY_SOURCE=2 in effect: the canary, built with the
#                 same flags, calls glibc's __memcpy_chk/__snprintf_chk; a
#                 shipped file that imports a __*_chk function is listed.
#                 (A file may legitimately have none: glibc keeps a plain call
#                 when the compiler proves it safe, as hardening-check's
#                 "unknown" says.) Skipped under --config=asan, which
#                 undefines _FORTIFY_SOURCE.
# Checked with readelf (binutils); run by `bazel test //tools/hardening:all`.
# Usage: hardening_test.sh CANARY EXECUTABLE... -- PLUGIN...
set -uo pipefail

canary=$1
shift
executables=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do executables+=("$1"); shift; done
shift
plugins=("$@")

failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# The symbols a file imports, one per line (read whole: no early-exiting
# grep -q on a pipe, which pipefail would count as a failure).
dynsyms() { readelf --dyn-syms -W "$1" | awk '$7 == "UND" {print $8}' | sed 's/@.*//'; }
imports() { local syms; syms=$(dynsyms "$1"); grep -qx "$2" <<< "$syms"; }

sanitized=0
if imports "${executables[0]}" '__asan_init\|__asan_report_load8'; then
  sanitized=1
  echo "note: an ASan build (--config=asan): _FORTIFY_SOURCE is off there, not checked"
fi

check_common() {  # file, what
  local f=$1 what=$2
  [ -n "$(readelf -lW "$f" | grep 'GNU_RELRO')" ] && ok "$what: RELRO" || fail "$what: no GNU_RELRO segment"
  [ -n "$(readelf -dW "$f" | grep -E '\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*NOW')" ] \
    && ok "$what: BIND_NOW" || fail "$what: no BIND_NOW (-z now)"
  imports "$f" '__stack_chk_fail' \
    && ok "$what: stack protector" || fail "$what: __stack_chk_fail not imported"
  local chk
  chk=$(dynsyms "$f" | grep -E '^__.*_chk$' | grep -v '^__stack_chk_fail$' | sort -u | tr '\n' ' ')
  echo "     $what: fortified calls: ${chk:-none (no call glibc could not prove safe)}"
}

for f in "${executables[@]}"; do
  what=$(basename "$f")
  [ -f "$f" ] || { fail "$what: missing"; continue; }
  [ -n "$(readelf -hW "$f" | grep -E 'Type:[[:space:]]+DYN')" ] \
    && ok "$what: ELF type DYN" || fail "$what: not a position-independent executable (ELF type is not DYN)"
  [ -n "$(readelf -dW "$f" | grep -E '\(FLAGS_1\).*PIE')" ] \
    && ok "$what: PIE flag" || fail "$what: DF_1_PIE missing"
  check_common "$f" "$what"
done

for f in "${plugins[@]}"; do
  what=$(basename "$f")
  [ -f "$f" ] || { fail "$what: missing"; continue; }
  [ -n "$(readelf -hW "$f" | grep -E 'Type:[[:space:]]+DYN')" ] \
    && ok "$what: shared object" || fail "$what: not ELF type DYN"
  check_common "$f" "$what"
done

if [ "$sanitized" -eq 0 ]; then
  for sym in __memcpy_chk __snprintf_chk; do
    imports "$canary" "$sym" \
      && ok "fortify canary: $sym (the build's flags enable _FORTIFY_SOURCE)" \
      || fail "fortify canary: $sym not called: -D_FORTIFY_SOURCE=2 -O2 not in effect"
  done
fi

if command -v hardening-check >/dev/null; then
  echo "hardening-check (devscripts), for reference:"
  hardening-check "${executables[@]}" "${plugins[@]}" 2>&1 | sed 's/^/     /'
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
