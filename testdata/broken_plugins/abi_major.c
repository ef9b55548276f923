/* A hand-built descriptor with one fault: built for ABI 2.0, whose major
 * does not match the host's 1. */
#include "core/abi/aos_migration_abi.h"

static const aos_migration_step kUpgrade = {
    sizeof(aos_migration_step),
    AOS_MIGRATION_STEP_SQL,
    "CREATE TABLE abimajor_items (id INT NOT NULL PRIMARY KEY)",
    NULL,
    0,
    NULL,
    NULL};

static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), 1, "create items", &kUpgrade, NULL},
};

static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    AOS_MIGRATION_MAGIC,
    2,
    AOS_MIGRATION_ABI_MINOR,
    "abimajor",
    "AbiMajor",
    NULL,
    NULL,
    kMigrations,
    sizeof(kMigrations) / sizeof(kMigrations[0]),
    sizeof(aos_migration_migration),
};

AOS_MIGRATION_EXPORT const aos_migration_descriptor*
aos_migration_plugin_describe(void) {
  return &kDescriptor;
}
