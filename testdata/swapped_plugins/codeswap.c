/* The code-step twin of swapped.c: module "codeswap" built twice
 * (libcodeswap_a.so, libcodeswap_b.so: same size) whose one migration is a
 * code step creating codeswap_a_items or codeswap_b_items, and a module
 * "codeflip" whose code step first renames $AOS_TEST_FLIP_DIR/.flip-next
 * over $AOS_TEST_FLIP_DIR/libcodeswap.so. Run before codeswap (-n codeflip
 * codeswap --workers 1), it swaps that link after the run described
 * codeswap and before codeswap's own process loads it again for its code:
 * cli/e2e/plugin_cache_test.cc checks that this process refuses the other
 * file instead of running its code. One define chooses the build. */
#include <stdio.h>
#include <stdlib.h>

#include "core/abi/aos_migration_abi.h"

#if defined(CODESWAP_FLIPPER)
#define CODESWAP_ID "codeflip"
#define CODESWAP_NAME "CodeFlip"
#define CODESWAP_TABLE "codeflip_items"
#elif defined(CODESWAP_B)
#define CODESWAP_ID "codeswap"
#define CODESWAP_NAME "CodeSwap"
#define CODESWAP_TABLE "codeswap_b_items"
#else
#define CODESWAP_ID "codeswap"
#define CODESWAP_NAME "CodeSwap"
#define CODESWAP_TABLE "codeswap_a_items"
#endif

static aos_migration_status Create(const aos_migration_host_api* host,
                                   void* step_context) {
  (void)step_context;
#if defined(CODESWAP_FLIPPER)
  const char* dir = getenv("AOS_TEST_FLIP_DIR");
  if (dir != NULL) {
    char from[4096];
    char to[4096];
    snprintf(from, sizeof from, "%s/.flip-next", dir);
    snprintf(to, sizeof to, "%s/libcodeswap.so", dir);
    (void)rename(from, to);
  }
#endif
  return host->callback_execute(
      host->host_context,
      "CREATE TABLE " CODESWAP_TABLE " (id INT NOT NULL PRIMARY KEY)");
}

static const aos_migration_step kCreate = {sizeof(aos_migration_step),
                                           AOS_MIGRATION_STEP_CODE,
                                           NULL,
                                           NULL,
                                           0,
                                           &Create,
                                           NULL};
static const aos_migration_migration kMigrations[] = {
    {sizeof(aos_migration_migration), 1, "create " CODESWAP_TABLE, &kCreate,
     NULL},
};
static const aos_migration_descriptor kDescriptor = {
    sizeof(aos_migration_descriptor),
    AOS_MIGRATION_MAGIC,
    AOS_MIGRATION_ABI_MAJOR,
    AOS_MIGRATION_ABI_MINOR,
    CODESWAP_ID,
    CODESWAP_NAME,
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
