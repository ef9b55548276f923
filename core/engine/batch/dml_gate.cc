#include "core/engine/batch/dml_gate.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/engine/batch/postgresql_batch.h"
#include "core/engine/batch/table_key.h"
#include "core/sql/batchable_dml.h"

namespace aos::engine {
namespace {

bool Big(const GatedTable& t, const DmlLimits& limits) {
  if (!t.rows && !t.bytes) return true;  // its size cannot be read
  return (t.rows && *t.rows >= limits.max_rows) || (t.bytes && *t.bytes >= limits.max_bytes);
}

// "" when the written table has no trigger; else why that forbids chunks:
// a trigger may read the table or move a row's key, which the reader
// cannot see.
std::string TriggersOf(backend::Database& db, const sql::BatchableDml& dml,
                       const TableLookup& lookup, const std::string& schema) {
  std::optional<GatedTable> written = lookup(dml.written);
  if (!written || written->before_run.empty()) return "";
  if (db.dialect() == "postgresql") return PostgresqlTriggersOf(db, schema, written->before_run);
  absl::StatusOr<std::vector<backend::Row>> rows = db.Query(
      "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
      "EVENT_OBJECT_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = ? LIMIT 1",
      {written->before_run});
  if (!rows.ok())
    return absl::StrCat("its table's triggers cannot be read: ", rows.status().message());
  if (rows->empty()) return "";
  return absl::StrCat(written->name, " has triggers (", (*rows)[0][0].value_or(""),
                      "), which may read it or move a row's key");
}

// Why `dml`, on the table `t`, cannot run in chunks ("" when it can, with
// `*key` the key it ranges over).
std::string WhyNot(backend::Database& db, const sql::BatchableDml& dml, const GatedTable& t,
                   const TableLookup& lookup, const std::string& schema, sql::RangeKey* key) {
  if (!dml.why_not.empty()) return dml.why_not;
  if (t.before_run.empty()) {
    return absl::StrCat(t.name, " is made in this run: its key is not read");
  }
  for (const sql::TableName& r : dml.reads) {
    std::optional<GatedTable> read = lookup(r);
    if (!read || read->before_run.empty()) {
      return absl::StrCat("it reads ", r.name,
                          ", not a table of this database the run starts "
                          "with (a view may read the table it writes)");
    }
  }
  if (std::string why = TriggersOf(db, dml, lookup, schema); !why.empty()) return why;
  absl::StatusOr<sql::RangeKey> k = ReadTableKey(db, t.before_run, schema);
  if (!k.ok()) return std::string(k.status().message());
  for (const std::string& a : dml.assigned) {
    for (const sql::KeyColumn& c : k->columns) {
      if (!absl::EqualsIgnoreCase(a, c.name)) continue;
      return absl::StrCat(
          "it assigns the key ",
          k->columns.size() == 1 ? c.name : absl::StrCat(c.name, " of ", k->Names()),
          ": a row could move into a later chunk");
    }
  }
  *key = *std::move(k);
  return "";
}

}  // namespace

std::optional<report::StatementCost> AssessDml(backend::Database& db, const std::string& text,
                                               size_t index, const TableLookup& lookup,
                                               const DmlLimits& limits,
                                               std::optional<BatchedRun>* batch) {
  std::optional<sql::BatchableDml> dml = sql::ReadBatchableDml(text, db.dialect());
  if (!dml) return std::nullopt;
  const sql::TableName& sized = dml->ranged.name.empty() ? dml->written : dml->ranged;
  std::optional<GatedTable> t = lookup(sized);
  if (!t || !Big(*t, limits)) return std::nullopt;
  report::StatementCost cost;
  cost.statement = static_cast<int64_t>(index) + 1;
  cost.table = t->name;
  cost.rows = t->rows;
  cost.bytes = t->bytes;
  sql::RangeKey key;
  const std::string why = WhyNot(db, *dml, *t, lookup, limits.schema, &key);
  if (why.empty()) {
    cost.algorithm = cost.batch = "batched";
    cost.key = key.Names();
    for (const sql::KeyColumn& c : key.columns) cost.key_columns.push_back(c.name);
    if (t->rows) {
      const int64_t per = std::max<int64_t>(1, limits.start_rows);
      cost.chunks = std::max<int64_t>(1, (*t->rows + per - 1) / per);
    }
    *batch = BatchedRun{*dml, t->name, key, t->rows, t->bytes};
    return cost;
  }
  cost.algorithm = "one_transaction";
  cost.batch = "not_batchable";
  cost.blocks = "writes";
  cost.note = why;
  cost.refused = !limits.allow_blocking;
  return cost;
}

}  // namespace aos::engine
