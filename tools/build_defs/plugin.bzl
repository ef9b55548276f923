"""aos_migration_plugin: turns a plugin folder into lib<module>.so.

A plugin folder holds migrations/NNN_description.up.sql and .down.sql (plus
optional NNN_description.up.<dialect>.sql overrides) and a BUILD file with one
call:

    load("//tools/build_defs:plugin.bzl", "aos_migration_plugin")

    aos_migration_plugin(
        module_id = "dashboard",
        display_name = "Dashboard",
        service_config = "/etc/aos/dashboard/dashboard.conf",
    )

Expected schemas (drift, ABI 1.3): schema/<dialect>.schema files in the
folder (mysql, postgresql, sqlite), each "-- version N" sections of the
normalized objects the module's tables have after version N on that engine
("object<TAB>definition" lines, core/schema/schema_objects.h). They are
GENERATED, never written by hand: `aos-plugin-check --write-expected-schemas
<folder>/schema lib<module>.so` replays the migrations step by step on
throwaway databases of each engine and writes them; they are committed
beside the migrations; the build embeds them in the .so (one file still
ships the module); the conformance walk compares the live schema after every
step with them and fails when they are stale (a migration changed or added
without regenerating them). A folder without schema files builds a plugin
without expected schemas: the tool says "drift: not known" for it.

It defines:
  :migrations        the folder's migration files (for tests and tools);
  :expected_schemas  the folder's schema/*.schema files, when it has any;
  :lib<module>.so    the plugin, exporting only the ABI entry symbol;
  :<module>_conformance_test
                     the per-module CI kit (tools/plugin_check) on throwaway
                     databases of `conformance_engines`.
Optional arguments: repository_id (default: module_id); code_steps, C++
sources that define aos_plugin_register_code_steps(provider); migrations, to
take the files from elsewhere; max_version, to build an older release of the
module (its migrations up to that version); release, the plugin's own release
(default 1, recorded in the plugin as plugin_release): bump it when a plugin
is rebuilt and shipped again without a new migration, so that its package
version, <latest migration>.<release> (tools/package), goes up; phases, each
migration's phase in a rolling upgrade ({30: "expand", 31: "migrate",
32: "contract"}; a file-name part NNN_description.expand.up.sql says the
same; the two must agree); previous_queries, (N, label) of the previous
release's service statements, which the kit runs at N and after each expand
and migrate step (aos-plugin-check --previous-queries); expected_schemas, to
take the schema files from elsewhere (e.g. an older release built from
another folder's migrations with max_version: sections past it are left
out).
"""

def aos_migration_plugin(
        module_id,
        display_name,
        service_config = None,
        repository_id = None,
        migrations = None,
        code_steps = [],
        max_version = None,
        release = 1,
        phases = {},
        previous_queries = None,
        conformance = True,
        conformance_engines = ["mysql", "sqlite", "postgresql"],
        expected_schemas = None,
        visibility = ["//visibility:public"]):
    if migrations == None:
        native.filegroup(
            name = "migrations",
            srcs = native.glob(["migrations/*.sql"]),
            visibility = visibility,
        )
        migrations = [":migrations"]
    if expected_schemas == None:
        expected_schemas = native.glob(["schema/*.schema"])
        if expected_schemas:  # a folder of one plugin; several share none
            native.filegroup(
                name = "expected_schemas",
                srcs = expected_schemas,
                visibility = visibility,
            )

    args = [
        "--module_id=" + module_id,
        "--display_name='" + display_name + "'",
        "--out=$@",
    ]
    if repository_id:
        args.append("--repository_id=" + repository_id)
    if service_config:
        args.append("--service_config=" + service_config)
    if max_version:
        args.append("--max_version=%d" % max_version)
    if release != None:
        args.append("--release=%s" % release)
    if code_steps:
        args.append("--code_steps")
    for version, phase in phases.items():
        args.append("--phase=%s:%s" % (version, phase))

    provider_cc = module_id + "_provider.cc"
    native.genrule(
        name = module_id + "_provider_gen",
        srcs = migrations + expected_schemas,
        outs = [provider_cc],
        cmd = "$(location //tools/plugin_gen) " + " ".join(args) + " $(SRCS)",
        tools = ["//tools/plugin_gen"],
    )

    native.cc_binary(
        name = "lib" + module_id + ".so",
        srcs = [provider_cc] + code_steps,
        deps = ["//core/sdk"],
        linkshared = True,
        copts = ["-fPIC", "-fvisibility=hidden", "-fvisibility-inlines-hidden"],
        additional_linker_inputs = ["//tools/build_defs:plugin_exports.lds"],
        linkopts = [
            "-Wl,--version-script=$(location //tools/build_defs:plugin_exports.lds)",
        ],
        visibility = visibility,
    )

    if conformance:
        native.sh_test(
            name = module_id + "_conformance_test",
            # Servers on all three engines: sized for a busy machine.
            size = "large",
            srcs = ["//tools/plugin_check:conformance_test.sh"],
            # The throwaway PostgreSQL runs as its own user (chown), which
            # Bazel's sandbox does not allow. The product plugins' walks
            # (//plugins/...) run in the plain suite only: under the
            # sanitizers they would run the same C++ (the kit, the engine)
            # that the test plugins' walks already run there, over other SQL,
            # which no sanitizer reads (tools/test, README "What each suite
            # runs").
            tags = ["no-sandbox"] + (
                ["plain_suite_only"] if native.package_name().startswith("plugins/") else []
            ),
            args = [
                "$(location //tools/plugin_check:aos-plugin-check)",
                "$(location :lib" + module_id + ".so)",
                "--engines=" + ",".join(conformance_engines),
            ] + ([
                "--previous-queries=%d:$(location %s)" % (
                    previous_queries[0],
                    previous_queries[1],
                ),
            ] if previous_queries else []),
            data = [
                ":lib" + module_id + ".so",
                "//tools/plugin_check:aos-plugin-check",
            ] + ([previous_queries[1]] if previous_queries else []),
        )
