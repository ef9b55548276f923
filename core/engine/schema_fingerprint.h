// schema_fingerprint.h: a digest of the schema a DDL statement touches,
// taken just before it runs and again after a crash. On MariaDB 10.6+ and
// MySQL 8 DDL is atomic: an equal digest proves the statement did not take
// effect, a different one that it did (engine/resume_point.h).
//
// Of each named table or view: its SHOW CREATE TABLE (columns, indexes,
// constraints, engine and options; a view's definition), or that it does
// not exist. Without names (a statement whose targets are not known, see
// sql/statement_kind.h): every table, column, index, constraint, view,
// trigger and routine of the connected database, from information_schema.
// Row counts and AUTO_INCREMENT counters are not part of it: the services
// may write while a step waits to be resumed.
#ifndef AOS_CORE_ENGINE_SCHEMA_FINGERPRINT_H_
#define AOS_CORE_ENGINE_SCHEMA_FINGERPRINT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {

// One round trip a named table (one in all without names); MySQL and
// MariaDB only.
absl::StatusOr<std::string> SchemaFingerprint(
    backend::Database& db,
    const std::optional<std::vector<sql::TableName>>& targets);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_SCHEMA_FINGERPRINT_H_
