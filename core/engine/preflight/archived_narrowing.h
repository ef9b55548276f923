// archived_narrowing.h: the pre-flight's exception for the archive of
// destroyed values (issue 27). A column narrowed over values that do not
// fit (a shorter VARCHAR, a smaller integer: sql/column_narrowing.h) is
// refused by the pre-flight, except where it would lose them silently and
// the archive can keep them: on MySQL/MariaDB whose session sql_mode is
// not strict (neither STRICT_TRANS_TABLES nor STRICT_ALL_TABLES), the
// server stores the first characters or the clamped integer and says
// nothing. There the archive keeps the primary key, the old values and
// what the change stores of them (archive/archive_plan.h), and the step
// runs; the downgrade that widens the column back gets them back. In a
// strict session, and on PostgreSQL, the server refuses such a change
// itself: the pre-flight's refusal says it first and stays.
#ifndef AOS_CORE_ENGINE_PREFLIGHT_ARCHIVED_NARROWING_H_
#define AOS_CORE_ENGINE_PREFLIGHT_ARCHIVED_NARROWING_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/sql/data_dependency.h"
#include "core/sql/destructive_statement.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

// Whether `db`'s session stores a value that does not fit a narrowed
// column without an error (MySQL/MariaDB outside a strict sql_mode).
absl::StatusOr<bool> CutsSilently(backend::Database& db);

// What the archive keeps of narrowing `d` (kColumnType) on `db`'s live
// table: its column, the rows whose value does not fit and what the
// change stores of them; nullopt when the tool cannot say what the server
// stores (another engine, a type it does not judge, a column not found).
absl::StatusOr<std::optional<sql::Destruction>> NarrowingToKeep(backend::Database& db,
                                                                const sql::DataDependency& d);

// Whether a statement of `statements` before `index` names sql_mode (the
// mode at `index` is then the step's, known only right before it).
bool SetsSqlModeBefore(const std::vector<sql::Statement>& statements, size_t index);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PREFLIGHT_ARCHIVED_NARROWING_H_
