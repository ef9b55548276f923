/* A valid plugin whose code step (migration 2) fails the way the C ABI
 * says a step fails: callback_set_error, then AOS_MIGRATION_ERROR. Written
 * against the C ABI because the C++ SDK's steps fail only by throwing. */
#include "core/abi/aos_migration_abi.h"

static aos_migration_status CheckItems(const aos_migration_host_api* host,
                                       void* step_context) {
  (void)step_context;
  if (host->callback_execute(host->host_context,
                             "INSERT INTO codeerror_items (id) VALUES (1)") !=
      AOS_MIGRATION_OK) {
    return AOS_MIGRATION_ERROR;
  }
  host->callback_set_error(host->host_context,
                           "codeerror_items holds 1 row without an owner; "
                           "assign owners first");
  return AOS_MIGRATION_ERROR;
}

static const aos_migration_step kCreate = {
    sizeof(aos_migration_step),
    AOS_MIGRATION_STEP_SQL,
    "CREATE TABLE codeerror_items (id INT NOT NULL PRIMARY KEY)",
    NULL,
    0,
    NULL,
    NULL};
static const aos_migration_step kDrop = {sizeof(aos_migration_step),
                                         AOS_MIGRATION_STEP_SQL,
                                         "DROP TABLE codeerror_items",
                                         NULL,
                                         0,
                                         NULL,
                                         NULL};
static const aos_migration_step kCheck = {sizeof(aos_migration_step),
                                          AOS_MIGRATION_STEP_CODE,
                                          NULL,
                                          NULL,
                                          0,
                                          &CheckItems,
                                          NULL};

static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), 1, "create items", &kCreate, &kDrop},
    {sizeof(aos_migration_migration), 2, "check owners", &kCheck, NULL},
};

static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    AOS_MIGRATION_MAGIC,
    AOS_MIGRATION_ABI_MAJOR,
    AOS_MIGRATION_ABI_MINOR,
    "codeerror",
    "CodeError",
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
