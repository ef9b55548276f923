#include "core/engine/run_tables.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {

std::optional<int64_t> StatNumber(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (!text || !absl::SimpleAtoi(*text, &n)) return std::nullopt;
  return n;
}

std::optional<sql::TableChange> RunTables::Target(const std::string& text) {
  if (sql::ClassifyStatement(text) != sql::StatementKind::kDdl) {
    return std::nullopt;
  }
  std::optional<sql::TableChange> change =
      sql::ParseTableChange(text, dialect_);
  // DROP INDEX names no table on PostgreSQL.
  if (!change || (dialect_ == sql::ChangeDialect::kPostgresql &&
                  change->form == sql::TableChange::Form::kDropIndex)) {
    Forget(text);
    return std::nullopt;
  }
  const std::string& table = change->table.name;
  const bool own = Own(change->table);
  const bool there = sizes_.count(table) && !changed_.count(table);
  if (change->renames_table) Forget(text);
  if (change->renames_only || (own && !there)) {
    return std::nullopt;  // a rename alone, or new in this run
  }
  return change;
}

report::StatementCost RunTables::CostOn(const sql::TableName& table,
                                        size_t index) const {
  report::StatementCost cost;
  cost.statement = static_cast<int64_t>(index) + 1;
  cost.table = Own(table) ? table.name
                          : absl::StrCat(table.schema, ".", table.name);
  if (const TableSize* size = Own(table) ? Find(table.name) : nullptr) {
    cost.rows = size->rows;
    cost.bytes = size->bytes;
  }
  return cost;
}

bool RunTables::Refused(const report::StatementCost& cost,
                        const DdlPolicy& policy) const {
  const TableSize* size = Find(cost.table);
  return size != nullptr && !cost.blocks.empty() && !policy.allow_blocking &&
         ((size->rows && *size->rows >= policy.max_rows) ||
          (size->bytes && *size->bytes >= policy.max_bytes));
}

void RunTables::Forget(const std::string& text) {
  std::optional<std::vector<sql::TableName>> targets = sql::DdlTargets(text);
  if (!targets) return;
  for (const sql::TableName& t : *targets) {
    if (Own(t) && !t.trigger) changed_.insert(t.name);
  }
}

}  // namespace aos::engine
