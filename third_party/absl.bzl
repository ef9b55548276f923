"""Abseil's link flags (Debian 12, Abseil 20220623), shared by
third_party/system.BUILD and the executables that link it statically."""

ABSL_LIBS = [
    "-labsl_flags_parse", "-labsl_flags_usage", "-labsl_flags_usage_internal",
    "-labsl_flags_internal", "-labsl_flags_marshalling", "-labsl_flags_reflection",
    "-labsl_flags_config", "-labsl_flags_program_name", "-labsl_flags_private_handle_accessor",
    "-labsl_flags_commandlineflag", "-labsl_flags_commandlineflag_internal",
    "-labsl_statusor", "-labsl_status", "-labsl_cord", "-labsl_cordz_info",
    "-labsl_cord_internal", "-labsl_cordz_functions", "-labsl_cordz_handle",
    "-labsl_exponential_biased", "-labsl_hash", "-labsl_city", "-labsl_low_level_hash",
    "-labsl_raw_hash_set", "-labsl_hashtablez_sampler", "-labsl_synchronization",
    "-labsl_graphcycles_internal", "-labsl_stacktrace", "-labsl_symbolize",
    "-labsl_debugging_internal", "-labsl_demangle_internal", "-labsl_malloc_internal",
    "-labsl_time", "-labsl_civil_time", "-labsl_time_zone", "-labsl_str_format_internal",
    "-labsl_strings", "-labsl_strings_internal", "-labsl_strerror", "-labsl_int128",
    "-labsl_throw_delegate", "-labsl_bad_optional_access", "-labsl_bad_variant_access",
    "-labsl_base", "-labsl_spinlock_wait", "-labsl_raw_logging_internal",
    "-labsl_log_severity",
]

# For an executable that starts often (aos-db-migrate): Abseil's static
# archives, which come first on the link line, so the shared libraries of
# :absl are left unneeded and dropped (--as-needed). Its 46 shared libraries
# cost a process about 7 ms of dynamic loading at every start
# (docs/performance.md). Debian's archives are built -fPIE, not -fPIC: fit
# for executables only, never for a shared object.
ABSL_STATIC_LINKOPTS = ["-Wl,--as-needed", "-Wl,--start-group"] + [
    lib.replace("-l", "-l:lib", 1) + ".a"
    for lib in ABSL_LIBS
] + ["-Wl,--end-group"]

