#!/usr/bin/env bash
# The OpenStackClient plugin against stand-ins for aos-db-migrate (no
# database): the flags `openstack aos db migrate` passes, its exit status,
# the spec's -v, and `openstack aos db list` over a --migrations -f json
# fixture (testdata/migrations.json). Runs the real /usr/bin/openstack with
# the plugin from the source tree on PYTHONPATH.
# Prints "ok - ..." or "not ok - ..." per check; exits 1 if any failed.
set -uo pipefail

root="$TEST_SRCDIR/$TEST_WORKSPACE"
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/oscunit.XXXXXX")
OPENSTACK=/usr/bin/openstack
PY=/usr/bin/python3

failures=0
checks=0
check() {  # check DESCRIPTION COMMAND...
  local desc=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok - $desc"
  else
    failures=$((failures + 1))
    echo "not ok - $desc"
    for f in "$tmp"/last.out "$tmp"/last.err "$tmp"/last.rc; do
      echo "  --- $f"; sed 's/^/  | /' "$f"
    done
  fi
}

[ -x "$OPENSTACK" ] || { echo "Bail out! $OPENSTACK is missing (tools/setup)"; exit 1; }
for v in $(compgen -e | grep '^OS_'); do unset "$v"; done
export HOME="$tmp/home"
mkdir -p "$HOME"
export PYTHONPATH="$root/osc"

# Stand-in binary: its arguments, one a line, on stdout and in $STUB_ARGV; a
# line on stderr; exits $STUB_RC, or kills itself with $STUB_SIGNAL; with
# --migrations prints $STUB_JSON instead.
export STUB_ARGV="$tmp/argv"
cat >"$tmp/stub" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$STUB_ARGV"
echo "stub stderr" >&2
if [ "$1" = --migrations ] && [ -n "${STUB_JSON:-}" ]; then
  cat "$STUB_JSON"
else
  printf '%s\n' "$@"
fi
[ -n "${STUB_SIGNAL:-}" ] && kill -"$STUB_SIGNAL" $$
exit "${STUB_RC:-0}"
EOF
chmod +x "$tmp/stub"
export AOS_DB_MIGRATE_BIN="$tmp/stub"

run() {  # run ARGS...: openstack ARGS into $tmp/last.{out,err,rc}
  "$OPENSTACK" "$@" >"$tmp/last.out" 2>"$tmp/last.err"
  echo $? >"$tmp/last.rc"
}
rc_is() { [ "$(cat "$tmp/last.rc")" = "$1" ]; }
out_is() { [ "$(cat "$tmp/last.out")" = "$1" ]; }
err_is() { [ "$(cat "$tmp/last.err")" = "$1" ]; }
lines() { printf '%s\n' "$@"; }

run aos db migrate --config /c.conf -l -n a b -n c,d --migration 3 \
  --plugin-dir /p --mark-version 4 --lock-timeout 5 --workers 2 --status \
  --dry-run -f json
check "every flag is passed on to aos-db-migrate" eval 'rc_is 0 && out_is "$(lines \
  --list -n a b c d --migration 3 --config /c.conf --plugin-dir /p \
  --mark-version 4 --lock-timeout 5 --workers 2 --status --dry-run --format json)"'
check "the binary's stderr is passed through" err_is "stub stderr"

run aos db migrate -n dashboard --mark-version 4 --force --resume
check "--force and --resume are passed on" eval 'rc_is 0 && out_is "$(lines \
  -n dashboard --mark-version 4 --force --resume)"'

run aos db migrate -n journal --allow-blocking --online
check "--allow-blocking and --online are passed on" eval 'rc_is 0 && out_is \
  "$(lines -n journal --allow-blocking --online)"'

run aos db migrate --expand
check "--expand is passed on" eval 'rc_is 0 && out_is "$(lines --expand)"'
run aos db migrate --contract --force
check "--contract --force is passed on" eval 'rc_is 0 && out_is \
  "$(lines --force --contract)"'
run aos db migrate --check -f json
check "--check is passed on" eval 'rc_is 0 && out_is "$(lines --check --format json)"'
run aos db migrate --forget-controller ctl2
check "--forget-controller is passed on" eval 'rc_is 0 && out_is \
  "$(lines --forget-controller ctl2)"'

run aos db migrate --names dashboard --format value
check "long spellings" eval 'rc_is 0 && out_is "$(lines -n dashboard --format value)"'

run aos db migrate -n dashboard -v
check "-v after the command name reaches the binary as --verbose" \
  eval 'rc_is 0 && out_is "$(lines -n dashboard --verbose)"'
check "-v: no OpenStackClient INFO lines on stderr" err_is "stub stderr"
run -v aos db migrate -n dashboard
check "-v before the command name too" eval 'rc_is 0 && out_is "$(lines -n dashboard --verbose)"'
run aos db migrate --verbose
check "--verbose" eval 'rc_is 0 && out_is "--verbose"'
run aos db migrate -n dashboard
check "no -v: no --verbose" eval 'rc_is 0 && out_is "$(lines -n dashboard)"'
run -q aos db migrate
check "-q: no --verbose" eval 'rc_is 0 && out_is ""'

STUB_RC=1 run aos db migrate
check "exit status 1 of the binary is the command's" rc_is 1
STUB_RC=2 run aos db migrate
check "exit status 2 of the binary is the command's" rc_is 2
STUB_RC=7 run aos db migrate
check "any exit status of the binary is the command's" rc_is 7
STUB_SIGNAL=TERM run aos db migrate
check "a binary killed by SIGTERM: exit 143" rc_is 143

AOS_DB_MIGRATE_BIN="$tmp/none" run aos db migrate
check "a missing binary: exit 2 and a message naming it" \
  eval 'rc_is 2 && grep -qF "$tmp/none" "$tmp/last.err"'
# (read-only: --list with a missing config is a usage error, if it runs at all)
env -u AOS_DB_MIGRATE_BIN "$OPENSTACK" aos db migrate -l --config "$tmp/none.conf" \
  >"$tmp/last.out" 2>"$tmp/last.err"; echo $? >"$tmp/last.rc"
check "without AOS_DB_MIGRATE_BIN: /usr/bin/aos-db-migrate" \
  eval '[ -x /usr/bin/aos-db-migrate ] || grep -qF "/usr/bin/aos-db-migrate" "$tmp/last.err"'

run aos db migrate -f xml
check "-f takes table, json or value (usage error, exit 2)" \
  eval 'rc_is 2 && grep -qF "invalid choice" "$tmp/last.err"'
run aos db migrate -n
check "-n needs a name (usage error, exit 2)" rc_is 2

run aos db migrate -h
check "-h: help, exit 0, the binary not run" \
  eval 'rc_is 0 && grep -qF "usage: openstack aos db migrate [-h] [-l] [-n MODULE_NAMES [MODULE_NAMES ...]]" "$tmp/last.out" && ! grep -q "stub" "$tmp/last.err"'

# openstack aos db list
export STUB_JSON="$root/osc/testdata/migrations.json"
run aos db list -f json -n cloud_manager dashboard --config /c.conf
check "aos db list: rows from --migrations -f json" "$PY" - "$tmp/last.out" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
err = ("Error while getting migrate versions: (2002) Can't connect to server "
       "on '127.0.0.1' (115)")
expected = [
    {'Module': 'cloud_manager', 'Version': 1, 'Description': 'initial schema',
     'Applied': True, 'Current': False},
    {'Module': 'cloud_manager', 'Version': 2, 'Description': 'add quotas',
     'Applied': True, 'Current': True},
    {'Module': 'cloud_manager', 'Version': 3, 'Description': 'add regions',
     'Applied': False, 'Current': False},
    {'Module': 'dashboard', 'Version': '', 'Description': err, 'Applied': '',
     'Current': ''},
]
sys.exit(0 if rows == expected else 1)
EOF
check "aos db list: exit 0 when the binary's is 0" rc_is 0

run aos db list -n cloud_manager dashboard --config /c.conf --plugin-dir /p -v
check "aos db list asks for --migrations -f json with -n, --config, --plugin-dir, -v" \
  eval '[ "$(cat "$STUB_ARGV")" = "$(lines --migrations -f json -n cloud_manager dashboard --config /c.conf --plugin-dir /p --verbose)" ]'

STUB_RC=1 run aos db list -f value -c Module -c Version
check "aos db list: the rows, and exit 1 when the binary's is 1" \
  eval 'rc_is 1 && [ "$(grep -c . "$tmp/last.out")" = 4 ]'

: >"$tmp/empty"
STUB_JSON="$tmp/empty" STUB_RC=2 run aos db list
check "aos db list: a usage error of the binary (no JSON): its exit status, no table" \
  eval 'rc_is 2 && out_is ""'

STUB_JSON="$tmp/empty" run aos db list
check "aos db list: exit 0 but no JSON (an older binary): exit 1 and why" \
  eval 'rc_is 1 && grep -qF "printed no report of modules" "$tmp/last.err"'

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
