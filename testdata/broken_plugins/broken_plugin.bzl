"""broken_plugin: builds one deliberately broken test plugin, lib<name>.so.

Built the way a real plugin is (position-independent, hidden visibility, only
the ABI entry symbol exported) so that the only fault is the one its source
plants. Sources are C against core/abi or C++ against core/sdk.
"""

def broken_plugin(name, srcs, export_entry_only = True, defines = []):
    copts = ["-fPIC", "-fvisibility=hidden"] + ["-D" + d for d in defines]
    if [s for s in srcs if s.endswith(".cc")]:
        copts.append("-fvisibility-inlines-hidden")
    linkopts = []
    linker_inputs = []
    if export_entry_only:
        linker_inputs = ["//tools/build_defs:plugin_exports.lds"]
        linkopts = [
            "-Wl,--version-script=$(location //tools/build_defs:plugin_exports.lds)",
        ]
    native.cc_binary(
        name = "lib" + name + ".so",
        srcs = srcs,
        deps = ["//core/sdk"],
        linkshared = True,
        copts = copts,
        additional_linker_inputs = linker_inputs,
        linkopts = linkopts,
        testonly = True,
        visibility = ["//visibility:public"],
    )

# The plugins of hostile_loading.c that misbehave while loaded: each fault,
# in a constructor and in describe (name -> the -D defines that make it).
LOADING_FAULTS = {
    "load" + fault.lower() + where: [
        "HOSTILE_" + fault,
        "HOSTILE_ID=\\\"load" + fault.lower() + where + "\\\"",
    ] + (["HOSTILE_IN_CONSTRUCTOR"] if where == "ctor" else [])
    for fault in ["SEGV", "ABORT", "EXIT0", "HANG", "LEFTOVER"]
    for where in ["ctor", "describe"]
}

# Their labels, for a test's data.
LOADING_FAULT_PLUGINS = [
    "//testdata/broken_plugins:lib%s.so" % name
    for name in LOADING_FAULTS
]
