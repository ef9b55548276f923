# osc_e2e_setup.sh: what the `openstack aos db ...` end-to-end tests
# (osc_e2e_test.sh, osc_rolling_e2e_test.sh) share, sourced by each: the
# ok/not ok reporting, the tree installed by tools/packaging/install-tree
# under a temporary prefix, Debian's real /usr/bin/openstack with no OS_*
# credentials, and a private MariaDB ($sock_dir/s.sock, sql) that is stopped
# on exit. Needs `root` (the runfiles root) set by the test.

tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/osc.XXXXXX")
OPENSTACK=/usr/bin/openstack
PY=/usr/bin/python3  # the one /usr/bin/openstack runs on

failures=0
checks=0
ok() { checks=$((checks + 1)); echo "ok - $1"; }
not_ok() {
  checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok - $1"
  shift
  for f in "$@"; do  # what the failed check looked at
    [ -f "$f" ] && { echo "  --- $f"; sed 's/^/  | /' "$f"; }
  done
}
# check DESCRIPTION FILE... -- COMMAND...: ok if COMMAND succeeds; FILEs are
# shown when it does not.
check() {
  local desc=$1 files=()
  shift
  while [ "$1" != "--" ]; do files+=("$1"); shift; done
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc" "${files[@]}"; fi
}
fatal() { echo "not ok - $*"; echo "Bail out! $*"; exit 1; }

# ---------------------------------------------------------------- set up
[ -x "$OPENSTACK" ] || fatal "$OPENSTACK is missing (python3-openstackclient: tools/setup)"
# No credentials, no clouds.yaml of the machine's user: none is needed.
for v in $(compgen -e | grep '^OS_'); do unset "$v"; done
export HOME="$tmp/home"
mkdir -p "$HOME"

prefix="$tmp/prefix"
bash "$root/tools/packaging/install-tree" "$root" "$root" "$prefix" \
  >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fatal "install-tree failed"; }
py_dir="$prefix/usr/lib/python3/dist-packages"
plugin_dir="$prefix/usr/lib/aos/db-migrate/plugins"
export PYTHONPATH="$py_dir"
export AOS_DB_MIGRATE_BIN="$prefix/usr/bin/aos-db-migrate"
BIN=$AOS_DB_MIGRATE_BIN

free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pid=""
sock_dir=$(mktemp -d /tmp/aososc.XXXXXX)  # a unix socket path must be short
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$sock_dir"
}
trap cleanup EXIT

port=$(free_port)
user_opt=()
[ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
# A tmpdir of its own: Bazel's sandbox gives every test the same pids, so
# concurrent bootstraps in /tmp collide on their temporary tables' names.
mkdir -p "$tmp/db/tmp"
mariadb-install-db --no-defaults --datadir="$tmp/db/data" --tmpdir="$tmp/db/tmp" \
  --auth-root-authentication-method=normal --skip-test-db "${user_opt[@]}" \
  >"$tmp/db-install.log" 2>&1 || { cat "$tmp/db-install.log"; fatal "mariadb-install-db failed"; }
mariadbd --no-defaults --datadir="$tmp/db/data" --tmpdir="$tmp/db/tmp" --socket="$sock_dir/s.sock" \
  --port="$port" --bind-address=127.0.0.1 --pid-file="$tmp/db/mariadbd.pid" \
  --skip-name-resolve --innodb-buffer-pool-size=16M --innodb-log-file-size=8M \
  --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
  --log-error="$tmp/db/error.log" "${user_opt[@]}" >"$tmp/db/mariadbd.log" 2>&1 &
pid=$!
sql() { mariadb --no-defaults -S "$sock_dir/s.sock" -uroot "$@"; }
for _ in $(seq 1200); do
  sql -e 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/db/error.log"; fatal "mariadbd exited at start"; }
  sleep 0.05
done
sql -e 'SELECT 1' >/dev/null 2>&1 || fatal "mariadbd did not accept connections in 60 s"
