#include "core/engine/resume/table_identity.h"

#include <cctype>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "core/backend/database_error.h"

namespace aos::engine {
namespace {

// A name's database in SQL: "" (bound) is the connection's.
constexpr char kSchema[] = "IF(? = '', DATABASE(), ?)";

// Whether InnoDB spells `name` on disk as written: letters, digits and '_'
// (any other character is encoded, '$' as "@0024").
bool PlainName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string Shown(const sql::TableName& t) {
  return t.schema.empty() ? absl::StrCat("`", t.name, "`")
                          : absl::StrCat("`", t.schema, "`.`", t.name, "`");
}

// Each name's type and engine, from information_schema.tables.
backend::BoundStatement TypesOf(const std::vector<sql::TableName>& names) {
  backend::BoundStatement q;
  std::vector<std::string> terms;
  for (const sql::TableName& t : names) {
    terms.push_back(absl::StrCat("(table_schema = ", kSchema,
                                 " AND table_name = ?)"));
    q.params.insert(q.params.end(), {t.schema, t.schema, t.name});
  }
  q.sql = absl::StrCat(
      "SELECT table_schema, table_name, table_type, engine FROM "
      "information_schema.tables WHERE ",
      absl::StrJoin(terms, " OR "), " ORDER BY 1, 2");
  return q;
}

// Each name's InnoDB ids ("db/t", and "db/t#P#p" of its partitions) from
// `view` (INNODB_SYS_TABLES on MariaDB, INNODB_TABLES on MySQL 8).
backend::BoundStatement IdsOf(const std::vector<sql::TableName>& names,
                              absl::string_view view) {
  backend::BoundStatement q;
  std::vector<std::string> terms;
  for (const sql::TableName& t : names) {
    terms.push_back(absl::StrCat("name = CONCAT(", kSchema,
                                 ", '/', ?) OR name LIKE CONCAT(", kSchema,
                                 ", '/', ?, '#P#%') ESCAPE '|'"));
    q.params.insert(q.params.end(),
                    {t.schema, t.schema, t.name, t.schema, t.schema,
                     absl::StrReplaceAll(t.name, {{"_", "|_"}})});
  }
  q.sql = absl::StrCat("SELECT name, table_id FROM information_schema.",
                       view, " WHERE ", absl::StrJoin(terms, " OR "),
                       " ORDER BY name");
  return q;
}

void AppendRows(const std::vector<backend::Row>& rows, std::string* text) {
  for (const backend::Row& row : rows) {
    for (const std::optional<std::string>& v : row) {
      absl::StrAppend(text, v ? absl::StrCat(v->size(), ":", *v) : "N", "|");
    }
    *text += "\n";
  }
}

// Why a table of `types` has no id among `ids` ("" when each has one).
std::string MissingId(const std::vector<backend::Row>& types,
                      const std::vector<backend::Row>& ids) {
  for (const backend::Row& t : types) {
    const std::string schema = t[0].value_or("");
    const std::string name = t[1].value_or("");
    const std::string type = t[2].value_or("");
    const std::string engine = t[3].value_or("");
    if (type == "VIEW") continue;  // no rows: its definition says all
    const std::string shown = absl::StrCat("`", schema, "`.`", name, "`");
    if (!absl::EqualsIgnoreCase(engine, "InnoDB")) {
      return absl::StrCat("table ", shown, " is ",
                          engine.empty() ? type : engine,
                          ", which keeps no table id");
    }
    const std::string key = absl::StrCat(schema, "/", name);
    bool found = false;
    for (const backend::Row& id : ids) {
      const std::string n = id[0].value_or("");
      found = found || absl::EqualsIgnoreCase(n, key) ||
              absl::StartsWithIgnoreCase(n, absl::StrCat(key, "#P#"));
    }
    if (!found) {
      return absl::StrCat("InnoDB lists no table id under ", shown);
    }
  }
  return "";
}

}  // namespace

absl::StatusOr<TableIdentities> ReadTableIdentities(
    backend::Database& db, const std::vector<sql::TableName>& names) {
  TableIdentities out;
  if (names.empty()) {
    out.unprovable = "the tables it renames cannot be read off it";
    return out;
  }
  for (const sql::TableName& t : names) {
    if (!PlainName(t.name) || (!t.schema.empty() && !PlainName(t.schema))) {
      out.unprovable = absl::StrCat(
          "the name ", Shown(t),
          " holds characters InnoDB encodes, so its table id is not looked "
          "up");
      return out;
    }
  }
  absl::StatusOr<std::vector<std::vector<backend::Row>>> rows =
      db.QueryAll({TypesOf(names), IdsOf(names, "INNODB_SYS_TABLES")});
  std::optional<backend::DatabaseErrorInfo> e =
      rows.ok() ? std::nullopt : backend::GetDatabaseError(rows.status());
  if (e && e->server_code == "1109") {  // MySQL 8: no INNODB_SYS_TABLES
    rows = db.QueryAll({TypesOf(names), IdsOf(names, "INNODB_TABLES")});
    e = rows.ok() ? std::nullopt : backend::GetDatabaseError(rows.status());
  }
  if (e && (e->server_code == "1227" || e->server_code == "1142")) {
    out.unprovable =
        "this run's database user cannot read InnoDB's table ids "
        "(information_schema.INNODB_SYS_TABLES needs the PROCESS privilege)";
    return out;
  }
  if (!rows.ok()) return rows.status();
  out.unprovable = MissingId((*rows)[0], (*rows)[1]);
  if (!out.unprovable.empty()) return out;
  out.text = "#types\n";
  AppendRows((*rows)[0], &out.text);
  out.text += "#ids\n";
  AppendRows((*rows)[1], &out.text);
  return out;
}

}  // namespace aos::engine
