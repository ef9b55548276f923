/* A hand-built descriptor with one fault: wrong magic: everything else is
 * valid. */
#include "core/abi/aos_migration_abi.h"

static const aos_migration_step kUpgrade = {
    sizeof(aos_migration_step),
    AOS_MIGRATION_STEP_SQL,
    "CREATE TABLE badmagic_items (id INT NOT NULL PRIMARY KEY)",
    NULL,
    0,
    NULL,
    NULL};

static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), 1, "create items", &kUpgrade, NULL},
};

static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    0xDEADBEEFU,
    AOS_MIGRATION_ABI_MAJOR,
    AOS_MIGRATION_ABI_MINOR,
    "badmagic",
    "BadMagic",
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
