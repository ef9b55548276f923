// A valid plugin whose code step (migration 2, after a good SQL migration 1)
// calls abort() (SIGABRT).
#include <cstdlib>
#include <stdexcept>

#include "core/sdk/migration_provider.h"

namespace {

void Backfill(const aos::sdk::Host& host) {
  host.Execute("INSERT INTO codeabort_items (id) VALUES (1)");
  std::abort();
}

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("codeabort", "CodeAbort") {
    AddSqlMigration(
        1, "create items",
        "CREATE TABLE codeabort_items (id INT NOT NULL PRIMARY KEY)",
        "DROP TABLE codeabort_items");
    AddCodeMigration(2, "backfill items", &Backfill, nullptr);
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
