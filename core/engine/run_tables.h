// run_tables.h: the tables a run starts with, as the server's statistics
// size them, and which of them the plan's statements make new, drop or
// rename (ddl_cost.h): only a change of a table that is there before the
// run, and stays, has a cost to ask the server about.
#ifndef AOS_CORE_ENGINE_RUN_TABLES_H_
#define AOS_CORE_ENGINE_RUN_TABLES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/engine/ddl_cost.h"
#include "core/report/statement_cost.h"
#include "core/sql/table_change.h"

namespace aos::engine {

struct TableSize {
  std::optional<int64_t> rows;
  std::optional<int64_t> bytes;
};

// A statistic as a number; nullopt for NULL or garbage.
std::optional<int64_t> StatNumber(const std::optional<std::string>& text);

class RunTables {
 public:
  void Add(const std::string& table, TableSize size) { sizes_[table] = size; }

  // The table change `text` is, when it changes such a table; nullopt for
  // any other statement (one that creates, drops or renames a table is
  // remembered). `drop_index`: whether DROP INDEX names its table (MySQL).
  std::optional<sql::TableChange> Target(const std::string& text,
                                         bool drop_index) {
    if (sql::ClassifyStatement(text) != sql::StatementKind::kDdl) {
      return std::nullopt;
    }
    std::optional<sql::TableChange> change = sql::ParseTableChange(text);
    if (!change ||
        (!drop_index && change->form == sql::TableChange::Form::kDropIndex)) {
      Forget(text);
      return std::nullopt;
    }
    const std::string& table = change->table.name;
    if (!change->table.schema.empty() || !sizes_.count(table) ||
        changed_.count(table)) {
      return std::nullopt;  // another database's, or new in this run
    }
    if (change->renames_table) {
      Forget(text);
      return std::nullopt;
    }
    return change;
  }

  // A cost of statement `index` (from 0) on `table`, its size filled in.
  report::StatementCost CostOn(const std::string& table, size_t index) const {
    report::StatementCost cost;
    cost.statement = static_cast<int64_t>(index) + 1;
    cost.table = table;
    const TableSize& size = sizes_.at(table);
    cost.rows = size.rows;
    cost.bytes = size.bytes;
    return cost;
  }

  // Whether a statement that blocks on `table` is refused.
  bool Refused(const report::StatementCost& cost,
               const DdlPolicy& policy) const {
    const TableSize& size = sizes_.at(cost.table);
    return !cost.blocks.empty() && !policy.allow_blocking &&
           ((size.rows && *size.rows >= policy.max_rows) ||
            (size.bytes && *size.bytes >= policy.max_bytes));
  }

 private:
  // A DDL statement that makes a table new or gone: later changes of it
  // are of a table the run did not start with.
  void Forget(const std::string& text) {
    std::optional<std::vector<sql::TableName>> targets = sql::DdlTargets(text);
    if (!targets) return;
    for (const sql::TableName& t : *targets) {
      if (t.schema.empty() && !t.trigger) changed_.insert(t.name);
    }
  }

  std::map<std::string, TableSize> sizes_;
  std::set<std::string> changed_;  // created, dropped or renamed in the run
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RUN_TABLES_H_
