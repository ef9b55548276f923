// ddl_cost.h: what each DDL statement of a plan would cost the services,
// asked of the real server before anything runs, and what a run does
// about it.
//
// MySQL/MariaDB: each ALTER TABLE, CREATE INDEX and DROP INDEX on a table
// that exists before the run is tried on an empty clone of that table
// (CREATE TABLE `_aos_probe_...` LIKE it, in the module's database,
// dropped after) with ALGORITHM=INSTANT, then INPLACE with LOCK=NONE, then
// INPLACE, then COPY; the first the server accepts is how it would run the
// statement on the table. The clone keeps each change, so a step's later
// statements are tried on the shape the earlier ones leave. Only a
// statement whose every table can be pointed at a clone (its own, a
// foreign key's parent) is tried; one that names any other table, or that
// the reader cannot vouch for (sql/table_change.h), is not run at all and
// its cost is "unknown", with the reason. Every statement of the plan is
// read (sql/gate_statement.h) and the tables followed through the run
// (run_tables.h): renames, tables made and filled, and what cannot be read
// (compound blocks, dynamic SQL, OPTIMIZE, another database's table) is
// "unknown" too, sized as the tables it could reach. The table's
// size comes from the server's statistics; under Galera's total order
// isolation (wsrep_on, wsrep_OSU_method = TOI) everything but an instant
// change holds the whole cluster for its duration.
//
// A statement that blocks (writes to its table, or the cluster) on a table
// at or above the limits is refused, unless the operator allows blocking;
// with --online a refused ALTER TABLE runs through pt-online-schema-change
// (online_alter.h) instead, where that can work safely. A statement that
// runs as the server answered gets that algorithm written in, so that the
// server refuses rather than falls back to a copy.
//
// PostgreSQL: the statement runs on an empty clone inside a transaction
// that is rolled back; a new relfilenode means the table is rewritten.
// SQLite: a step locks only its own database file.
#ifndef AOS_CORE_ENGINE_DDL_DDL_COST_H_
#define AOS_CORE_ENGINE_DDL_DDL_COST_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/batch/batch_settings.h"
#include "core/engine/batch/batched_run.h"
#include "core/engine/plan/planner.h"
#include "core/report/statement_cost.h"

namespace aos::engine {

struct DdlPolicy {
  int64_t max_rows = 1000000;
  int64_t max_bytes = int64_t{256} << 20;
  bool allow_blocking = false;  // run what blocks (a maintenance window)
  bool online = false;          // refused ALTER TABLEs through pt-osc
  // Why pt-online-schema-change cannot run at all ("" when it can).
  std::function<std::string()> online_unavailable;
  // Issue 28: how a big DML statement runs in chunks (batch/dml_gate.h).
  BatchSettings batch;
};

// How one statement runs when not as written.
struct StatementRun {
  std::string text;  // with ALGORITHM/LOCK written in
  bool online = false;
  std::string table;       // online: the table
  std::string alter_spec;  // online: pt-osc's --alter
  std::string warning;     // online: what the server's settings cost writers
  // Issue 28: a big DML statement run in chunks (batch/batch_runner.h).
  std::optional<BatchedRun> batch;
};

struct DdlAssessment {
  // Per planned step, in plan order: the cost of its DDL statements.
  std::vector<std::vector<report::StatementCost>> costs;
  // (step in the plan, statement from 0) -> how it runs.
  std::map<std::pair<size_t, size_t>, StatementRun> runs;
  bool galera_toi = false;
  std::string note;  // for the whole module (SQLite)
};

// Asks the server; `resume_at`: statements of the first step already
// applied (not assessed). Leaves no table behind.
absl::StatusOr<DdlAssessment> AssessDdl(backend::Database& db,
                                        const std::vector<PlannedStep>& plan,
                                        int64_t resume_at,
                                        const DdlPolicy& policy);

// How a statement of the plan is named in a reason: "statement 2 of
// migration 4 -> 5".
std::string StatementWhere(const PlannedStep& step, size_t index);

// What is said of DDL costs for a whole module of `dialect` ("" but for
// SQLite).
std::string DdlNote(absl::string_view dialect);

// The first refused statement of the plan, as the run's failure
// (kFailedPrecondition, naming the table, the estimate and the ways out);
// OK when nothing is refused.
absl::Status DdlRefusal(const DdlAssessment& assessment,
                        const std::vector<PlannedStep>& plan,
                        const DdlPolicy& policy);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_DDL_COST_H_
