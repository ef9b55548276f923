// A valid plugin whose code step (migration 2, after a good SQL migration 1)
// throws std::runtime_error.
#include <cstdlib>
#include <stdexcept>

#include "core/sdk/migration_provider.h"

namespace {

void Backfill(const aos::sdk::Host& host) {
  host.Execute("INSERT INTO codethrow_items (id) VALUES (1)");
  throw std::runtime_error(
      "codethrow_items has 3 orphan rows; cannot backfill");
}

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("codethrow", "CodeThrow") {
    AddSqlMigration(
        1, "create items",
        "CREATE TABLE codethrow_items (id INT NOT NULL PRIMARY KEY)",
        "DROP TABLE codethrow_items");
    AddCodeMigration(2, "backfill items", &Backfill, nullptr);
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
