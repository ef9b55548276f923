/* A plugin written in C against ABI 1.0: its descriptor is the 1.0 struct
 * (no plugin_release), copied here as a plugin built back then had it. A
 * newer core must still load it.
 *   gcc -shared -fPIC -fvisibility=hidden -I/usr/include/aos-db-migrate \
 *       old_abi_plugin.c -o libarchive.so */
#include <stddef.h>
#include <stdint.h>

#include "core/abi/aos_migration_abi.h"

typedef struct {
  uint32_t struct_size;
  uint32_t magic;
  uint16_t abi_major;
  uint16_t abi_minor;
  const char* module_id;
  const char* display_name;
  const char* repository_id;
  const char* service_config_path;
  const aos_migration_migration* migrations;
  uint32_t migration_count;
  uint32_t migration_struct_size;
} descriptor_v1_0;

#ifndef PLUGIN_ABI_MAJOR
#define PLUGIN_ABI_MAJOR 1
#endif

static const aos_migration_step kUp = {
    sizeof(aos_migration_step), AOS_MIGRATION_STEP_SQL,
    "CREATE TABLE archive (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
    NULL, 0, NULL, NULL};
static const aos_migration_step kDown = {
    sizeof(aos_migration_step), AOS_MIGRATION_STEP_SQL, "DROP TABLE archive",
    NULL, 0, NULL, NULL};
static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), 1, "initial schema", &kUp, &kDown}};
static const descriptor_v1_0 kDescriptor = {
    sizeof(descriptor_v1_0), AOS_MIGRATION_MAGIC, PLUGIN_ABI_MAJOR, 0,
    "archive", "Archive", NULL, NULL, kMigrations, 1,
    sizeof(aos_migration_migration)};

AOS_MIGRATION_EXPORT const aos_migration_descriptor*
aos_migration_plugin_describe(void) {
  return (const aos_migration_descriptor*)&kDescriptor;
}
