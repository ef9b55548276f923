/* Two builds of one module, "swapped", that differ only in what their step
 * creates (swapped_a_items or swapped_b_items; the files have the same
 * size), and a "flipper" whose constructor renames
 * $AOS_TEST_FLIP_DIR/.flip-next over $AOS_TEST_FLIP_DIR/libswapped.so when
 * it is loaded. Loaded before libswapped.so (file names sort), the flipper
 * swaps that symlink after the loader has looked at it and before it loads
 * it: the plugin cache tests (core/plugin/isolated_loader_test.cc,
 * cli/e2e/plugin_cache_test.cc) check that what the run applies and what
 * it caches are those of the file it actually opened. One define chooses
 * the build (see BUILD). */
#include <stdio.h>
#include <stdlib.h>

#include "core/abi/aos_migration_abi.h"

#if defined(SWAPPED_FLIPPER)
#define SWAPPED_ID "flipper"
#define SWAPPED_NAME "Flipper"
#define SWAPPED_TABLE "flipper_items"

__attribute__((constructor)) static void Flip(void) {
  const char* dir = getenv("AOS_TEST_FLIP_DIR");
  char from[4096];
  char to[4096];
  if (dir == NULL) return;
  snprintf(from, sizeof from, "%s/.flip-next", dir);
  snprintf(to, sizeof to, "%s/libswapped.so", dir);
  (void)rename(from, to); /* gone after the first flip: nothing to do */
}
#elif defined(SWAPPED_B)
#define SWAPPED_ID "swapped"
#define SWAPPED_NAME "Swapped B"
#define SWAPPED_TABLE "swapped_b_items"
#else
#define SWAPPED_ID "swapped"
#define SWAPPED_NAME "Swapped A"
#define SWAPPED_TABLE "swapped_a_items"
#endif

static const aos_migration_step kCreate = {
    sizeof(aos_migration_step), AOS_MIGRATION_STEP_SQL,
    "CREATE TABLE " SWAPPED_TABLE " (id INT NOT NULL PRIMARY KEY)",
    NULL, 0, NULL, NULL};
static const aos_migration_step kDrop = {sizeof(aos_migration_step),
                                         AOS_MIGRATION_STEP_SQL,
                                         "DROP TABLE " SWAPPED_TABLE,
                                         NULL, 0, NULL, NULL};
static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), 1, "create " SWAPPED_TABLE, &kCreate,
     &kDrop},
};
static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    AOS_MIGRATION_MAGIC,
    AOS_MIGRATION_ABI_MAJOR,
    AOS_MIGRATION_ABI_MINOR,
    SWAPPED_ID,
    SWAPPED_NAME,
    NULL,
    NULL,
    kMigrations,
    sizeof(kMigrations) / sizeof(kMigrations[0]),
    sizeof(aos_migration_migration),
    NULL,
};

AOS_MIGRATION_EXPORT const aos_migration_descriptor*
aos_migration_plugin_describe(void) {
  return &kDescriptor;
}
