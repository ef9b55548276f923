#!/usr/bin/env bash
# `openstack aos db migrate --expand / --contract / --check /
# --forget-controller` end to end (issue 18, rolling upgrades): the tree
# installed by tools/packaging/install-tree, Debian's real /usr/bin/openstack
# and a private MariaDB, set up as osc_e2e_test.sh does. The installed
# Monitor plugin (9 expand, 10 migrate, 11 contract) beside the test plugins
# rollexpand and rollmigrate (testdata/rolling/steps), and a second
# controller, ctl2, running Monitor release 8 (testdata/rolling/monitor_8).
# Each openstack command must exit as the binary does. --check answers as
# Keystone's db_sync --check (issue 24): 2 while an expand step is pending
# (or the module is not installed), else 3 while a migrate step is, else 4
# (contract), 0 current, 1 error; several modules: the lowest non-zero
# code; each module's code and next command in the table and JSON. Where
# both run on the same state, their stdout and exit status are compared.
# Prints "ok - ..." or "not ok - ..." per check; exits 1 if any failed.
set -uo pipefail

root="$TEST_SRCDIR/$TEST_WORKSPACE"
source "$root/osc/osc_e2e_setup.sh"


rolling_src="$root/testdata/rolling"
rolling_plugins="$tmp/rolling_plugins"  # ctl1: the new Monitor and the two
old_plugins="$tmp/old_plugins"          # ctl2: Monitor release 8
mkdir -p "$rolling_plugins" "$old_plugins"
cp "$plugin_dir/libmonitor.so" "$rolling_src/steps/librollexpand.so" \
  "$rolling_src/steps/librollmigrate.so" "$rolling_plugins/" ||
  fatal "the rolling plugins are missing"
cp "$rolling_src/monitor_8/libmonitor.so" "$old_plugins/" ||
  fatal "Monitor release 8 is missing"

# write_config FILE CONTROLLER PLUGIN_DIR PORT MODULE...
write_config() {
  local file=$1 name=$2 dir=$3 db_port=$4 m
  shift 4
  {
    echo "[DEFAULT]"
    echo "plugin_dir = $dir"
    echo "controller_name = $name"
    for m in "$@"; do
      echo "[$m]"
      echo "connection = mysql+pymysql://root@127.0.0.1:$db_port/r_$m?charset=utf8"
    done
  } >"$file"
  chmod 0600 "$file"
}
for m in monitor rollexpand rollmigrate; do sql -e "CREATE DATABASE r_$m"; done
conf1="$tmp/ctl1.conf"
write_config "$conf1" ctl1 "$rolling_plugins" "$port" monitor rollexpand rollmigrate
conf2="$tmp/ctl2.conf"
write_config "$conf2" ctl2 "$old_plugins" "$port" monitor
dead_port=$(free_port)  # nothing listens there
conf_dead="$tmp/dead.conf"
write_config "$conf_dead" ctl1 "$rolling_plugins" "$dead_port" rollexpand

osc() {  # osc TAG ARGS...: `openstack ARGS` into $tmp/TAG.{out,err,rc}
  local tag=$1; shift
  "$OPENSTACK" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  echo $? >"$tmp/$tag.rc"
}
bin() {  # likewise for aos-db-migrate
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
same_run() {
  cmp -s "$tmp/$1.out" "$tmp/$2.out" && cmp -s "$tmp/$1.rc" "$tmp/$2.rc"
}
files() { for t in "$@"; do echo "$tmp/$t.out" "$tmp/$t.err" "$tmp/$t.rc"; done; }
version() { sql -N -e "SELECT version FROM r_$1.migrate_version"; }
# json_is TAG EXPR: the Python expression EXPR is true, with d the -f json
# document on TAG's stdout and m its modules by id.
json_is() {
  "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = {x["id"]: x for x in d.get("modules", [])}
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)' "$tmp/$1.out" "$2"
}

# ------------------------------------------------ a module not installed
osc check_fresh aos db migrate --config "$conf1" -n monitor --check
bin check_fresh_bin --config "$conf1" -n monitor --check

# ---------------------------------------------------------------- set up
bin prep8 --config "$conf1" -n monitor --migration 8
bin prep_e --config "$conf1" -n rollexpand --migration 1
bin prep_m --config "$conf1" -n rollmigrate --migration 2
bin ctl2_old --config "$conf2" -n monitor  # registers ctl2 at 8
{ rc_is prep8 0 && rc_is prep_e 0 && rc_is prep_m 0 && rc_is ctl2_old 0 &&
  [ "$(version monitor)" = 8 ]; } ||
  { cat $(files prep8 prep_e prep_m ctl2_old); fatal "preparing the databases failed"; }

# ---------------------------------------------------------------- checks
osc help aos db migrate -h
check "openstack aos db migrate -h shows --expand, --contract, --check, --forget-controller" \
  $(files help) -- \
  eval 'rc_is help 0 && has help "--expand" && has help "--contract" &&
        has help "--check" && has help "--forget-controller"'

check "--check of a module not installed: exit 2, --expand, one line" \
  $(files check_fresh) -- \
  eval 'rc_is check_fresh 2 &&
        has_flat check_fresh "Monitor 0 11 2 --expand not installed: 11 steps"'
check "--check (not installed) prints and exits as aos-db-migrate --check" \
  $(files check_fresh check_fresh_bin) -- same_run check_fresh check_fresh_bin

osc check2m aos db migrate --config "$conf1" -n monitor --check
bin check2m_bin --config "$conf1" -n monitor --check
check "--check with 9 expand, 10 migrate, 11 contract pending: exit 2, --expand first" \
  $(files check2m) -- \
  eval 'rc_is check2m 2 && has check2m "DB check table" &&
        has_flat check2m "Monitor 8 11 2 --expand 9 (expand) 10 (migrate) 11 (contract)"'
check "--check (2, every phase pending) prints and exits as aos-db-migrate --check" \
  $(files check2m check2m_bin) -- same_run check2m check2m_bin

osc check2 aos db migrate --config "$conf1" -n rollexpand --check -f json
bin check2_bin --config "$conf1" -n rollexpand --check -f json
check "--check with only an expand step pending: exit 2" $(files check2) -- \
  eval 'rc_is check2 2 && json_is check2 "d[\"check\"] == 2 and
        d[\"next\"] == \"--expand\" and m[\"rollexpand\"][\"next\"] == \"--expand\" and
        [(p[\"version\"], p[\"phase\"]) for p in m[\"rollexpand\"][\"pending\"]] == [(2, \"expand\")]"'
check "--check -f json (2) is aos-db-migrate's" $(files check2 check2_bin) -- \
  same_run check2 check2_bin

osc check3 aos db migrate --config "$conf1" -n rollmigrate --check
bin check3_bin --config "$conf1" -n rollmigrate --check
check "--check with only a migrate step pending: exit 3, --expand next" $(files check3) -- \
  eval 'rc_is check3 3 && has_flat check3 "RollMigrate 2 3 3 --expand 3 (migrate)"'
check "--check (3) is aos-db-migrate's" $(files check3 check3_bin) -- \
  same_run check3 check3_bin

osc check_all aos db migrate --config "$conf1" -n rollmigrate monitor rollexpand \
  --check -f json
bin check_all_bin --config "$conf1" -n rollmigrate monitor rollexpand \
  --check -f json
check "--check of three modules: the lowest of 3, 2, 2, each module its own" \
  $(files check_all) -- \
  eval 'rc_is check_all 2 && json_is check_all "d[\"check\"] == 2 and
        [(m[i][\"check\"], m[i][\"next\"]) for i in (\"rollmigrate\", \"monitor\", \"rollexpand\")] ==
        [(3, \"--expand\"), (2, \"--expand\"), (2, \"--expand\")]"'
check "--check of three modules (2) is aos-db-migrate's" \
  $(files check_all check_all_bin) -- same_run check_all check_all_bin

osc check1 aos db migrate --config "$conf_dead" -n rollexpand --check -f json
bin check1_bin --config "$conf_dead" -n rollexpand --check -f json
check "--check of an unreachable database: exit 1, category cannot_connect" \
  $(files check1) -- \
  eval 'rc_is check1 1 && json_is check1 "d[\"check\"] == 1 and
        m[\"rollexpand\"][\"category\"] == \"cannot_connect\""'
check "--check (1) exits as aos-db-migrate's" $(files check1 check1_bin) -- \
  cmp -s "$tmp/check1.rc" "$tmp/check1_bin.rc"

osc expand aos db migrate --config "$conf1" -n monitor --expand -f json
check "--expand: 8 -> 10, held back before the contract step 11, exit 0" \
  $(files expand) -- \
  eval 'rc_is expand 0 && [ "$(version monitor)" = 10 ] &&
        json_is expand "m[\"monitor\"][\"status\"] == \"OK\" and
        m[\"monitor\"][\"result\"].startswith(\"8 -> 10 (stopped before 11: \") and
        m[\"monitor\"][\"held_back\"][\"version\"] == 11 and
        m[\"monitor\"][\"held_back\"][\"phase\"] == \"contract\""'

osc check4b aos db migrate --config "$conf1" -n monitor --check
bin check4b_bin --config "$conf1" -n monitor --check
check "--check after --expand: the contract step pending, exit 4, --contract next" \
  $(files check4b) -- \
  eval 'rc_is check4b 4 && has_flat check4b "Monitor 10 11 4 --contract 11 (contract)"'
check "--check (4) is aos-db-migrate's" $(files check4b check4b_bin) -- \
  same_run check4b check4b_bin

osc check_low aos db migrate --config "$conf1" -n monitor rollmigrate --check
bin check_low_bin --config "$conf1" -n monitor rollmigrate --check
check "--check of a module at 4 and one at 3: exit 3, the first action needed" \
  $(files check_low) -- \
  eval 'rc_is check_low 3 && has_flat check_low "Monitor 10 11 4 --contract" &&
        has_flat check_low "RollMigrate 2 3 3 --expand"'
check "--check (lowest, 3) is aos-db-migrate's" $(files check_low check_low_bin) -- \
  same_run check_low check_low_bin

osc refused aos db migrate --config "$conf1" -n monitor --contract -v
check "--contract while ctl2 runs release 8: refused naming it, exit 1, nothing applied" \
  $(files refused) -- \
  eval 'rc_is refused 1 && has_flat refused "--contract refused" &&
        has_flat refused "ctl2" && [ "$(version monitor)" = 10 ]'

osc forget aos db migrate --config "$conf1" -n monitor --forget-controller ctl2
check "--forget-controller ctl2: forgotten, exit 0" $(files forget) -- \
  eval 'rc_is forget 0 && has forget "Forgot controller ctl2 in: monitor"'

osc contract aos db migrate --config "$conf1" -n monitor --contract
check "--contract once ctl2 is forgotten: 10 -> 11, exit 0" $(files contract) -- \
  eval 'rc_is contract 0 && has_flat contract "1 Monitor OK 10 -> 11" &&
        [ "$(version monitor)" = 11 ]'

osc expand_small aos db migrate --config "$conf1" -n rollexpand rollmigrate --expand
check "--expand of modules without a contract step: to their latest, exit 0" \
  $(files expand_small) -- \
  eval 'rc_is expand_small 0 && has expand_small "| 1 -> 2 " &&
        has expand_small "| 2 -> 3 "'

osc check0 aos db migrate --config "$conf1" --check
bin check0_bin --config "$conf1" --check
check "--check when every module is current: exit 0" $(files check0) -- \
  eval 'rc_is check0 0 && has check0 "DB check table"'
check "--check (0) is aos-db-migrate's" $(files check0 check0_bin) -- \
  same_run check0 check0_bin

echo "$((checks - failures)) of $checks checks passed"
[ "$failures" -eq 0 ]
