// A plugin that declares version 2 twice.
#include "core/sdk/migration_provider.h"

namespace {

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("dupversions", "DupVersions") {
    AddSqlMigration(1, "create items",
                    "CREATE TABLE dupversions_items (id INT NOT NULL)",
                    "DROP TABLE dupversions_items");
    AddSqlMigration(2, "add name",
                    "ALTER TABLE dupversions_items ADD COLUMN name TEXT",
                    "ALTER TABLE dupversions_items DROP COLUMN name");
    AddSqlMigration(2, "add note",
                    "ALTER TABLE dupversions_items ADD COLUMN note TEXT",
                    "ALTER TABLE dupversions_items DROP COLUMN note");
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
