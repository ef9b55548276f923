// run_tables.h: the tables a run starts with, as the server's statistics
// size them (with their engine on MySQL), and which of them the plan's
// statements make new, drop or rename (ddl_cost.h): only a change of a
// table that is there before the run, and stays, has a cost to ask the
// server about. A change of another database's table is given too, for
// the probe to say it was not tried.
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
  std::string engine;  // MySQL: information_schema.TABLES.ENGINE
};

// A statistic as a number; nullopt for NULL or garbage.
std::optional<int64_t> StatNumber(const std::optional<std::string>& text);

class RunTables {
 public:
  explicit RunTables(sql::ChangeDialect dialect) : dialect_(dialect) {}

  // The connection's own database (MySQL) or schema (PostgreSQL): a name
  // qualified with it is one of its tables.
  void SetSchema(const std::string& schema) { schema_ = schema; }
  void Add(const std::string& table, TableSize size) { sizes_[table] = size; }

  // Whether `table` is named in the connection's own database or schema.
  bool Own(const sql::TableName& table) const {
    return table.schema.empty() || table.schema == schema_;
  }
  // The size of a table the run starts with; nullptr for any other.
  const TableSize* Find(const std::string& table) const {
    auto it = sizes_.find(table);
    return it == sizes_.end() ? nullptr : &it->second;
  }

  // The table change `text` is, when it changes a table the run starts
  // with or one of another database; nullopt for any other statement (one
  // that creates, drops or renames a table is remembered), and for an
  // ALTER TABLE that only renames its table (the data dictionary only).
  std::optional<sql::TableChange> Target(const std::string& text);

  // A cost of statement `index` (from 0) on `table`, its size filled in
  // when known.
  report::StatementCost CostOn(const sql::TableName& table,
                               size_t index) const;

  // Whether a statement that blocks on its table is refused (never when
  // the table's size is not known).
  bool Refused(const report::StatementCost& cost,
               const DdlPolicy& policy) const;

 private:
  // A DDL statement that makes a table new or gone: later changes of it
  // are of a table the run did not start with.
  void Forget(const std::string& text);

  const sql::ChangeDialect dialect_;
  std::string schema_;
  std::map<std::string, TableSize> sizes_;
  std::set<std::string> changed_;  // created, dropped or renamed in the run
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RUN_TABLES_H_
