// dml_gate.h: the DML gate beside the DDL gate (issue 28, ddl_cost.h). A
// pending UPDATE, DELETE or INSERT ... SELECT on a table at or above the
// blocking limits (blocking_max_rows / blocking_max_mib, sized as the DDL
// gate sizes tables: the server's statistics, followed through the run) is
// one transaction over the whole table if it runs as written: it holds
// the rows it changes, and on Galera it is one write set of them all. So
// such a statement is either
//  - batched: the reader proves chunking keeps its meaning
//    (sql/batchable_dml.h) and the table it ranges over (the written
//    table; INSERT ... SELECT: its source) is a table the run starts with,
//    with a primary key of one column or several of types the chunks can
//    range over (table_key.h), none of them assigned by an UPDATE, the
//    written table has no trigger, and every other table it reads is one
//    the run starts with too (not a view). It runs in chunks of that key
//    (batch_runner.h);
//  - or refused before the run, with the reason, unless blocking is
//    allowed (--allow-blocking), when it runs as written.
// A statement on a smaller table runs as written, as does every statement
// on SQLite. PostgreSQL is gated the same way, its spellings read as its
// own (batchable_dml.h) and its catalog asked (postgresql_batch.h).
#ifndef AOS_CORE_ENGINE_BATCH_DML_GATE_H_
#define AOS_CORE_ENGINE_BATCH_DML_GATE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/backend/database.h"
#include "core/engine/batch/batched_run.h"
#include "core/report/statement_cost.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {

// A table as the run would find it when the statement runs.
struct GatedTable {
  std::string name;        // its name now
  std::string before_run;  // its name before the run; "" when made in it
  std::optional<int64_t> rows;
  std::optional<int64_t> bytes;
};
// nullopt for a name that is no table of the module's database.
using TableLookup = std::function<std::optional<GatedTable>(const sql::TableName&)>;

struct DmlLimits {
  int64_t max_rows = 0;
  int64_t max_bytes = 0;
  bool allow_blocking = false;
  int64_t start_rows = 1000;  // the first chunk's rows, for the estimate
  // PostgreSQL: the schema of the module's tables ("": the connection's
  // current one), asked by name while the DDL probe's clones shadow them.
  std::string schema;
};

// The cost of statement `index` (from 0) of its step, `text`, when the
// gate acts on it (`*batch` set when it is batched); nullopt when it runs
// as written with nothing to say (no gated DML, or a small table).
std::optional<report::StatementCost> AssessDml(backend::Database& db, const std::string& text,
                                               size_t index, const TableLookup& lookup,
                                               const DmlLimits& limits,
                                               std::optional<BatchedRun>* batch);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_DML_GATE_H_
