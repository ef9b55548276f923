// A valid plugin whose code step (migration 2, after a good SQL migration 1)
// dereferences a null pointer (SIGSEGV). Both the pointer and what it points
// to are volatile: otherwise the compiler may drop the store or turn it into
// a trap (SIGILL).
#include <cstdlib>
#include <stdexcept>

#include "core/sdk/migration_provider.h"

namespace {

void Backfill(const aos::sdk::Host& host) {
  host.Execute("INSERT INTO codesegv_items (id) VALUES (1)");
  volatile int* volatile pointer = nullptr;
  *pointer = 42;
}

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("codesegv", "CodeSegv") {
    AddSqlMigration(1, "create items",
                    "CREATE TABLE codesegv_items (id INT NOT NULL PRIMARY KEY)",
                    "DROP TABLE codesegv_items");
    AddCodeMigration(2, "backfill items", &Backfill, nullptr);
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
