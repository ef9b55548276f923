// preflight_plan.h: which statements of a step the pre-flight
// (preflight.h) asks the live data about, and when: before the step's
// first statement when nothing earlier in the step may write the tables
// the check reads (its own, a foreign key's parent), else right before the
// statement, so that a step that cleans its data up first is never refused.
//
// A statement "may write" a table when it is DDL that names it (or whose
// targets cannot be read), DML that names it anywhere, or anything else
// but SET/SHOW/transaction control (a CALL, a block, a SELECT of a
// function); a statement that writes a table with a trigger (one the
// database has before the step, or one an earlier statement creates) may
// write any table. A step that turns off what the server checks
// (foreign_key_checks, check_constraint_checks; SQLite's
// defer_foreign_keys, ignore_check_constraints) has no check of that kind.
//
// On SQLite a table rebuild's copy (sql/table_rebuild.h) is read here, with
// the tables the step created before it. Copied back from a table the step
// filled as a copy of t (CREATE TEMP TABLE s AS SELECT * FROM t; DROP TABLE
// t; CREATE TABLE t (...); INSERT INTO t SELECT ... FROM s), it is asked of
// t before the step when nothing before the copy aside writes t and nothing
// after it writes s.
#ifndef AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_PLAN_H_
#define AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_PLAN_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/engine/preflight/triggered_tables.h"
#include "core/sql/data_dependency.h"
#include "core/sql/statement_splitter.h"

namespace aos::engine {

struct PlannedCheck {
  size_t statement = 0;  // from 0, in its step
  bool before_step = true;
  sql::DataDependency dependency;
};

// The checks of `statements` from `first` (0-based) on, in order;
// `triggered`: the tables with triggers before the step.
std::vector<PlannedCheck> PlanChecks(
    const std::vector<sql::Statement>& statements, size_t first,
    absl::string_view dialect, const TriggeredTables& triggered = {});

// Whether `statement` may write `table` (see the file comment).
bool MayWrite(absl::string_view statement, const sql::TableName& table,
              const TriggeredTables& triggered = {});

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_PREFLIGHT_PREFLIGHT_PLAN_H_
