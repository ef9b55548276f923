// version_store.h: the module's current version, in the `migrate_version`
// table exactly as sqlalchemy-migrate defined it, so a database the earlier
// Python tooling versioned is adopted where it stands:
//   repository_id VARCHAR(250) PRIMARY KEY, repository_path TEXT,
//   version INTEGER
// One row per module, keyed by the plugin's repository_id. No table or no
// row means version 0.
#ifndef AOS_CORE_ENGINE_BOOKKEEPING_VERSION_STORE_H_
#define AOS_CORE_ENGINE_BOOKKEEPING_VERSION_STORE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::engine {

inline constexpr char kVersionTable[] = "migrate_version";

// `row_exists`, when given, tells whether the module has its row (a later
// version change is then one UPDATE, VersionUpdate).
absl::StatusOr<int64_t> ReadVersion(backend::Database& db,
                                    const std::string& repository_id,
                                    bool* row_exists = nullptr);

// ReadVersion in two halves, for a caller that sends the query with others
// (one round trip); the query fails when the table does not exist.
backend::BoundStatement VersionQuery(const std::string& repository_id);
absl::StatusOr<int64_t> ParseVersion(const std::vector<backend::Row>& rows,
                                     const std::string& repository_id,
                                     bool* row_exists = nullptr);

// A database at version 0 must hold no table but the tool's own: one with
// tables and no version was not made by this tool (or lost its row), and is
// never migrated from 0 over them (oslo.db refuses the same way). The error
// says how to record its real version.
absl::Status CheckUnversionedIsEmpty(backend::Database& db,
                                     const std::string& repository_id,
                                     const std::string& module_id);

// Creates the table if it does not exist.
absl::Status EnsureVersionTable(backend::Database& db);

// The statement that adds the module's row (the table must exist): sent in
// the same transaction as the first step's bookkeeping.
backend::BoundStatement VersionInsert(const std::string& repository_id,
                                      const std::string& repository_path,
                                      int64_t version);

// Creates the table if needed and sets the module's row to `version`.
absl::Status WriteVersion(backend::Database& db,
                          const std::string& repository_id,
                          const std::string& repository_path, int64_t version);

// The statement that sets an existing row to `version`.
backend::BoundStatement VersionUpdate(const std::string& repository_id,
                                      int64_t version);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BOOKKEEPING_VERSION_STORE_H_
