#include "cli/help_text.h"

#include <string>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace aos::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The text comes from the option table (option_table.cc) and the formats
// each mode prints (mode_formats.cc): a row per option, in its group.
TEST(HelpTextTest, ShowsEveryOptionOnceInItsGroup) {
  const std::string help = HelpText();
  EXPECT_THAT(help, StartsWith("usage: openstack aos db migrate [-h] [-l] "
                               "[-n MODULE_NAMES [MODULE_NAMES ...]]\n"
                               "                                "
                               "[--migration MIGRATION_VERSION] [-v]\n"));
  for (absl::string_view line : absl::StrSplit(help, '\n')) {
    EXPECT_LE(line.size(), 78u) << line;
  }
  // Each option's row, in its group; every spelling the parser takes.
  for (const char* row :
       {"\n  -h, --help            Help output.\n",
        "\n  -l, --list            Lists all modules supported migration",
        "\n  -n, --names MODULE_NAMES [MODULE_NAMES ...]\n"
        "                        Outputting the result for specific modules,",
        "\n  --migration MIGRATION_VERSION\n"
        "                        Database migration version for the one module",
        "\n  -v, --verbose         Detailed message about a database migration",
        "\n  --config PATH         Configuration file (default "
        "/etc/aos/db-migrate.conf).\n",
        "\n  --plugin-dir PATH     Directory of module plugins",
        "\n  --mark-version N      Repair: record version N",
        "\n  --lock-timeout SECONDS\n                        How long to wait",
        "\n  --workers N           Modules migrated at the same time (default "
        "4).\n",
        "\n  -f, --format {table,json,value}\n"
        "                        Output format (default table, the spec's).\n",
        "\n  --status              Per module: current and latest version,",
        "\n  --migrations          Per module: every migration,",
        "\n  --dry-run             The statements that would run,"}) {
    EXPECT_THAT(help, HasSubstr(row));
  }
  size_t spec = help.find("\noptions:\n");
  size_t tool = help.find("\naos-db-migrate options:\n");
  ASSERT_NE(spec, std::string::npos);
  ASSERT_NE(tool, std::string::npos);
  EXPECT_LT(help.find("--verbose"), tool);
  EXPECT_GT(help.find("\n  --config PATH"), tool);
  // The rule of kModes, said once.
  EXPECT_THAT(help,
              HasSubstr("\n\n-f by mode:\n"
                        "  a migrate run, --mark-version and "
                        "--accept-drift: table, json or value\n"
                        "  --list and --forget-controller: table\n"
                        "  --status, --migrations, --dry-run and --check: "
                        "table or json\n\n"));
  EXPECT_THAT(help, HasSubstr("Exit status: 0 every module OK"));
}

}  // namespace
}  // namespace aos::cli
