/* A plugin written in C against ABI 1.1, as one built before ABI 1.2 is: its
 * migration struct is 1.1's (no `phase`), copied here as a plugin built back
 * then had it, and its descriptor says abi_minor 1 and migration_struct_size
 * = that struct's size. The core must load it and run it as before: a plain
 * run applies its two migrations; --expand applies nothing of it (no phase
 * declared, so not known to be safe) and --check reports them as 4. */
#include <stddef.h>
#include <stdint.h>

#include "core/abi/aos_migration_abi.h"

typedef struct {
  uint32_t struct_size;
  int64_t version;
  const char* description;
  const aos_migration_step* upgrade;
  const aos_migration_step* downgrade;
} migration_v1_1;

/* The 1.1 struct ends where 1.2 appended `phase`. */
_Static_assert(sizeof(migration_v1_1) == AOS_MIGRATION_MIGRATION_MIN_SIZE,
               "ABI 1.1 migration struct");
_Static_assert(sizeof(migration_v1_1) < AOS_MIGRATION_MIGRATION_PHASE_SIZE,
               "a 1.1 struct holds no phase");

#define SQL_STEP(text)                                                   \
  {                                                                      \
    sizeof(aos_migration_step), AOS_MIGRATION_STEP_SQL, text, NULL, 0,   \
        NULL, NULL                                                       \
  }

static const aos_migration_step kUp1 =
    SQL_STEP("CREATE TABLE legacy_notes (id INT NOT NULL PRIMARY KEY, "
             "body VARCHAR(200) NOT NULL)");
static const aos_migration_step kDown1 = SQL_STEP("DROP TABLE legacy_notes");
static const aos_migration_step kUp2 =
    SQL_STEP("ALTER TABLE legacy_notes ADD COLUMN author VARCHAR(64) NULL");
static const aos_migration_step kDown2 =
    SQL_STEP("ALTER TABLE legacy_notes DROP COLUMN author");

static const migration_v1_1 kMigrations[] = {
    {sizeof(migration_v1_1), 1, "create legacy notes", &kUp1, &kDown1},
    {sizeof(migration_v1_1), 2, "add legacy notes author", &kUp2, &kDown2},
};

static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    AOS_MIGRATION_MAGIC,
    1,
    1, /* ABI 1.1 */
    "legacy",
    "Legacy",
    NULL,
    NULL,
    (const aos_migration_migration*)kMigrations,
    2,
    sizeof(migration_v1_1),
    "3",
};

AOS_MIGRATION_EXPORT const aos_migration_descriptor*
aos_migration_plugin_describe(void) {
  return &kDescriptor;
}
