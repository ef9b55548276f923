// A plugin whose versions are not in increasing order: 1, 3, 2.
#include "core/sdk/migration_provider.h"

namespace {

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("unsorted", "Unsorted") {
    AddSqlMigration(1, "create items",
                    "CREATE TABLE unsorted_items (id INT NOT NULL)",
                    "DROP TABLE unsorted_items");
    AddSqlMigration(3, "add note",
                    "ALTER TABLE unsorted_items ADD COLUMN note TEXT",
                    "ALTER TABLE unsorted_items DROP COLUMN note");
    AddSqlMigration(2, "add name",
                    "ALTER TABLE unsorted_items ADD COLUMN name TEXT",
                    "ALTER TABLE unsorted_items DROP COLUMN name");
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
