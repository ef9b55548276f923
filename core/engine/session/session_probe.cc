#include "core/engine/session/session_probe.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/backend/database_error.h"
#include "core/sql/mysql_tokenizer.h"

namespace aos::engine {
namespace {

// The owned values, in the probe's first columns.
constexpr const char* kOwned[] = {"@@autocommit",        "@@completion_type",
                                  "DATABASE()",          "@@wsrep_OSU_method",
                                  "@@wsrep_on",          "@@sql_log_bin"};
constexpr size_t kOwnedColumns = std::size(kOwned) + 1;  // + the lock test
constexpr size_t kSystemColumns = 2;
constexpr size_t kUserColumns = 5;

// C API column types (enum_field_types).
constexpr int kTypeDecimal = 0, kTypeTiny = 1, kTypeShort = 2, kTypeLong = 3,
              kTypeFloat = 4, kTypeDouble = 5, kTypeLongLong = 8,
              kTypeInt24 = 9, kTypeNewDecimal = 246;

constexpr char kTableNotLocked[] = "1100";

bool IsPlainIdentifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string AsText(const std::string& expression) {
  return absl::StrCat("HEX(CONVERT(", expression, " USING utf8mb4))");
}

std::vector<std::string> SystemNames(const SessionNames& names) {
  std::vector<std::string> out;
  for (const std::string& n : names.system) {
    if (IsPlainIdentifier(n)) out.push_back(n);
  }
  return out;
}

std::string Unhex(const std::optional<std::string>& hex) {
  return hex ? absl::HexStringToBytes(*hex) : "";
}

SessionValue::Type TypeOf(const backend::ColumnInfo& c) {
  switch (c.type) {
    case kTypeTiny:
    case kTypeShort:
    case kTypeLong:
    case kTypeLongLong:
    case kTypeInt24:
      return c.is_unsigned ? SessionValue::Type::kUnsigned
                           : SessionValue::Type::kInteger;
    case kTypeFloat:
    case kTypeDouble:
      return SessionValue::Type::kDouble;
    case kTypeDecimal:
    case kTypeNewDecimal:
      return SessionValue::Type::kDecimal;
    default:
      return SessionValue::Type::kString;
  }
}

}  // namespace

std::string ProbeSql(const SessionNames& names) {
  std::vector<std::string> columns;
  for (const char* owned : kOwned) columns.push_back(AsText(owned));
  columns.push_back(absl::StrCat("(SELECT COUNT(*) FROM aos_migration_progress",
                                 " WHERE 1 = 0)"));
  for (const std::string& n : SystemNames(names)) {
    const std::string v = absl::StrCat("@@", n);
    columns.push_back(v);
    columns.push_back(AsText(v));
  }
  for (const std::string& n : names.user) {
    const std::string v = absl::StrCat("@", sql::QuoteIdentifier(n));
    columns.push_back(v);
    columns.push_back(absl::StrCat("HEX(", v, ")"));
    columns.push_back(AsText(v));
    columns.push_back(absl::StrCat("HEX(CHARSET(", v, "))"));
    columns.push_back(absl::StrCat("HEX(COLLATION(", v, "))"));
  }
  return absl::StrCat("SELECT ", absl::StrJoin(columns, ", "));
}

absl::StatusOr<ProbeResult> ParseProbe(const backend::DescribedRows& rows,
                                       const SessionNames& names) {
  const std::vector<std::string> system = SystemNames(names);
  const size_t width = kOwnedColumns + kSystemColumns * system.size() +
                       kUserColumns * names.user.size();
  if (rows.rows.size() != 1 || rows.rows[0].size() != width ||
      rows.columns.size() != width) {
    return absl::InternalError("the session probe returned no row");
  }
  const backend::Row& r = rows.rows[0];
  ProbeResult out;
  OwnedSession& o = out.owned;
  for (auto [field, i] : {std::pair<std::string*, size_t>{&o.autocommit, 0},
                          {&o.completion_type, 1},
                          {&o.database, 2},
                          {&o.wsrep_osu_method, 3},
                          {&o.wsrep_on, 4},
                          {&o.sql_log_bin, 5}}) {
    *field = Unhex(r[i]);
  }
  o.in_transaction = rows.in_transaction;
  size_t c = kOwnedColumns;
  for (const std::string& n : system) {
    SessionValue v;
    v.system = true;
    v.name = n;
    v.type = TypeOf(rows.columns[c]);
    v.null = !r[c].has_value();
    // A number as the server sent it (never converted); a string as hex
    // of its utf8mb4 text, whatever character_set_results is.
    if (v.type != SessionValue::Type::kString) {
      v.value = r[c].value_or("");
    } else {
      v.value = absl::BytesToHexString(Unhex(r[c + 1]));
      absl::AsciiStrToUpper(&v.value);
    }
    out.state.push_back(std::move(v));
    c += kSystemColumns;
  }
  for (const std::string& n : names.user) {
    SessionValue v;
    v.name = n;
    v.type = TypeOf(rows.columns[c]);
    v.null = !r[c].has_value();
    if (v.type == SessionValue::Type::kString) {
      v.value = v.null ? "" : r[c + 1].value_or("");
      v.charset = Unhex(r[c + 3]);
      v.collation = Unhex(r[c + 4]);
    } else if (!v.null) {
      v.value = r[c].value_or("");
    }
    out.state.push_back(std::move(v));
    c += kUserColumns;
  }
  return out;
}

absl::StatusOr<ProbeResult> RunProbe(backend::Database& step_db,
                                     const SessionNames& names) {
  absl::StatusOr<backend::DescribedRows> rows =
      backend::QueryDescribed(step_db, ProbeSql(names));
  if (!rows.ok()) {
    std::optional<backend::DatabaseErrorInfo> e =
        backend::GetDatabaseError(rows.status());
    if (e && e->server_code == kTableNotLocked) {
      ProbeResult locked;
      locked.owned.table_lock = true;
      return locked;
    }
    return rows.status();
  }
  return ParseProbe(*rows, names);
}

std::string OwnedChanges(const OwnedSession& opened, const OwnedSession& now,
                         bool in_transaction) {
  std::vector<std::string> changes;
  if (now.table_lock) {
    return "it left a table lock held (LOCK TABLES, or FLUSH TABLES ... WITH "
           "READ LOCK)";
  }
  for (auto [name, was, is] :
       {std::tuple<const char*, const std::string&, const std::string&>{
            "autocommit", opened.autocommit, now.autocommit},
        {"completion_type", opened.completion_type, now.completion_type},
        {"the database", opened.database, now.database},
        {"wsrep_OSU_method", opened.wsrep_osu_method, now.wsrep_osu_method},
        {"wsrep_on", opened.wsrep_on, now.wsrep_on},
        {"sql_log_bin", opened.sql_log_bin, now.sql_log_bin}}) {
    if (was != is) {
      changes.push_back(absl::StrCat(name, " ", was.empty() ? "''" : was,
                                     " -> ", is.empty() ? "''" : is));
    }
  }
  if (now.in_transaction && !in_transaction) {
    changes.push_back("it left a transaction open");
  }
  if (!now.in_transaction && in_transaction) {
    changes.push_back("it ended the step's transaction");
  }
  return absl::StrJoin(changes, "; ");
}

}  // namespace aos::engine
