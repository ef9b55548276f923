// A valid plugin whose code step (migration 2, after a good SQL migration 1)
// runs a statement the database refuses (the SDK's Host throws, the host keeps
// the server's error).
#include <cstdlib>
#include <stdexcept>

#include "core/sdk/migration_provider.h"

namespace {

void Backfill(const aos::sdk::Host& host) {
  host.Execute("INSERT INTO codedberror_items (id) VALUES (1)");
  host.Execute("INSERT INTO codedberror_missing (id) VALUES (1)");
}

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("codedberror", "CodeDbError") {
    AddSqlMigration(
        1, "create items",
        "CREATE TABLE codedberror_items (id INT NOT NULL PRIMARY KEY)",
        "DROP TABLE codedberror_items");
    AddCodeMigration(2, "backfill items", &Backfill, nullptr);
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
