// schema_shape_mysql.cc: a MySQL/MariaDB schema's shape, read from
// information_schema, one catalog table at a time.
#include <map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/schema/schema_shape_readers.h"

namespace aos::schema::shape {
namespace {

using backend::Row;

absl::Status ReadServer(backend::Database& db, SchemaShape* s) {
  absl::StatusOr<std::vector<Row>> rows = db.Query("SELECT VERSION()", {});
  if (!rows.ok()) return rows.status();
  if (!rows->empty()) s->server_version = V((*rows)[0][0]);
  return absl::OkStatus();
}

absl::Status ReadTables(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT table_name, table_type, table_collation FROM "
      "information_schema.tables WHERE table_schema = DATABASE()",
      [&](const Row& r) {
        TableShape& t = s->tables[V(r[0])];
        t.view = V(r[1]) == "VIEW";
        t.collation = V(r[2]);
      });
}

absl::Status ReadColumns(backend::Database& db, SchemaShape* s) {
  return ForRows(db,
                 "SELECT table_name, column_name, column_type, is_nullable, "
                 "column_default, extra, character_set_name FROM "
                 "information_schema.columns WHERE table_schema = DATABASE()",
                 [&](const Row& r) {
                   ColumnShape& c = s->tables[V(r[0])].columns[V(r[1])];
                   c.type = absl::AsciiStrToLower(V(r[2]));
                   c.nullable = V(r[3]) != "NO";
                   c.default_value = V(r[4]);
                   c.extra = V(r[5]);
                   c.charset = V(r[6]);
                   const std::string extra = absl::AsciiStrToLower(c.extra);
                   c.has_default =
                       r[4].has_value() ||
                       extra.find("auto_increment") != std::string::npos ||
                       extra.find("generated") != std::string::npos;
                 });
}

absl::Status ReadIndexes(backend::Database& db, SchemaShape* s) {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>>
      parts;  // each index's columns with their prefix lengths
  return ForRows(
      db,
      "SELECT table_name, index_name, non_unique, column_name, sub_part, "
      "index_type FROM information_schema.statistics WHERE table_schema = "
      "DATABASE() ORDER BY table_name, index_name, seq_in_index",
      [&](const Row& r) {
        const std::string name = V(r[1]);
        const std::string kind = name == "PRIMARY" ? "primary key"
                                 : V(r[2]) == "0"  ? "unique index"
                                                   : "index";
        ConstraintShape& c =
            Constraint(s, V(r[0]), "index " + name, kind, name);
        const std::string column = r[3] ? *r[3] : std::string("(expression)");
        c.columns.push_back(column);
        std::vector<std::string>& p = parts[{V(r[0]), name}];
        p.push_back(r[4] ? absl::StrCat(column, "(", *r[4], ")") : column);
        c.definition =
            absl::StrCat(kind, " ", V(r[5]), " (", absl::StrJoin(p, ", "), ")");
      });
}

// Two reads, each bound to this schema by a constant: MariaDB fills an
// information_schema view from the schemas its own WHERE names, and a
// join's condition names none (joined, referential_constraints was filled
// from every table of every schema on the server: 40 ms beside seven small
// schemas, and growing with the server's other databases).
absl::Status ReadForeignKeys(backend::Database& db, SchemaShape* s) {
  std::map<std::pair<std::string, std::string>, std::string> rules;
  if (absl::Status st = ForRows(
          db,
          "SELECT table_name, constraint_name, update_rule, delete_rule "
          "FROM information_schema.referential_constraints WHERE "
          "constraint_schema = DATABASE()",
          [&](const Row& r) {
            rules[{V(r[0]), V(r[1])}] =
                absl::StrCat(" ON UPDATE ", V(r[2]), " ON DELETE ", V(r[3]));
          });
      !st.ok()) {
    return st;
  }
  return ForRows(
      db,
      "SELECT table_name, constraint_name, column_name, "
      "referenced_table_name, referenced_column_name FROM "
      "information_schema.key_column_usage WHERE table_schema = DATABASE() "
      "AND referenced_table_name IS NOT NULL ORDER BY table_name, "
      "constraint_name, ordinal_position",
      [&](const Row& r) {
        auto rule = rules.find({V(r[0]), V(r[1])});
        if (rule == rules.end()) return;  // not a foreign key after all
        ConstraintShape& c = Constraint(s, V(r[0]), "constraint " + V(r[1]),
                                        "foreign key", V(r[1]));
        c.columns.push_back(V(r[2]));
        absl::StrAppend(&c.definition, c.definition.empty() ? "" : "; ",
                        V(r[2]), " -> ", V(r[3]), ".", V(r[4]), rule->second);
      });
}

absl::Status ReadChecks(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT table_name, constraint_name, check_clause FROM "
      "information_schema.check_constraints WHERE constraint_schema = "
      "DATABASE()",
      [&](const Row& r) {
        Constraint(s, V(r[0]), "constraint " + V(r[1]), "check", V(r[1]))
            .definition = Squeeze(V(r[2]));
      });
}

absl::Status ReadTriggers(backend::Database& db, SchemaShape* s) {
  return ForRows(
      db,
      "SELECT event_object_table, trigger_name, action_timing, "
      "event_manipulation, action_statement FROM "
      "information_schema.triggers WHERE event_object_schema = DATABASE()",
      [&](const Row& r) {
        s->tables[V(r[0])].triggers[V(r[1])] =
            absl::StrCat(V(r[2]), " ", V(r[3]), " ", Squeeze(V(r[4])));
      });
}

}  // namespace

absl::Status ReadMysql(backend::Database& db, SchemaShape* s) {
  return ReadInOrder(db, s,
                     {ReadServer, ReadTables, ReadColumns, ReadIndexes, ReadForeignKeys,
                      ReadChecks, ReadTriggers});
}

}  // namespace aos::schema::shape
