/* A shared object that is no plugin: it exports a misspelt entry
 * (..._descriptor instead of ..._describe) and nothing the host looks for. */
#include "core/abi/aos_migration_abi.h"

AOS_MIGRATION_EXPORT int aos_migration_plugin_descriptor(void) { return 0; }
