#!/usr/bin/env bash
# The Debian packages end to end, in a scratch root where they cannot harm
# the machine (dpkg --root=DIR with a fresh dpkg database and
# --force-script-chrootless, so the maintainer scripts run with
# DPKG_ROOT=DIR):
#   - make-debs builds the core and the seven plugin packages from the
#     runfiles, and the next Journal release (testdata/journal_next, 6.1);
#     their names, versions, relations, contents and conffile; lintian clean;
#   - a plugin package alone is refused (it needs aos-db-migrate-abi-1);
#   - dpkg -i the core and two plugins with no database running; the
#     installed binary migrates them on a private MariaDB; `openstack aos db
#     migrate` from the installed tree; a third plugin package adds its
#     module; the Journal package upgraded 5.1 -> 6.1 migrates 5 -> 6;
#   - dpkg -r of a plugin: the module is gone, its database untouched; the
#     core cannot be removed under its plugins; dpkg -r of the core keeps the
#     (edited) conffile; dpkg -P leaves nothing; the host's systemd is never
#     called.
# Prints "ok - ..." or "not ok - ..." per check, writes them as JUnit XML
# (one test case per check) and exits 1 if any failed.
set -uo pipefail

root="$TEST_SRCDIR/$TEST_WORKSPACE"
tmp=$(mktemp -d "${TEST_TMPDIR:-/tmp}/deb.XXXXXX")
# dpkg wants the sbin directories on root's PATH. A stand-in systemctl comes
# first: it records any call, and none may happen (the scripts only talk to
# the running systemd when the target root is /).
mkdir -p "$tmp/fakebin"
cat >"$tmp/fakebin/systemctl" <<EOF
#!/bin/sh
echo "systemctl \$*" >>"$tmp/systemctl.calls"
EOF
chmod 0755 "$tmp/fakebin/systemctl"
export PATH="$tmp/fakebin:$PATH:/usr/local/sbin:/usr/sbin:/sbin"

failures=0
checks=0
results=()  # "ok|DESCRIPTION" or "fail|DESCRIPTION"
ok() { checks=$((checks + 1)); results+=("ok|$1"); echo "ok - $1"; }
not_ok() {
  checks=$((checks + 1)); failures=$((failures + 1)); results+=("fail|$1")
  echo "not ok - $1"
  shift
  for f in "$@"; do
    [ -f "$f" ] && { echo "  --- $f"; sed 's/^/  | /' "$f" | head -n 60; }
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
fatal() {
  not_ok "$1"
  echo "Bail out! $1"
  shift
  for f in "$@"; do [ -f "$f" ] && sed 's/^/  | /' "$f" | head -n 60; done
  exit 1
}

write_xml() {
  [ -n "${XML_OUTPUT_FILE:-}" ] || return 0
  local r name
  {
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<testsuites tests=\"$checks\" failures=\"$failures\" errors=\"0\">"
    echo "<testsuite name=\"deb_e2e_test\" tests=\"$checks\" failures=\"$failures\" errors=\"0\">"
    for r in "${results[@]}"; do
      name=$(printf '%s' "${r#*|}" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g')
      if [ "${r%%|*}" = ok ]; then
        echo "<testcase name=\"$name\" classname=\"deb_e2e_test\" status=\"run\"/>"
      else
        echo "<testcase name=\"$name\" classname=\"deb_e2e_test\" status=\"run\"><failure message=\"failed\"/></testcase>"
      fi
    done
    echo "</testsuite>"
    echo "</testsuites>"
  } >"$XML_OUTPUT_FILE"
}

db_pid=""
sock_dir=$(mktemp -d /tmp/aosdeb.XXXXXX)  # a unix socket path must be short
cleanup() {
  if [ -n "$db_pid" ]; then
    kill "$db_pid" 2>/dev/null
    for _ in $(seq 300); do kill -0 "$db_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$db_pid" 2>/dev/null
    wait "$db_pid" 2>/dev/null
  fi
  rm -rf "$sock_dir"
  write_xml
}
trap cleanup EXIT

# ---------------------------------------------------------------- build
make_debs() { bash "$root/tools/packaging/make-debs" "$@"; }
make_debs "$root" "$root" "$tmp/debs" >"$tmp/make-debs.out" 2>"$tmp/make-debs.err" ||
  fatal "make-debs built the packages" "$tmp/make-debs.err"
make_debs --plugin "$root/tools/packaging/testdata/journal_next/libjournal.so" \
  "$root" "$root" "$tmp/next" >"$tmp/make-next.out" 2>"$tmp/make-next.err" ||
  fatal "make-debs --plugin built the next Journal package" "$tmp/make-next.err"

version=$(tr -d '[:space:]' <"$root/tools/packaging/VERSION")
arch=$(dpkg --print-architecture)
core="$tmp/debs/aos-db-migrate_${version}_$arch.deb"
deb() { echo "$tmp/debs/aos-db-migrate-plugin-$1_$arch.deb"; }
journal_next="$tmp/next/aos-db-migrate-plugin-journal_6.1_$arch.deb"

(cd "$tmp/debs" && ls) >"$tmp/built.txt"
cat >"$tmp/expected_built.txt" <<EOF
aos-db-migrate-plugin-cloud-manager_28.1_$arch.deb
aos-db-migrate-plugin-clouds_6.1_$arch.deb
aos-db-migrate-plugin-dashboard_11.1_$arch.deb
aos-db-migrate-plugin-journal_5.1_$arch.deb
aos-db-migrate-plugin-monitor_11.1_$arch.deb
aos-db-migrate-plugin-rs-server_11.1_$arch.deb
aos-db-migrate-plugin-scheduler_7.1_$arch.deb
aos-db-migrate_${version}_$arch.deb
EOF
check "make-debs: the core (VERSION $version) and one package per module, <latest migration>.<release>" \
  "$tmp/built.txt" -- cmp -s "$tmp/built.txt" "$tmp/expected_built.txt"
check "make-debs --plugin: the next Journal release is aos-db-migrate-plugin-journal 6.1" \
  "$tmp/make-next.out" -- test -f "$journal_next"

field() { dpkg-deb -f "$1" "$2"; }
check "the core Provides aos-db-migrate-abi-1 (= 1.3)" -- \
  eval '[ "$(field "$core" Provides)" = "aos-db-migrate-abi-1 (= 1.3)" ]'
check "a plugin Depends on aos-db-migrate-abi-1 (>= 1.3) and its libraries" -- \
  eval 'field "$(deb journal_5.1)" Depends | grep -q "^aos-db-migrate-abi-1 (>= 1.3), .*libc6"'
dpkg-deb --ctrl-tarfile "$core" | tar -xO ./conffiles >"$tmp/conffiles" 2>/dev/null
check "the default config is the core's one conffile" "$tmp/conffiles" -- \
  eval '[ "$(cat "$tmp/conffiles")" = /etc/aos/db-migrate.conf ]'

dpkg-deb -c "$core" | awk '{print $1, $2, $NF}' >"$tmp/core.contents"
core_layout() {
  local f
  for f in ./usr/bin/aos-db-migrate ./usr/bin/aos-plugin-check \
      ./usr/include/aos-db-migrate/core/abi/aos_migration_abi.h \
      ./usr/include/aos-db-migrate/core/sdk/migration_provider.h \
      ./lib/systemd/system/aos-db-migrate.service \
      ./usr/share/man/man1/aos-db-migrate.1.gz \
      ./usr/lib/python3/dist-packages/aos_db_migrate_osc/v1/db.py \
      ./usr/lib/python3/dist-packages/aos_db_migrate_osc-1.0.0.dist-info/entry_points.txt \
      ./usr/lib/aos/db-migrate/backends/libaos_backend_postgresql.so \
      ./usr/lib/aos/db-migrate/backends/libaos_backend_sqlite.so \
      ./usr/lib/aos/db-migrate/plugins/ ./usr/share/doc/aos-db-migrate/copyright; do
    grep -q " root/root $f\$" "$tmp/core.contents" || return 1
  done
  grep -q "^-rw------- root/root ./etc/aos/db-migrate.conf$" "$tmp/core.contents"
}
check "the core holds the binaries, headers, config (0600), unit, man pages and the openstack plugin" \
  "$tmp/core.contents" -- core_layout
dpkg-deb --fsys-tarfile "$core" | tar -xO ./lib/systemd/system/aos-db-migrate.service >"$tmp/unit"
check "the unit bounds the whole run (TimeoutStartSec)" "$tmp/unit" -- \
  eval 'grep -q "^TimeoutStartSec=[1-9]" "$tmp/unit"'
check "the unit takes the run's progress, from the run only (NotifyAccess=main)" "$tmp/unit" -- \
  eval 'grep -q "^NotifyAccess=main$" "$tmp/unit"'
check "the core holds no plugin, no bytecode" "$tmp/core.contents" -- \
  eval '! grep -v " ./usr/lib/aos/db-migrate/backends/" "$tmp/core.contents" | grep -Eq "\.so$|__pycache__|\.pyc$"'
dpkg-deb -c "$(deb cloud-manager_28.1)" | awk '$1 !~ /^d/ {print $1, $2, $NF}' >"$tmp/plugin.contents"
check "a plugin package holds its .so (0644) and its doc files only" "$tmp/plugin.contents" -- \
  eval '[ "$(grep -v " ./usr/share/doc/aos-db-migrate-plugin-cloud-manager/" "$tmp/plugin.contents")" = \
          "-rw-r--r-- root/root ./usr/lib/aos/db-migrate/plugins/libcloud_manager.so" ]'

if command -v lintian >/dev/null; then
  lintian -I --pedantic "$tmp/debs"/*.deb "$journal_next" >"$tmp/lintian.out" 2>&1
  check "lintian -I --pedantic: no tag but the overridden ones (README)" "$tmp/lintian.out" -- \
    eval '! grep -Eq "^[EWIPXC]: " "$tmp/lintian.out"'
else
  not_ok "lintian is installed (tools/setup)"
fi

# ---------------------------------------------------------------- scratch roots
# A fresh dpkg database, knowing only the host's library packages the core
# depends on (their status entries copied), so that every relation between
# our packages is really checked.
new_root() {
  local r=$1 dep
  mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates"
  : >"$r/var/lib/dpkg/status"
  for dep in $(field "$core" Depends | tr ',|' '\n\n' | sed 's/(.*//; s/:.*//; s/ //g' | sort -u); do
    dpkg-query -s "$dep" >>"$r/var/lib/dpkg/status" 2>/dev/null && echo >>"$r/var/lib/dpkg/status"
  done
}
R="$tmp/root"
new_root "$R"
not_root=()
[ "$(id -u)" -eq 0 ] || not_root=(--force-not-root)
# dpk ROOT TAG ARGS...: dpkg on that root, output into $tmp/TAG.{out,rc}.
dpk() {
  local r=$1 tag=$2
  shift 2
  dpkg --root="$r" --log="$tmp/dpkg.log" --force-script-chrootless \
    "${not_root[@]}" "$@" >"$tmp/$tag.out" 2>&1
  echo $? >"$tmp/$tag.rc"
}
rc_is() { [ "$(cat "$tmp/$1.rc")" = "$2" ]; }
status_of() {  # status_of PACKAGE: dpkg's abbreviated status and version in $R
  dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${db:Status-Abbrev}${Version}' "$1" 2>/dev/null
}

new_root "$tmp/lonely"
dpk "$tmp/lonely" lonely -i "$(deb journal_5.1)"
check "a plugin package without the core is refused: it needs aos-db-migrate-abi-1" "$tmp/lonely.out" -- \
  eval '! rc_is lonely 0 && grep -q "aos-db-migrate-abi-1" "$tmp/lonely.out"'

# No database server is running yet: the install cannot depend on one.
dpk "$R" install -i "$core" "$(deb journal_5.1)" "$(deb dashboard_11.1)"
check "dpkg -i the core and two plugins (no database running)" "$tmp/install.out" -- rc_is install 0
check "dpkg -l: aos-db-migrate $version, plugin-journal 5.1, plugin-dashboard 11.1" -- eval '
  [ "$(status_of aos-db-migrate)" = "ii $version" ] &&
  [ "$(status_of aos-db-migrate-plugin-journal)" = "ii 5.1" ] &&
  [ "$(status_of aos-db-migrate-plugin-dashboard)" = "ii 11.1" ]'
plugin_dir="$R/usr/lib/aos/db-migrate/plugins"
check "installed: the binary, the config (0600) and the two plugins in the plugin directory" -- eval '
  [ -x "$R/usr/bin/aos-db-migrate" ] &&
  [ "$(stat -c %a "$R/etc/aos/db-migrate.conf")" = 600 ] &&
  grep -qx "plugin_dir = /usr/lib/aos/db-migrate/plugins" "$R/etc/aos/db-migrate.conf" &&
  [ "$(ls "$plugin_dir")" = "$(printf "libdashboard.so\nlibjournal.so")" ]'

# ---------------------------------------------------------------- MariaDB
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
port=$(free_port)
user_opt=()
[ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
mkdir -p "$tmp/db/tmp"  # a tmpdir of its own: concurrent bootstraps collide in /tmp
mariadb-install-db --no-defaults --datadir="$tmp/db/data" --tmpdir="$tmp/db/tmp" \
  --auth-root-authentication-method=normal --skip-test-db "${user_opt[@]}" \
  >"$tmp/db-install.log" 2>&1 || fatal "mariadb-install-db" "$tmp/db-install.log"
mariadbd --no-defaults --datadir="$tmp/db/data" --tmpdir="$tmp/db/tmp" --socket="$sock_dir/s.sock" \
  --port="$port" --bind-address=127.0.0.1 --pid-file="$tmp/db/mariadbd.pid" \
  --skip-name-resolve --innodb-buffer-pool-size=16M --innodb-log-file-size=8M \
  --skip-log-bin --innodb-flush-log-at-trx-commit=0 \
  --log-error="$tmp/db/error.log" "${user_opt[@]}" >"$tmp/db/mariadbd.log" 2>&1 &
db_pid=$!
sql() { mariadb --no-defaults -S "$sock_dir/s.sock" -uroot "$@"; }
for _ in $(seq 1200); do
  sql -e 'SELECT 1' >/dev/null 2>&1 && break
  kill -0 "$db_pid" 2>/dev/null || fatal "mariadbd started" "$tmp/db/error.log"
  sleep 0.05
done
sql -e 'SELECT 1' >/dev/null 2>&1 || fatal "mariadbd accepted connections in 60 s" "$tmp/db/error.log"
for m in dashboard journal monitor; do sql -e "CREATE DATABASE $m"; done
db_version() { sql -N -e "SELECT version FROM $1.migrate_version"; }
db_tables() { sql -N -e "SHOW TABLES FROM $1" | sort; }

# The operator edits the installed conffile: the scratch root's plugin
# directory, and a connection per module.
conf="$R/etc/aos/db-migrate.conf"
sed -i "s|^plugin_dir = .*|plugin_dir = $plugin_dir|" "$conf"
for m in dashboard journal monitor; do
  printf '\n[%s]\nconnection = mysql+pymysql://root@127.0.0.1:%s/%s?charset=utf8\n' \
    "$m" "$port" "$m" >>"$conf"
done
BIN="$R/usr/bin/aos-db-migrate"
run() {  # run TAG ARGS...: the installed binary on the installed config
  local tag=$1
  shift
  "$BIN" --config "$conf" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  echo $? >"$tmp/$tag.rc"
}
has() { grep -qF -- "$2" "$tmp/$1.out"; }
row() {  # row TAG NAME RESULT: the table has "| N | NAME | OK | RESULT |"
  grep -Eq "^\| [0-9]+ \| $2 +\| OK +\| $3 +\|$" "$tmp/$1.out"
}
files() { for t in "$@"; do echo "$tmp/$t.out" "$tmp/$t.err" "$tmp/$t.rc"; done; }

run list1 --list
check "--list: the two installed modules" $(files list1) -- \
  eval 'rc_is list1 0 && [ "$(tail -n +2 "$tmp/list1.out")" = "$(printf "dashboard\njournal")" ]'
run first
check "the installed binary migrates them: Dashboard 0 -> 11, Journal 0 -> 5" $(files first) -- \
  eval 'rc_is first 0 && row first Dashboard "0 -> 11" &&
        row first Journal "0 -> 5" &&
        [ "$(db_version dashboard)" = 11 ] && [ "$(db_version journal)" = 5 ]'

# SQLite through the backend the binary loads from the installed layout
# (/usr/lib/aos/db-migrate/backends/), not from the build tree.
sqlite_conf="$tmp/sqlite.conf"
printf '[DEFAULT]\nplugin_dir = %s\n\n[journal]\nconnection = sqlite:///%s/journal.sqlite\n' \
  "$plugin_dir" "$tmp" >"$sqlite_conf"
chmod 0600 "$sqlite_conf"
"$BIN" --config "$sqlite_conf" -n journal >"$tmp/sqlite.out" 2>"$tmp/sqlite.err"
echo $? >"$tmp/sqlite.rc"
check "the installed binary migrates SQLite with its installed backend: Journal 0 -> 5" $(files sqlite) -- \
  eval 'rc_is sqlite 0 && row sqlite Journal "0 -> 5"'

if [ -x /usr/bin/openstack ]; then
  (
    for v in $(compgen -e | grep '^OS_'); do unset "$v"; done
    export HOME="$tmp/home" PYTHONPATH="$R/usr/lib/python3/dist-packages" AOS_DB_MIGRATE_BIN="$BIN"
    mkdir -p "$HOME"
    /usr/bin/openstack aos db migrate --config "$conf" -n journal
  ) >"$tmp/osc.out" 2>"$tmp/osc.err"
  echo $? >"$tmp/osc.rc"
  check "openstack aos db migrate from the installed openstack plugin: Journal No changes" $(files osc) -- \
    eval 'rc_is osc 0 && row osc Journal "No changes"'
else
  not_ok "/usr/bin/openstack is installed (python3-openstackclient: tools/setup)"
fi

# ---------------------------------------------------------------- add, upgrade
dpk "$R" add -i "$(deb monitor_11.1)"
run list2 --list
run second
check "dpkg -i a third plugin: monitor listed and migrated 0 -> 11, the others No changes" \
  "$tmp/add.out" $(files list2 second) -- \
  eval 'rc_is add 0 && has list2 monitor && rc_is second 0 &&
        row second Monitor "0 -> 11" &&
        row second Dashboard "No changes" && row second Journal "No changes"'

dpk "$R" upgrade -i "$journal_next"
check "dpkg -i the next Journal package: 5.1 upgraded to 6.1" "$tmp/upgrade.out" -- \
  eval 'rc_is upgrade 0 && [ "$(status_of aos-db-migrate-plugin-journal)" = "ii 6.1" ] &&
        grep -q "over (5.1)" "$tmp/upgrade.out"'
run upgraded
check "the upgraded plugin migrates on: Journal 5 -> 6" $(files upgraded) -- \
  eval 'rc_is upgraded 0 && row upgraded Journal "5 -> 6" &&
        [ "$(db_version journal)" = 6 ] && db_tables journal | grep -qx event_tags'

# ---------------------------------------------------------------- removal
db_tables dashboard >"$tmp/dashboard_tables.before"
dpk "$R" remove_plugin -r aos-db-migrate-plugin-dashboard
run list3 --list
run third
db_tables dashboard >"$tmp/dashboard_tables.after"
check "dpkg -r a plugin: its package and file are gone" "$tmp/remove_plugin.out" -- \
  eval 'rc_is remove_plugin 0 && [ -z "$(status_of aos-db-migrate-plugin-dashboard | grep "^ii")" ] &&
        [ ! -e "$plugin_dir/libdashboard.so" ]'
check "after dpkg -r the module is no longer listed or run; its config section only warns" \
  $(files list3 third) -- \
  eval 'rc_is list3 0 && ! has list3 dashboard && rc_is third 0 && ! has third Dashboard &&
        grep -q "section \[dashboard\] names no installed module" "$tmp/third.err"'
check "the removed module's database is untouched (version 11, same tables)" \
  "$tmp/dashboard_tables.before" "$tmp/dashboard_tables.after" -- \
  eval '[ "$(db_version dashboard)" = 11 ] &&
        cmp -s "$tmp/dashboard_tables.before" "$tmp/dashboard_tables.after"'

dpk "$R" remove_core_early -r aos-db-migrate
check "the core cannot be removed while plugins need aos-db-migrate-abi-1" "$tmp/remove_core_early.out" -- \
  eval '! rc_is remove_core_early 0 && [[ "$(status_of aos-db-migrate)" == ?"i $version" ]] &&
        [ -x "$BIN" ]'

osc_dir="$R/usr/lib/python3/dist-packages/aos_db_migrate_osc"
[ -d "$osc_dir/__pycache__" ] && had_bytecode=yes || had_bytecode=no
dpk "$R" remove_rest -r aos-db-migrate-plugin-journal aos-db-migrate-plugin-monitor
dpk "$R" remove_core -r aos-db-migrate
check "dpkg -r the core: binary, plugin directory and openstack plugin gone (bytecode: $had_bytecode)" \
  "$tmp/remove_rest.out" "$tmp/remove_core.out" -- \
  eval 'rc_is remove_rest 0 && rc_is remove_core 0 && [ ! -e "$BIN" ] &&
        [ ! -e "$R/usr/lib/aos" ] && [ ! -e "$osc_dir" ] &&
        [ "$(status_of aos-db-migrate)" = "rc $version" ]'
check "dpkg -r keeps the conffile, with the operator's edits" "$conf" -- \
  eval 'grep -q "^connection = mysql+pymysql://root@127.0.0.1:$port/journal" "$conf"'

dpk "$R" purge -P aos-db-migrate
find "$R" -mindepth 1 ! -path "$R/var" ! -path "$R/var/lib" ! -path "$R/var/lib/dpkg" \
  ! -path "$R/var/lib/dpkg/*" >"$tmp/left.txt"
dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Package} ${db:Status-Abbrev}\n' 'aos-*' \
  2>/dev/null | grep -v " un *$" >"$tmp/left_packages.txt"
check "dpkg -P the core: nothing left in the root, no aos package known to dpkg" \
  "$tmp/purge.out" "$tmp/left.txt" "$tmp/left_packages.txt" -- \
  eval 'rc_is purge 0 && [ ! -s "$tmp/left.txt" ] && [ ! -s "$tmp/left_packages.txt" ]'
check "the databases are left as they were (journal 6, monitor 11, dashboard 11)" -- \
  eval '[ "$(db_version journal)" = 6 ] && [ "$(db_version monitor)" = 11 ] &&
        [ "$(db_version dashboard)" = 11 ]'
check "the maintainer scripts never called the host's systemctl (target was not /)" \
  "$tmp/systemctl.calls" -- test ! -e "$tmp/systemctl.calls"

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
