/*
 * aos_migration_abi.h: the MigrationProvider ABI, the ONLY contract between
 * the aos-db-migrate core (the host) and a module plugin (a shared object).
 *
 * Pure C, standard headers only, so that a plugin built by another team, on
 * another day, with another compiler release, still loads.
 *
 * How a plugin is found and checked
 *   A plugin exports exactly one symbol, AOS_MIGRATION_ENTRY_SYMBOL, a function
 *   of type aos_migration_on_describe. The host dlopens the file with
 *   RTLD_NOW | RTLD_LOCAL, calls the entry once and checks the returned
 *   descriptor in this order, refusing the plugin (naming the file and the
 *   field) at the first failure:
 *     1. struct_size >= AOS_MIGRATION_DESCRIPTOR_MIN_SIZE;
 *     2. magic == AOS_MIGRATION_MAGIC;
 *     3. abi_major == AOS_MIGRATION_ABI_MAJOR (must match);
 *     4. abi_minor <= the host's AOS_MIGRATION_ABI_MINOR;
 *     5. the strings and the migration list (ids, ordering, steps).
 *
 * Evolution policy
 *   Fields are only ever appended to a struct, and every struct that may grow
 *   starts with its own size, so a newer host reads an older plugin: a field
 *   beyond the plugin's struct_size is taken as absent (zero). Appending bumps
 *   AOS_MIGRATION_ABI_MINOR; any reorder, removal or change of meaning bumps
 *   AOS_MIGRATION_ABI_MAJOR. A test keeps the sizes and offsets honest.
 *
 * Naming
 *   aos_migration_on_*        functions the plugin implements (hooks);
 *   aos_migration_callback_*  functions the host implements (host API table).
 *
 * Ownership
 *   Everything a plugin returns (the descriptor, strings, arrays) is owned by
 *   the plugin and must stay valid and unchanged while the library is loaded;
 *   the host never frees it, and never dlcloses a plugin while it holds any of
 *   it. Everything the host passes in (host API, SQL text, row values) is
 *   owned by the host and valid only during the call that received it.
 *   No C++ exception may cross this boundary: every plugin function must
 *   catch everything and return a status instead.
 */
#ifndef AOS_CORE_ABI_AOS_MIGRATION_ABI_H_
#define AOS_CORE_ABI_AOS_MIGRATION_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AOS_MIGRATION_MAGIC 0x414F534DU /* "AOSM" */
#define AOS_MIGRATION_ABI_MAJOR 1
#define AOS_MIGRATION_ABI_MINOR 3

/* The one symbol a plugin exports. */
#define AOS_MIGRATION_ENTRY_SYMBOL "aos_migration_plugin_describe"

/* Marks the entry symbol visible when the plugin is built with
 * -fvisibility=hidden (the Bazel macro and the SDK do this). */
#if defined(__GNUC__)
#define AOS_MIGRATION_EXPORT __attribute__((visibility("default")))
#else
#define AOS_MIGRATION_EXPORT
#endif

/* Status codes returned by plugin hooks and host callbacks. */
typedef int32_t aos_migration_status;
#define AOS_MIGRATION_OK 0
#define AOS_MIGRATION_ERROR 1

/* ------------------------------------------------------------------------ */
/* Host API: a table of host callbacks passed to code steps. Append only.   */
/* ------------------------------------------------------------------------ */

/* Called once per result row by callback_query. `values` holds `column_count`
 * NUL-terminated strings (NULL for SQL NULL), owned by the host and valid only
 * during this call. Return AOS_MIGRATION_OK to continue, anything else stops
 * the query (which then returns AOS_MIGRATION_ERROR). */
typedef aos_migration_status (*aos_migration_on_row)(void* user_data,
                                                     uint32_t column_count,
                                                     const char* const* values);

typedef struct aos_migration_host_api {
  uint32_t struct_size; /* sizeof(aos_migration_host_api) of the host */
  uint16_t abi_major;
  uint16_t abi_minor;
  /* Opaque; pass back unchanged as the first argument of every callback. */
  void* host_context;
  /* Runs one SQL statement (no trailing ';' needed). */
  aos_migration_status (*callback_execute)(void* host_context, const char* sql);
  /* Runs one query and calls on_row for every row, in order. */
  aos_migration_status (*callback_query)(void* host_context, const char* sql,
                                         aos_migration_on_row on_row,
                                         void* user_data);
  /* "mysql", "sqlite" or "postgresql"; owned by the host. */
  const char* (*callback_dialect)(void* host_context);
  /* A progress line for the operator's log. */
  void (*callback_log)(void* host_context, const char* message);
  /* The message the host reports when the step returns an error; copied. */
  void (*callback_set_error)(void* host_context, const char* message);
} aos_migration_host_api;

/* ------------------------------------------------------------------------ */
/* Plugin description: what the entry returns.                               */
/* ------------------------------------------------------------------------ */

/* A code step: data migrations that SQL alone cannot express. Returns
 * AOS_MIGRATION_OK, or AOS_MIGRATION_ERROR after callback_set_error. */
typedef aos_migration_status (*aos_migration_on_code_step)(
    const aos_migration_host_api* host, void* step_context);

/* SQL for one dialect, overriding the generic script for that engine. */
typedef struct aos_migration_sql_variant {
  const char* dialect; /* "mysql", "sqlite" or "postgresql" */
  const char* sql;
} aos_migration_sql_variant;

#define AOS_MIGRATION_STEP_NONE 0 /* no such step (e.g. irreversible) */
#define AOS_MIGRATION_STEP_SQL 1
#define AOS_MIGRATION_STEP_CODE 2

typedef struct aos_migration_step {
  uint32_t struct_size; /* sizeof(aos_migration_step) of the plugin */
  uint32_t kind;        /* AOS_MIGRATION_STEP_* */
  /* kind SQL: a script of ';'-separated statements, generic dialect. */
  const char* sql;
  /* kind SQL: per-dialect overrides, `variant_count` entries (may be 0). */
  const aos_migration_sql_variant* variants;
  uint32_t variant_count;
  /* kind CODE: the hook and its context, passed back unchanged. */
  aos_migration_on_code_step on_run;
  void* step_context;
} aos_migration_step;

/* ABI 1.2: the phase of a migration in a rolling upgrade of the controllers
 * (README, "Rolling upgrades"). A plugin built before 1.2 has none: every
 * migration is UNSPECIFIED, and behaves exactly as before. */
#define AOS_MIGRATION_PHASE_UNSPECIFIED 0
/* Only adds (tables, nullable or defaulted columns, indexes): safe while the
 * previous release of the service still runs. */
#define AOS_MIGRATION_PHASE_EXPAND 1
/* Moves data between the old and the new shape; no schema change; online. */
#define AOS_MIGRATION_PHASE_MIGRATE 2
/* Removes what only the previous release used: once every controller runs
 * this release. */
#define AOS_MIGRATION_PHASE_CONTRACT 3

typedef struct aos_migration_migration {
  uint32_t struct_size; /* sizeof(aos_migration_migration) of the plugin */
  int64_t version;      /* > 0, strictly increasing through the list */
  const char* description;
  const aos_migration_step* upgrade;   /* required */
  const aos_migration_step* downgrade; /* NULL: irreversible */
  /* ABI 1.2: AOS_MIGRATION_PHASE_*; absent (0) in an older plugin. */
  uint32_t phase;
} aos_migration_migration;

/* ABI 1.3: the schema a module's tables have after one version on one
 * engine (drift, README "Drift"), as the build generated it by replaying the
 * migrations on a real server: the normalized objects, one
 * "object<TAB>definition" line each, sorted (core/schema/schema_objects.h).
 * The host compares it with the live schema the version row claims. */
typedef struct aos_migration_expected_schema {
  uint32_t struct_size; /* sizeof(aos_migration_expected_schema) of the plugin */
  const char* dialect;  /* "mysql", "sqlite" or "postgresql" */
  int64_t version;      /* 0 (nothing applied) or a migration's version */
  const char* text;     /* the objects; "" for none */
} aos_migration_expected_schema;

typedef struct aos_migration_descriptor {
  uint32_t struct_size; /* sizeof(aos_migration_descriptor) of the plugin */
  uint32_t magic;       /* AOS_MIGRATION_MAGIC */
  uint16_t abi_major;   /* AOS_MIGRATION_ABI_MAJOR the plugin was built with */
  uint16_t abi_minor;   /* AOS_MIGRATION_ABI_MINOR the plugin was built with */
  /* [a-z][a-z0-9_]*, unique among the plugins of one directory. */
  const char* module_id;
  /* Shown in the report, e.g. "Dashboard". */
  const char* display_name;
  /* Key of the module's row in migrate_version; NULL or "": module_id. */
  const char* repository_id;
  /* The module service's own config file ([database] connection), or NULL. */
  const char* service_config_path;
  /* `migration_count` entries, each `migration_struct_size` bytes apart, so a
   * host reads a plugin built with an older (smaller) migration struct. */
  const aos_migration_migration* migrations;
  uint32_t migration_count;
  uint32_t migration_struct_size;
  /* ABI 1.1: the plugin's own release (e.g. "2", the package's revision of
   * its migrations); the package version is "<latest>.<release>"; NULL or
   * "": none. */
  const char* plugin_release;
  /* ABI 1.3: `expected_schema_count` entries (may be 0: drift not known),
   * each `expected_schema_struct_size` bytes apart. A dialect with any entry
   * should have one for every migration's version; a version without one
   * is not known. */
  const aos_migration_expected_schema* expected_schemas;
  uint32_t expected_schema_count;
  uint32_t expected_schema_struct_size;
} aos_migration_descriptor;

/* The smallest descriptor this host accepts: ABI 1.0's full struct. A 1.0
 * plugin's descriptor ends after migration_struct_size; the host reads
 * plugin_release only from a descriptor large enough to hold it. */
#define AOS_MIGRATION_DESCRIPTOR_MIN_SIZE \
  (offsetof(aos_migration_descriptor, migration_struct_size) + sizeof(uint32_t))
#define AOS_MIGRATION_MIGRATION_MIN_SIZE \
  (offsetof(aos_migration_migration, downgrade) + sizeof(void*))
/* A descriptor that holds the expected schemas (ABI 1.3 and later); the
 * host reads them only from a descriptor at least this large. */
#define AOS_MIGRATION_DESCRIPTOR_SCHEMAS_SIZE                          \
  (offsetof(aos_migration_descriptor, expected_schema_struct_size) + \
   sizeof(uint32_t))
#define AOS_MIGRATION_EXPECTED_SCHEMA_MIN_SIZE \
  (offsetof(aos_migration_expected_schema, text) + sizeof(void*))
/* A migration struct that holds `phase` (ABI 1.2 and later). */
#define AOS_MIGRATION_MIGRATION_PHASE_SIZE \
  (offsetof(aos_migration_migration, phase) + sizeof(uint32_t))
#define AOS_MIGRATION_STEP_MIN_SIZE \
  (offsetof(aos_migration_step, step_context) + sizeof(void*))

/* The entry: returns the plugin's static descriptor, or NULL on failure.
 * Called once per load; must not throw. */
typedef const aos_migration_descriptor* (*aos_migration_on_describe)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* AOS_CORE_ABI_AOS_MIGRATION_ABI_H_ */
