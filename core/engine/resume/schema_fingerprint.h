// schema_fingerprint.h: a digest of the schema a DDL statement touches,
// taken just before it runs and again after a crash. On MariaDB 10.6+ and
// MySQL 8 DDL is atomic: an equal digest proves the statement did not take
// effect, a different one that it did (engine/resume_point.h).
//
// Of each named table or view: its SHOW CREATE TABLE (columns, indexes,
// constraints, engine and options; a view's definition), or that it does
// not exist. Without names (a statement whose targets are not known, see
// sql/statement_kind.h: CREATE EVENT, CREATE PROCEDURE, ALTER VIEW, ...):
// everything a statement can create or change in the connected database,
// from information_schema in one round trip: the database's options;
// tables, columns, indexes, partitions; constraints (primary, unique,
// CHECK clauses, foreign keys with their columns, referenced columns and
// rules); views (definition, options); triggers (statement, timing, order,
// sql_mode, definer); routines (body, type, parameters, options); events
// (schedule, body, status, options). Row counts, AUTO_INCREMENT counters
// and the times objects were created, altered or last run are not part of
// it: the services (and the event scheduler) may move them while a step
// waits to be resumed.
//
// A RENAME that gives a table a name another of its tables gives up (a
// swap: a TO tmp, b TO a, tmp TO b) may leave every name with the
// definition it had. Its fingerprint adds the tables' identities
// (table_identity.h); when those cannot be read, its outcome after a crash
// is unprovable, and says why.
#ifndef AOS_CORE_ENGINE_RESUME_SCHEMA_FINGERPRINT_H_
#define AOS_CORE_ENGINE_RESUME_SCHEMA_FINGERPRINT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {

// What the ledger records of a DDL statement whose outcome nothing can
// prove (a fingerprint is 64 hex digits: it never reads so).
inline constexpr char kUnprovableFingerprint[] = "unprovable";

// One round trip a named table (one in all without names); MySQL and
// MariaDB only.
absl::StatusOr<std::string> SchemaFingerprint(
    backend::Database& db,
    const std::optional<std::vector<sql::TableName>>& targets);

// What proves whether DDL statement `statement` took effect: its
// fingerprint (kUnprovableFingerprint when nothing can, and why in
// `unprovable`).
struct DdlProof {
  std::string fingerprint;
  std::string unprovable;
  // A swap's: the fingerprint of its definitions alone, as a release that
  // took no identities recorded it.
  std::string without_identities;
};

absl::StatusOr<DdlProof> DdlFingerprint(backend::Database& db,
                                        absl::string_view statement);

// Why statement `number`, recorded with `recorded` before it ran and
// fingerprinted `now` after a crash, cannot be judged ("" when it can: an
// equal fingerprint then proves it did not take effect).
std::string WhyUnprovable(int64_t number, const std::string& recorded,
                          const DdlProof& now);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_SCHEMA_FINGERPRINT_H_
