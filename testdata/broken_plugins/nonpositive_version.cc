// A plugin whose first migration is version 0 (versions start at 1; 0 means
// "before the first migration").
#include "core/sdk/migration_provider.h"

namespace {

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("nonpositive", "NonPositive") {
    AddSqlMigration(0, "create items",
                    "CREATE TABLE nonpositive_items (id INT NOT NULL)",
                    "DROP TABLE nonpositive_items");
    AddSqlMigration(1, "add name",
                    "ALTER TABLE nonpositive_items ADD COLUMN name TEXT",
                    "ALTER TABLE nonpositive_items DROP COLUMN name");
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
