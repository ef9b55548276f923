// postgresql_batch.h: what batched DML (issue 28, dml_gate.h,
// batch_runner.h) asks of PostgreSQL, kept apart from the MySQL runner:
// the key a table ranges over (of one column or several) and its triggers (from pg_catalog), the
// server's load (active client backends in pg_stat_activity, against
// batch_max_threads_running), the key range, and the progress table's
// shape and upsert.
#ifndef AOS_CORE_ENGINE_BATCH_POSTGRESQL_BATCH_H_
#define AOS_CORE_ENGINE_BATCH_POSTGRESQL_BATCH_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/engine/batch/batch_settings.h"
#include "core/sql/key_range.h"

namespace aos::engine {

// `name` in double quotes (a quote doubled).
std::string PostgresqlQuote(absl::string_view name);

// The primary key of `table` in `schema` ("": the connection's current
// schema), of one column or several, compared as row values; each column
// an integer, numeric, text, varchar, char (in its own collation), uuid
// or bytea. Else kFailedPrecondition with the reason, as ReadTableKey
// (table_key.h).
absl::StatusOr<sql::RangeKey> ReadPostgresqlKey(backend::Database& db, absl::string_view schema,
                                                absl::string_view table);

// "" when `table` in `schema` has no trigger of its own (a foreign key's
// internal ones act row by row, as on MySQL) and no rule; else why that
// forbids chunks.
std::string PostgresqlTriggersOf(backend::Database& db, absl::string_view schema,
                                 absl::string_view table);

// What is over the load limit now ("" nothing): the client backends
// running a statement, the tool's own included, above
// batch_max_threads_running.
std::string PostgresqlOverLoad(backend::Database& db, const BatchSettings& settings);

// aos_migration_batches on PostgreSQL, and the upsert of a module's row.
std::string PostgresqlBatchesTable();
// The columns of a composite key's boundary, added to a table before them.
std::string PostgresqlBatchesColumns();
std::string PostgresqlBatchUpsert();

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_POSTGRESQL_BATCH_H_
