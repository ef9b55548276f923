#include "core/engine/archive/archive_plan.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "core/engine/archive/archive_catalog.h"
#include "core/sql/sql_lexer.h"

namespace aos::engine {
namespace {

constexpr char kNarrowingWayOut[] =
    "; a column narrowed over values that do not fit runs only when the "
    "archive keeps them: shorten or remove those values first";
constexpr char kWayOut[] =
    "; to run it without keeping those values, accept their loss with "
    "--no-archive (or archive = off)";

std::string Where(const std::vector<sql::Statement>& statements, size_t i) {
  return absl::StrCat("statement ", i + 1, " of ", statements.size(),
                      " (line ", statements[i].line, ")");
}

// Whether a token of `statement` names `table` (any case).
bool Names(absl::string_view statement, absl::string_view dialect,
           absl::string_view table) {
  for (const sql::Token& t : sql::LexTolerant(statement, dialect)) {
    if ((t.type == sql::Token::Type::kWord ||
         t.type == sql::Token::Type::kQuoted) &&
        absl::EqualsIgnoreCase(t.text, table)) {
      return true;
    }
  }
  return false;
}

// A session's temporary tables: nothing to keep.
bool IsTemporarySchema(absl::string_view schema) {
  return absl::EqualsIgnoreCase(schema, "temp") ||
         absl::EqualsIgnoreCase(schema, "pg_temp");
}

bool Contains(const std::vector<std::string>& names, absl::string_view n) {
  return std::find(names.begin(), names.end(), n) != names.end();
}

}  // namespace

std::string ReservedNameIn(absl::string_view statement,
                           absl::string_view dialect) {
  for (const sql::Token& t : sql::LexTolerant(statement, dialect)) {
    if (t.type != sql::Token::Type::kWord &&
        t.type != sql::Token::Type::kQuoted) {
      continue;
    }
    const std::string lower = absl::AsciiStrToLower(t.text);
    if (absl::StartsWith(lower, kArchivePrefix) || lower == kArchivesTable) {
      return absl::StrCat(
          "it names ", t.text, ": names starting with ", kArchivePrefix,
          " and ", kArchivesTable,
          " are aos-db-migrate's archives of dropped values, never a "
          "module's tables (rename it in the plugin)");
    }
  }
  return "";
}

absl::Status Archiver::CheckStep(const std::vector<sql::Statement>& statements,
                                 size_t first, bool upgrade) {
  const std::string dialect(db_.dialect());
  for (size_t i = first; i < statements.size(); ++i) {
    const std::string reserved = ReservedNameIn(statements[i].text, dialect);
    if (!reserved.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat(Where(statements, i), " is refused: ", reserved));
    }
  }
  if (!policy_.enabled || !upgrade) return absl::OkStatus();
  for (size_t i = first; i < statements.size(); ++i) {
    sql::DestructionReading reading =
        sql::ReadDestructions(statements[i].text, dialect);
    // A table an earlier statement of the step names is judged right
    // before the statement (BeforeStatement): it is not as it stands now.
    auto earlier = [&](const sql::Destruction& d) {
      for (size_t j = first; j < i; ++j) {
        if (Names(statements[j].text, dialect, d.table.name)) return true;
      }
      return false;
    };
    reading.destroys.erase(std::remove_if(reading.destroys.begin(),
                                          reading.destroys.end(), earlier),
                           reading.destroys.end());
    if (absl::Status st = Check(reading, Where(statements, i)); !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

absl::Status Archiver::Check(const sql::DestructionReading& reading,
                             const std::string& where) {
  const std::string dialect(db_.dialect());
  const sql::Destruction* d_now = nullptr;  // the destruction judged
  auto refuse = [&](const std::string& why) {
    // A narrowing is the pre-flight's refusal without the archive.
    const bool narrowing =
        d_now != nullptr && d_now->kind == sql::Destruction::Kind::kNarrowColumn;
    return absl::FailedPreconditionError(absl::StrCat(
        where, " would destroy values the archive cannot keep: ", why,
        narrowing ? kNarrowingWayOut : kWayOut));
  };
  if (!reading.unread.empty()) return refuse(reading.unread);
  for (const sql::Destruction& d : reading.destroys) {
    d_now = &d;
    const char* what = sql::DestructionKindName(d.kind);
    if (IsTemporarySchema(d.table.schema)) continue;
    if (!d.table.schema.empty()) {
      return refuse(absl::StrCat(what, " of ", d.table.schema, ".",
                                 d.table.name, ", a table of another schema"));
    }
    absl::StatusOr<std::vector<CatalogColumn>> columns =
        TableColumns(db_, d.table.name);
    if (!columns.ok()) return columns.status();
    if (columns->empty()) continue;  // absent: nothing to keep
    absl::StatusOr<std::vector<std::string>> keys = PrimaryKey(db_, d.table.name);
    if (!keys.ok()) return keys.status();
    if (keys->empty()) {
      return refuse(absl::StrCat(
          what, " of ", d.table.name, ", a table without a primary key: its ",
          d.columns.empty() ? "rows" : "values",
          " could not be matched with their rows on the way back"));
    }
    for (const std::string& c : d.columns) {
      if (Contains(*keys, c)) {
        return refuse(absl::StrCat(
            d.kind == sql::Destruction::Kind::kNarrowColumn ? "a change of "
                                                            : "DROP COLUMN ",
            c, " of ", d.table.name, ", a column of its primary key"));
      }
    }
    absl::StatusOr<int64_t> bytes = TableBytes(db_, d.table.name);
    if (!bytes.ok()) return bytes.status();
    if (*bytes > policy_.max_bytes) {
      return refuse(absl::StrCat(
          what, " of ", d.table.name, ", ", (*bytes + (1 << 20) - 1) >> 20,
          " MiB, above archive_max_mib (", policy_.max_bytes >> 20, " MiB)"));
    }
  }
  return absl::OkStatus();
}

absl::Status Archiver::BeforeStatement(
    int64_t version, bool upgrade, const std::vector<sql::Statement>& statements,
    size_t index, const std::vector<sql::Destruction>& narrowed) {
  if (!policy_.enabled || !upgrade) return absl::OkStatus();
  sql::DestructionReading reading =
      sql::ReadDestructions(statements[index].text, db_.dialect());
  reading.destroys.insert(reading.destroys.end(), narrowed.begin(),
                          narrowed.end());
  if (reading.destroys.empty() && reading.unread.empty()) {
    return absl::OkStatus();  // the common case: no query
  }
  if (absl::Status st = Check(reading, Where(statements, index)); !st.ok()) {
    return st;
  }
  if (absl::Status st = store_.EnsureTable(); !st.ok()) return st;
  if (absl::Status st = store_.DropUnfinished(); !st.ok()) return st;
  for (const sql::Destruction& d : reading.destroys) {
    if (IsTemporarySchema(d.table.schema)) continue;
    absl::Status st =
        Copy(version, upgrade, static_cast<int64_t>(index) + 1, d);
    if (!st.ok()) {
      return absl::Status(st.code(),
                          absl::StrCat("archiving what ", Where(statements, index),
                                       " destroys: ", st.message()));
    }
  }
  return absl::OkStatus();
}

absl::Status Archiver::Copy(int64_t version, bool upgrade, int64_t statement,
                            const sql::Destruction& d) {
  const std::string dialect(db_.dialect());
  absl::StatusOr<std::vector<CatalogColumn>> now = TableColumns(db_, d.table.name);
  if (!now.ok()) return now.status();
  std::vector<std::string> kept;  // the dropped columns that exist
  for (const std::string& c : d.columns) {
    for (const CatalogColumn& have : *now) {
      if (absl::EqualsIgnoreCase(have.name, c)) kept.push_back(have.name);
    }
  }
  if (now->empty() || (!d.columns.empty() && kept.empty())) {
    return absl::OkStatus();  // IF EXISTS of what is absent
  }
  absl::StatusOr<std::vector<std::string>> keys = PrimaryKey(db_, d.table.name);
  if (!keys.ok()) return keys.status();
  std::vector<std::string> copied;  // what the archive holds
  if (kept.empty()) {
    for (const CatalogColumn& c : *now) copied.push_back(c.name);
  } else {
    copied = *keys;
    copied.insert(copied.end(), kept.begin(), kept.end());
  }
  absl::StatusOr<ArchiveRecord> record =
      store_.Begin(version, upgrade, statement, d.table.name, kept, *keys);
  if (!record.ok()) return record.status();
  const std::string archive = QuoteName(dialect, record->archive_table);
  std::string select = QuotedList(dialect, copied);
  if (d.kind == sql::Destruction::Kind::kNarrowColumn) {  // the lost values
    absl::StrAppend(&select, ", ", d.stored, " AS ", kNarrowedTo, " FROM ",
                    QuoteName(dialect, d.table.name), " WHERE ", d.lost_where);
  } else {
    absl::StrAppend(&select, " FROM ", QuoteName(dialect, d.table.name));
  }
  if (absl::Status st = CopyInto(archive, select, *keys, d.table.name); !st.ok()) {
    return st;
  }
  std::string bytes = "0";
  for (const std::string& c : copied) {
    absl::StrAppend(&bytes, " + COALESCE(SUM(",
                    ValueBytes(dialect, QuoteName(dialect, c)), "), 0)");
  }
  absl::StatusOr<std::vector<backend::Row>> size = db_.Query(
      absl::StrCat("SELECT COUNT(*), ", bytes, " FROM ", archive));
  if (!size.ok()) return size.status();
  int64_t rows = 0, total = 0;
  if (!size->empty() && size->at(0).size() == 2) {
    (void)absl::SimpleAtoi(size->at(0)[0].value_or("0"), &rows);
    (void)absl::SimpleAtoi(size->at(0)[1].value_or("0"), &total);
  }
  return store_.Finish(*record, rows, total);
}

// The archive `archive` made from `what` (a select list and its FROM) of `table`, keyed by the
// table's primary key `keys` as its source is: a cluster that requires a
// primary key of every table (Galera's wsrep_mode = REQUIRED_PRIMARY_KEY)
// takes it, and the giving back joins on it. SQLite cannot add a key to a
// table made by a query; its archives have none.
absl::Status Archiver::CopyInto(const std::string& archive,
                                const std::string& what,
                                const std::vector<std::string>& keys,
                                const std::string& table) {
  const std::string dialect(db_.dialect());
  const std::string select = absl::StrCat(" AS SELECT ", what);
  if (keys.empty()) {  // refused before a copy (CheckStep); never unkeyed
    return absl::FailedPreconditionError(
        absl::StrCat("archiving ", table, ": it has no primary key"));
  }
  if (dialect == "mysql") {
    return db_.Execute(absl::StrCat("CREATE TABLE ", archive, " (PRIMARY KEY (",
                                    QuotedList(dialect, keys), "))", select));
  }
  absl::Status st = db_.Execute(absl::StrCat("CREATE TABLE ", archive, select));
  if (!st.ok() || dialect != "postgresql") return st;
  return db_.Execute(absl::StrCat("ALTER TABLE ", archive, " ADD PRIMARY KEY (",
                                  QuotedList(dialect, keys), ")"));
}

absl::StatusOr<int64_t> Archiver::Expire(bool purge) {
  if (!purge && policy_.retention_days <= 0) return 0;
  absl::StatusOr<std::vector<ArchiveRecord>> all = store_.List();
  if (!all.ok()) return all.status();
  const int64_t before =
      absl::ToUnixSeconds(absl::Now()) - policy_.retention_days * 86400;
  int64_t retired = 0;
  for (const ArchiveRecord& a : *all) {
    if (!purge && (!a.rows || a.created_at >= before)) continue;
    if (absl::Status st = store_.Retire(a); !st.ok()) return st;
    ++retired;
  }
  if (retired > 0) {
    if (absl::Status st = store_.DropIfEmpty(); !st.ok()) return st;
  }
  return retired;
}

absl::Status Archiver::AfterDowngrade(int64_t version) {
  if (!policy_.enabled) return absl::OkStatus();
  absl::StatusOr<std::vector<RestoredTable>> done =
      RestoreArchives(db_, store_, version);
  if (!done.ok()) return done.status();
  restored_.insert(restored_.end(), done->begin(), done->end());
  return absl::OkStatus();
}

}  // namespace aos::engine
