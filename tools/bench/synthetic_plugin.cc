// A synthetic module for the benchmark (tools/bench/run): SYNTH_STEPS
// trivial migrations, step i creating table t_i and its downgrade dropping
// it. Built with the SDK alone, as a module team would build a plugin, and
// exporting only aos_migration_plugin_describe (see BUILD).
#include <string>

#include "core/sdk/migration_provider.h"

#ifndef SYNTH_STEPS
#define SYNTH_STEPS 500
#endif
#ifndef SYNTH_ID
#define SYNTH_ID "synthetic"
#endif
#ifndef SYNTH_NAME
#define SYNTH_NAME "Synthetic"
#endif

namespace {

class Synthetic : public aos::sdk::MigrationProvider {
 public:
  Synthetic() : MigrationProvider(SYNTH_ID, SYNTH_NAME) {
    for (int i = 1; i <= SYNTH_STEPS; ++i) {
      std::string n = std::to_string(i);
      std::string description = "create t_" + n;
      std::string up = "CREATE TABLE t_" + n + " (id INT PRIMARY KEY)";
      std::string down = "DROP TABLE t_" + n;
      // The SDK keeps its own copies of every string.
      AddSqlMigration(i, description.c_str(), up.c_str(), down.c_str());
    }
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Synthetic)
