"""e2e_test: one end-to-end test of cli/e2e.

An end-to-end test runs the built aos-db-migrate, as a separate process, with
the real plugins, against real servers its fixture starts:

    load("//tools/build_defs:e2e_test.bzl", "e2e_test")

    e2e_test(
        name = "rolling_upgrade_test",
        data = ["//testdata/rolling/monitor_8:libmonitor.so"],
        postgresql = True,
        deps = [":rolling_queries"],
    )

It writes what every such test shares:
  srcs   <name>.cc unless given;
  data   //cli:aos-db-migrate and //plugins:all, then the test's own `data`;
  deps   :migrate_fixture (one private MariaDB per binary, the helpers),
         absl and gtest_main, then the test's own `deps`;
  size   "large" unless given (servers start in it; sized for a busy
         machine);
  tags   the test's own `tags`, and those its servers need (below).
Servers beyond the fixture's MariaDB:
  postgresql = True   a private PostgreSQL per suite (:postgresql_fixture,
                      //tools/testing:postgresql_server); tagged no-sandbox:
                      PostgreSQL will not run as root, so the fixture hands
                      its data directory to the postgres user (chown), which
                      Bazel's sandbox does not allow;
  galera = True       a three-node Galera cluster (:galera_fixture,
                      //tools/testing:galera_cluster); tagged galera (a
                      quick local run skips it: --test_tag_filters=-galera)
                      and no-sandbox (the nodes run as the mysql user on
                      directories handed to it with chown).
The sanitizer suite (tools/test) runs one end-to-end test of each area of
the tool, under ASan and UBSan; the others of that area run in the plain
suite only:
  sanitized = False   tagged plain_suite_only: a further test of an area
                      another sanitized test already runs end to end
                      (README, "What each suite runs", names them).
Any other argument (env, timeout, shard_count, ...) goes to cc_test.
"""

_DATA = [
    "//cli:aos-db-migrate",
    "//plugins:all",
]

_DEPS = [
    ":migrate_fixture",
    "@system//:absl",
    "@system//:gtest_main",
]

_POSTGRESQL_DEPS = [
    ":postgresql_fixture",
    "//tools/testing:postgresql_server",
]

_GALERA_DEPS = [
    ":galera_fixture",
    "//tools/testing:galera_cluster",
]

def _unique(items):
    """items without repeats, in their first order."""
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out

def e2e_test(
        name,
        srcs = None,
        data = [],
        deps = [],
        size = "large",
        tags = [],
        postgresql = False,
        galera = False,
        sanitized = True,
        **kwargs):
    """A cc_test of the built tool and plugins on real servers (above)."""
    all_deps = list(_DEPS)
    all_tags = list(tags)
    if postgresql:
        all_deps += _POSTGRESQL_DEPS
        all_tags.append("no-sandbox")
    if galera:
        all_deps += _GALERA_DEPS
        all_tags += ["galera", "no-sandbox"]
    if not sanitized:
        all_tags.append("plain_suite_only")
    native.cc_test(
        name = name,
        srcs = srcs if srcs != None else [name + ".cc"],
        data = _unique(_DATA + data),
        deps = _unique(all_deps + deps),
        size = size,
        tags = sorted(_unique(all_tags)),
        **kwargs
    )
