// A valid plugin of module "twin", built as two files (libtwin_a.so and
// libtwin_b.so): two files claiming one module id.
#include "core/sdk/migration_provider.h"

namespace {

class Provider : public aos::sdk::MigrationProvider {
 public:
  Provider() : MigrationProvider("twin", "Twin") {
    AddSqlMigration(1, "create items",
                    "CREATE TABLE twin_items (id INT NOT NULL PRIMARY KEY)",
                    "DROP TABLE twin_items");
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Provider)
