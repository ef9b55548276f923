#!/usr/bin/env bash
# `openstack aos db migrate` and `openstack aos db list` end to end: the tree
# installed by tools/packaging/install-tree (binary, plugins, the
# OpenStackClient plugin) under a temporary PREFIX, Debian's real
# /usr/bin/openstack with no OS_* credentials, and a private MariaDB.
# Where the two should agree, `openstack aos db migrate ARGS` is compared with
# `aos-db-migrate ARGS` (stdout, exit status, and stderr where deterministic).
# Prints "ok - ..." or "not ok - ..." per check; exits 1 if any failed.
set -uo pipefail

root="$TEST_SRCDIR/$TEST_WORKSPACE"
source "$root/osc/osc_e2e_setup.sh"

modules="cloud_manager clouds dashboard journal monitor rs_server scheduler"
# Two identical sets of empty databases: `a` migrated by `openstack aos db
# migrate`, `b` by aos-db-migrate itself, so that their outputs compare.
write_config() {  # write_config FILE PORT DB_PREFIX
  {
    echo "[DEFAULT]"
    echo "plugin_dir = $plugin_dir"
    for m in $modules; do
      echo "[$m]"
      echo "connection = mysql+pymysql://root@127.0.0.1:$2/$3_$m?charset=utf8"
    done
  } >"$1"
  chmod 0600 "$1"
}
for set in a b; do
  for m in $modules; do sql -e "CREATE DATABASE ${set}_$m"; done
done
conf_a="$tmp/a.conf"; write_config "$conf_a" "$port" a
conf_b="$tmp/b.conf"; write_config "$conf_b" "$port" b
dead_port=$(free_port)  # nothing listens there
conf_dead="$tmp/dead.conf"; write_config "$conf_dead" "$dead_port" a

# osc TAG ARGS...: `openstack ARGS` into $tmp/TAG.{out,err,rc}; bin likewise
# for aos-db-migrate.
osc() {
  local tag=$1; shift
  "$OPENSTACK" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  echo $? >"$tmp/$tag.rc"
}
bin() {
  local tag=$1; shift
  "$BIN" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  echo $? >"$tmp/$tag.rc"
}
rc_is() { [ "$(cat "$tmp/$1.rc")" = "$2" ]; }
has() { grep -qF -- "$2" "$tmp/$1.out"; }
# has_flat TAG TEXT: TEXT in stdout, blanks and '|' ignored (the table wraps).
has_flat() {
  tr -d ' \n|' <"$tmp/$1.out" | grep -qF -- "$(printf %s "$2" | tr -d ' ')"
}
has_lines() {  # has_lines TAG LINE...: each LINE is a whole line of stdout
  local tag=$1 line
  shift
  for line in "$@"; do grep -qxF -- "$line" "$tmp/$tag.out" || return 1; done
}
same() { cmp -s "$tmp/$1.$3" "$tmp/$2.$3"; }
same_run() {  # stdout and exit status equal
  same "$1" "$2" out && same "$1" "$2" rc
}
files() { for t in "$@"; do echo "$tmp/$t.out" "$tmp/$t.err" "$tmp/$t.rc"; done; }
golden="$root/testdata/golden"

# ---------------------------------------------------------------- checks
osc plugins command list --group aos
check "openstack lists the plugin's commands (openstack.aos.v1)" $(files plugins) -- \
  eval 'has plugins "aos db migrate" && has plugins "aos db list"'

osc help aos db migrate -h
check "openstack aos db migrate -h shows the spec's flags" $(files help) -- \
  eval 'rc_is help 0 && has help "[-n MODULE_NAMES [MODULE_NAMES ...]]" &&
        has help "[--migration MIGRATION_VERSION] [-v]" && has help "-l, --list"'

osc list aos db migrate --config "$conf_a" --list
bin list_bin --config "$conf_a" --list
check "openstack aos db migrate --list: Available modules: and the seven ids" \
  $(files list) -- \
  eval 'rc_is list 0 && has list "Available modules:" && has_lines list $modules'
check "openstack aos db migrate --list prints what aos-db-migrate --list does" \
  $(files list list_bin) -- same_run list list_bin
check "openstack aos db migrate --list is the spec's output" $(files list) -- \
  cmp -s "$tmp/list.out" "$golden/list.txt"

osc dead aos db migrate --config "$conf_dead" -n dashboard -v
bin dead_bin --config "$conf_dead" -n dashboard -v
check "-v after the command: the verbose error (2002), exit 1" $(files dead) -- \
  eval 'rc_is dead 1 && has_flat dead "Error while getting migrate versions: (2002)" &&
        has dead "| 1 | Dashboard   | FAIL   |"'
check "-v: stdout and exit status are aos-db-migrate -v's" $(files dead dead_bin) -- \
  same_run dead dead_bin
check "-v: stderr is aos-db-migrate -v's (no OpenStackClient INFO lines)" \
  $(files dead dead_bin) -- same dead dead_bin err

osc dead_quiet aos db migrate --config "$conf_dead" -n dashboard
check "without -v: Unknown DB Error, exit 1" $(files dead_quiet) -- \
  eval 'rc_is dead_quiet 1 &&
        has_flat dead_quiet "Unknown DB Error. Please contact your administrator." &&
        ! has dead_quiet "(2002)"'

osc dead_before -v aos db migrate --config "$conf_dead" -n dashboard cloud_manager
check "-v before the command (openstack -v aos db migrate ...) is the spec's fail_verbose" \
  $(files dead_before) -- \
  eval 'rc_is dead_before 1 && cmp -s "$tmp/dead_before.out" "$golden/fail_verbose.txt"'

osc usage aos db migrate --config "$conf_a" -n dashboard cloud_manager --migration 3
bin usage_bin --config "$conf_a" -n dashboard cloud_manager --migration 3
check "a usage error: exit 2 with aos-db-migrate's message" $(files usage usage_bin) -- \
  eval 'rc_is usage 2 && same usage usage_bin out && same usage usage_bin err'

osc status aos db migrate --config "$conf_a" -n dashboard cloud_manager --status
bin status_bin --config "$conf_a" -n dashboard cloud_manager --status
check "--status passes through (same stdout and exit status)" $(files status status_bin) -- \
  same_run status status_bin
osc dry aos db migrate --config "$conf_a" -n dashboard --dry-run -f json
bin dry_bin --config "$conf_a" -n dashboard --dry-run -f json
check "--dry-run -f json passes through (same stdout and exit status)" $(files dry dry_bin) -- \
  same_run dry dry_bin

cat >"$tmp/expected_migrate.txt" <<'EOF'
Running db migrate for: dashboard, cloud_manager

DB migrate table
| N | Module name  | Status | Result  |
| 1 | Dashboard    | OK     | 0 -> 11 |
| 2 | CloudManager | OK     | 0 -> 28 |
EOF
osc migrate aos db migrate --config "$conf_a" -n dashboard cloud_manager
bin migrate_bin --config "$conf_b" -n dashboard cloud_manager
check "a real migration -n dashboard cloud_manager: 0 -> 11, 0 -> 28, exit 0" \
  $(files migrate) -- \
  eval 'rc_is migrate 0 && has migrate "0 -> 11" && has migrate "0 -> 28" &&
        cmp -s "$tmp/migrate.out" "$tmp/expected_migrate.txt"'
check "the migration prints what aos-db-migrate prints on its twin databases" \
  $(files migrate migrate_bin) -- same_run migrate migrate_bin
check "the databases were migrated (migrate_version of cloud_manager is 28)" -- \
  eval '[ "$(sql -N -e "SELECT version FROM a_cloud_manager.migrate_version")" = 28 ]'

osc again aos db migrate --config "$conf_a" -n dashboard cloud_manager
check "run again: No changes, exit 0" $(files again) -- \
  eval 'rc_is again 0 && [ "$(grep -c "| No changes |" "$tmp/again.out")" = 2 ]'

osc back aos db migrate --config "$conf_a" -n cloud_manager --migration 27
check "--migration 27: rollback 28 -> 27" $(files back) -- \
  eval 'rc_is back 0 && has back "| 1 | CloudManager | OK     | 28 -> 27 |"'
osc fwd aos db migrate --config "$conf_a" -n cloud_manager
check "and forward: 27 -> 28" $(files fwd) -- \
  eval 'rc_is fwd 0 && has fwd "| 1 | CloudManager | OK     | 27 -> 28 |"'

# openstack aos db list: the binary's --migrations -f json as rows.
count_rows() {  # count_rows TAG MODULE APPLIED: rows of -f json output
  "$PY" - "$tmp/$1.out" "$2" "$3" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
applied = sys.argv[3] == 'True'
print(sum(1 for r in rows if r['Module'] == sys.argv[2] and r['Applied'] is applied))
EOF
}
osc dblist aos db list --config "$conf_a" -n cloud_manager -f json
bin dblist_bin --migrations -f json --config "$conf_a" -n cloud_manager
check "aos db list -n cloud_manager: 28 rows, all Applied True" $(files dblist dblist_bin) -- \
  eval 'rc_is dblist 0 && [ "$(count_rows dblist cloud_manager True)" = 28 ] &&
        [ "$("$PY" -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$tmp/dblist.out")" = 28 ]'
check "aos db list: Current on version 28 only; rows match aos-db-migrate --migrations -f json" \
  $(files dblist dblist_bin) -- \
  "$PY" - "$tmp/dblist.out" "$tmp/dblist_bin.out" <<'EOF'
import json, sys
rows = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
expected = [(m['id'], s['version'], s['description'], bool(s['applied']))
            for m in report['modules'] for s in m['migrations']]
got = [(r['Module'], r['Version'], r['Description'], r['Applied']) for r in rows]
current = [r['Version'] for r in rows if r['Current'] is True]
sys.exit(0 if got == expected and current == [28] else 1)
EOF
osc dblist_table aos db list --config "$conf_a" -n cloud_manager
check "aos db list (table): the columns Module, Version, Description, Applied, Current" \
  $(files dblist_table) -- \
  eval 'rc_is dblist_table 0 &&
        grep -Eq "^\| Module +\| Version \| Description +\| Applied \| Current \|$" "$tmp/dblist_table.out" &&
        [ "$(grep -c "^| cloud_manager " "$tmp/dblist_table.out")" = 28 ]'

osc dblist_dead aos db list --config "$conf_dead" -n dashboard -f json
bin dblist_dead_bin --migrations -f json --config "$conf_dead" -n dashboard
check "aos db list on an unreachable database: one row with the error, exit as the binary's (non-zero)" \
  $(files dblist_dead dblist_dead_bin) -- \
  eval '! rc_is dblist_dead 0 && same dblist_dead dblist_dead_bin rc &&
        "$PY" - "$tmp/dblist_dead.out" <<EOF
import json, sys
rows = json.load(open(sys.argv[1]))
sys.exit(0 if len(rows) == 1 and rows[0]["Module"] == "dashboard" and
         "(2002) Can" in rows[0]["Description"]
         else 1)
EOF'

osc dblist_usage aos db list --config "$conf_a" -n no_such_module
bin dblist_usage_bin --migrations -f json --config "$conf_a" -n no_such_module
check "aos db list exits as aos-db-migrate --migrations does (unknown module)" \
  $(files dblist_usage dblist_usage_bin) -- \
  eval '! rc_is dblist_usage 0 && same dblist_usage dblist_usage_bin rc'

# Uninstall, as the README says: remove the package and its .dist-info.
rm -rf "$py_dir/aos_db_migrate_osc" "$py_dir"/aos_db_migrate_osc-*.dist-info
osc gone command list --group aos
osc gone_run aos db migrate --config "$conf_a" --list
check "after removing both folders openstack has no aos commands" $(files gone gone_run) -- \
  eval '! has gone "aos db migrate" && ! rc_is gone_run 0'

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
