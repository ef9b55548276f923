// A plugin whose module id breaks [a-z][a-z0-9_]*: "Bad-Id".
#include "core/sdk/migration_provider.h"

namespace {

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("Bad-Id", "Bad Id") {
    AddSqlMigration(1, "create items",
                    "CREATE TABLE bad_id_items (id INT NOT NULL PRIMARY KEY)",
                    "DROP TABLE bad_id_items");
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
