// A module plugin built outside Bazel, as another team would build it, with
// only the installed headers:
//   g++ -std=c++17 -shared -fPIC -fvisibility=hidden \
//       -I/usr/include/aos-db-migrate -DNOTES_RELEASE=2 notes_plugin.cc \
//       -o libnotes.so
// NOTES_RELEASE 2 ships migrations 1..2; release 3 adds migration 3.
#include "core/sdk/migration_provider.h"

#ifndef NOTES_RELEASE
#define NOTES_RELEASE 2
#endif

namespace {

class Notes : public aos::sdk::MigrationProvider {
 public:
  Notes() : MigrationProvider("notes", "Notes") {
    SetRelease(NOTES_RELEASE == 3 ? "3" : "2");
    AddSqlMigration(
        1, "initial schema",
        "CREATE TABLE notes (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
        "body TEXT NOT NULL) ENGINE=InnoDB",
        "DROP TABLE notes");
    AddSqlMigration(2, "add owner",
                    "ALTER TABLE notes ADD COLUMN owner VARCHAR(64) NULL",
                    "ALTER TABLE notes DROP COLUMN owner");
#if NOTES_RELEASE >= 3
    AddSqlMigration(3, "index owner",
                    "CREATE INDEX idx_notes_owner ON notes (owner)",
                    "DROP INDEX idx_notes_owner ON notes");
#endif
  }
};

}  // namespace

AOS_MIGRATION_PLUGIN(Notes)
