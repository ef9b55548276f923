#include "core/engine/resume/partial_writes.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {
namespace {

// Whether `t` keeps the writes of a statement that stopped part-way.
bool KeepsPartialWrites(const SchemaObjects::Table& t) {
  if (t.type == "VIEW") return false;  // writes land in its tables
  if (t.type == "SEQUENCE") return true;
  return !absl::EqualsIgnoreCase(t.engine, "InnoDB");
}

std::string Describe(const SchemaObjects::Table& t) {
  return absl::StrCat("`", t.name, "` (",
                      t.type == "SEQUENCE" ? "a sequence"
                      : t.engine.empty()   ? "of no known engine"
                                           : t.engine,
                      ")");
}

// Follows `name` (lower-cased) into the bodies `bodies` own under it:
// their identifiers join `pending`; false when one cannot be read.
bool Follow(const std::vector<SchemaObjects::Body>& bodies,
            const std::string& name, std::vector<std::string>* pending) {
  for (const SchemaObjects::Body& b : bodies) {
    if (absl::AsciiStrToLower(b.owner) != name) continue;
    if (!b.text || b.text->empty()) return false;
    std::vector<std::string> more = sql::IdentifiersIn(*b.text);
    pending->insert(pending->end(), more.begin(), more.end());
  }
  return true;
}

backend::BoundStatement Select(absl::string_view columns,
                               absl::string_view view,
                               absl::string_view schema_column) {
  return {absl::StrCat("SELECT ", columns, " FROM information_schema.", view,
                       " WHERE ", schema_column, " = DATABASE()"),
          {}};
}

std::vector<SchemaObjects::Body> Bodies(const std::vector<backend::Row>& rows) {
  std::vector<SchemaObjects::Body> bodies;
  for (const backend::Row& r : rows) {
    bodies.push_back({r[0].value_or(""), r[1]});
  }
  return bodies;
}

}  // namespace

std::vector<std::string> NonTransactionalReached(
    const SchemaObjects& objects,
    const std::optional<std::vector<std::string>>& identifiers) {
  bool everything = !identifiers;
  std::set<std::string> reached;  // lower-cased
  std::vector<std::string> pending =
      identifiers ? *identifiers : std::vector<std::string>{};
  while (!everything && !pending.empty()) {
    std::string name = absl::AsciiStrToLower(pending.back());
    pending.pop_back();
    if (!reached.insert(name).second) continue;
    everything = !Follow(objects.views, name, &pending) ||
                 !Follow(objects.triggers, name, &pending) ||
                 !Follow(objects.routines, name, &pending);
  }
  std::vector<std::string> found;
  for (const SchemaObjects::Table& t : objects.tables) {
    if (KeepsPartialWrites(t) &&
        (everything || reached.count(absl::AsciiStrToLower(t.name)) > 0)) {
      found.push_back(Describe(t));
    }
  }
  return found;
}

absl::StatusOr<SchemaObjects> ReadSchemaObjects(backend::Database& db) {
  absl::StatusOr<std::vector<std::vector<backend::Row>>> rows = db.QueryAll({
      Select("table_name, table_type, engine", "tables", "table_schema"),
      Select("table_name, view_definition", "views", "table_schema"),
      Select("event_object_table, action_statement", "triggers",
             "event_object_schema"),
      Select("routine_name, routine_definition", "routines",
             "routine_schema"),
  });
  if (!rows.ok()) return rows.status();
  SchemaObjects objects;
  for (const backend::Row& r : (*rows)[0]) {
    objects.tables.push_back(
        {r[0].value_or(""), r[1].value_or(""), r[2].value_or("")});
  }
  objects.views = Bodies((*rows)[1]);
  objects.triggers = Bodies((*rows)[2]);
  objects.routines = Bodies((*rows)[3]);
  return objects;
}

absl::StatusOr<std::string> PartialWrites(
    backend::Database& db, const std::vector<sql::Statement>& now,
    const LedgerRow* ledger, bool interrupted, int64_t applied) {
  const size_t k = static_cast<size_t>(applied) + 1;
  std::optional<std::vector<std::string>> identifiers;
  if (ledger != nullptr) {
    // Only a statement whose start was recorded can have run.
    if (ledger->running != static_cast<int64_t>(k) || ledger->kind != "dml") {
      return "";
    }
    if (k <= now.size() && k <= ledger->digests.size() &&
        StatementDigest(now[k - 1].text) == ledger->digests[k - 1]) {
      identifiers = sql::IdentifiersIn(now[k - 1].text);
    }  // else the text that ran is not known: it may have written anywhere
  } else {
    if (interrupted || k > now.size() ||
        sql::ClassifyStatement(now[k - 1].text) != sql::StatementKind::kDml) {
      return "";
    }
    identifiers = sql::IdentifiersIn(now[k - 1].text);
  }
  absl::StatusOr<SchemaObjects> objects = ReadSchemaObjects(db);
  if (!objects.ok()) return objects.status();
  std::vector<std::string> tables =
      NonTransactionalReached(*objects, identifiers);
  if (tables.empty()) return "";
  return absl::StrCat(
      "statement ", k, " (DML", identifiers ? "" : ", changed since it ran",
      ") may have written in part to a table that is not transactional (",
      absl::StrJoin(tables, ", "),
      "): such a table keeps the rows a statement wrote before it ",
      interrupted ? "was interrupted" : "failed",
      ", so running it again could write them twice, and nothing tells how "
      "many it wrote");
}

}  // namespace aos::engine
