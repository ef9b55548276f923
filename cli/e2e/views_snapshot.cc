#include "cli/e2e/views_snapshot.h"

#include <algorithm>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/e2e/process_helpers.h"
#include "gtest/gtest.h"

namespace aos::e2e {
namespace {

using Rows = absl::StatusOr<std::vector<std::string>>;

// The rows, or the error as the one row (the test fails too).
std::vector<std::string> Checked(const Rows& rows, const std::string& sql) {
  if (rows.ok()) return *rows;
  ADD_FAILURE() << rows.status() << " in: " << sql;
  return {absl::StrCat("error: ", rows.status().ToString())};
}

std::string Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return absl::StrJoin(rows, "\n");
}

std::string Quoted(const std::string& name, char quote) {
  return absl::StrCat(std::string(1, quote), name, std::string(1, quote));
}

}  // namespace

Snapshot MariadbSnapshot(testing::MariadbServer& server, const std::string& db) {
  auto query = [&](const std::string& sql) {
    return Checked(server.Query(sql, db), sql);
  };
  Snapshot snap;
  for (const std::string& line :
       query("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
             "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
    std::vector<std::string> cells = absl::StrSplit(line, '\t');
    const std::string& table = cells[0];
    const std::string q = Quoted(table, '`');
    std::vector<std::string> create = query("SHOW CREATE TABLE " + q);
    snap["table " + table] = absl::StrCat(
        line, "\n", absl::StrJoin(create, "\n"), "\n--- rows\n",
        Sorted(query("SELECT * FROM " + q)));
  }
  snap["objects"] = absl::StrCat(
      Sorted(query("SELECT TRIGGER_NAME, ACTION_STATEMENT FROM "
                   "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
                   "DATABASE()")),
      "\n", Sorted(query("SELECT ROUTINE_NAME, ROUTINE_DEFINITION FROM "
                         "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = "
                         "DATABASE()")),
      "\n", Sorted(query("SELECT EVENT_NAME, EVENT_DEFINITION FROM "
                         "information_schema.EVENTS WHERE EVENT_SCHEMA = "
                         "DATABASE()")));
  return snap;
}

Snapshot PostgresqlSnapshot(testing::PostgresqlServer& server,
                            const std::string& db) {
  auto query = [&](const std::string& sql) {
    return Checked(server.Query(sql, db), sql);
  };
  Snapshot snap;
  snap["schemas"] = Sorted(query("SELECT nspname FROM pg_namespace"));
  for (const std::string& line : query(
           "SELECT n.nspname, c.relname, c.relkind, c.oid, c.relfilenode FROM "
           "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
           "c.relkind IN ('r', 'p', 'S', 'v', 'm') AND n.nspname NOT IN "
           "('pg_catalog', 'information_schema') AND n.nspname NOT LIKE "
           "'pg\\_toast%' ORDER BY 1, 2")) {
    std::vector<std::string> cells = absl::StrSplit(line, '\t');
    const std::string name =
        absl::StrCat(Quoted(cells[0], '"'), ".", Quoted(cells[1], '"'));
    const std::string& oid = cells[3];
    std::string text = line;
    if (cells[2] == "S") {
      absl::StrAppend(&text, "\n",
                      Sorted(query("SELECT last_value, is_called FROM " + name)));
    } else {
      absl::StrAppend(
          &text, "\n--- columns\n",
          Sorted(query(absl::StrCat(
              "SELECT a.attnum, a.attname, format_type(a.atttypid, "
              "a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
              "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = "
              "a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = ",
              oid, " AND a.attnum > 0 AND NOT a.attisdropped"))),
          "\n--- constraints\n",
          Sorted(query(absl::StrCat(
              "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
              "WHERE conrelid = ", oid))),
          "\n--- indexes\n",
          Sorted(query(absl::StrCat(
              "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE "
              "indrelid = ", oid))),
          "\n--- parents and bound\n",
          Sorted(query(absl::StrCat(
              "SELECT inhparent::regclass::text FROM pg_inherits WHERE "
              "inhrelid = ", oid, " UNION ALL SELECT COALESCE(pg_get_expr("
              "relpartbound, oid), '') FROM pg_class WHERE oid = ", oid))),
          "\n--- triggers\n",
          Sorted(query(absl::StrCat(
              "SELECT tgname FROM pg_trigger WHERE tgrelid = ", oid))),
          "\n--- rows\n", Sorted(query("SELECT t::text FROM " + name + " t")));
    }
    snap["relation " + cells[0] + "." + cells[1]] = text;
  }
  return snap;
}

Snapshot SqliteSnapshot(const std::string& path) {
  auto query = [&](const std::string& sql) {
    testing::CommandResult r =
        RunCommandOrFail({"sqlite3", "-separator", "\t", path, sql});
    std::vector<std::string> rows = absl::StrSplit(r.out, '\n');
    if (!rows.empty() && rows.back().empty()) rows.pop_back();
    return Checked(r.exit_code == 0 ? Rows(rows)
                                    : Rows(absl::InternalError(r.err)),
                   sql);
  };
  Snapshot snap;
  snap["objects"] = Sorted(query(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type <> "
      "'table'"));
  for (const std::string& table : query(
           "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY "
           "name")) {
    snap["table " + table] = absl::StrCat(
        Sorted(query(absl::StrCat(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '",
            table, "'"))),
        "\n--- rows\n",
        Sorted(query("SELECT * FROM " + Quoted(table, '"'))));
  }
  return snap;
}

std::vector<std::string> Differences(const Snapshot& before,
                                     const Snapshot& after) {
  std::vector<std::string> out;
  for (const auto& [key, text] : before) {
    auto it = after.find(key);
    if (it == after.end()) {
      out.push_back(absl::StrCat(key, " is gone; it was:\n", text));
    } else if (it->second != text) {
      out.push_back(absl::StrCat(key, " changed; before:\n", text,
                                 "\nafter:\n", it->second));
    }
  }
  for (const auto& [key, text] : after) {
    if (!before.count(key)) {
      out.push_back(absl::StrCat(key, " is new:\n", text));
    }
  }
  return out;
}

}  // namespace aos::e2e
