#include "core/report/archive_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::report {
namespace {

void WriteColumns(JsonWriter& j, const std::vector<std::string>& columns) {
  j.Key("columns");
  j.BeginArray();
  for (const std::string& c : columns) j.String(c);
  j.EndArray();
}

}  // namespace

void WriteArchived(JsonWriter& j, const std::vector<ArchivedStatement>& a) {
  j.Key("archived");
  j.BeginArray();
  for (const ArchivedStatement& s : a) {
    j.BeginObject();
    j.Key("statement");
    j.Int(s.statement);
    j.Key("table");
    j.String(s.table);
    WriteColumns(j, s.columns);
    j.Key("refused");
    if (s.refused.empty()) {
      j.Null();
    } else {
      j.String(s.refused);
    }
    j.EndObject();
  }
  j.EndArray();
}

void WriteArchives(JsonWriter& j, const std::vector<KeptArchive>& kept) {
  j.Key("archives");
  j.BeginArray();
  for (const KeptArchive& k : kept) {
    j.BeginObject();
    j.Key("archive_table");
    j.String(k.archive_table);
    j.Key("version");
    j.Int(k.version);
    j.Key("direction");
    j.String(k.direction);
    j.Key("statement");
    j.Int(k.statement);
    j.Key("table");
    j.String(k.table);
    WriteColumns(j, k.columns);
    j.Key("rows");
    j.Int(k.rows);
    j.Key("bytes");
    j.Int(k.bytes);
    j.Key("created");
    j.String(k.created);
    j.EndObject();
  }
  j.EndArray();
}

std::string ArchivedLine(const ArchivedStatement& a) {
  if (!a.refused.empty()) return absl::StrCat("archive refuses: ", a.refused);
  if (a.columns.empty()) {
    return absl::StrCat("archived first: ", a.table, " (the whole table)");
  }
  return absl::StrCat("archived first: ", a.table, " (",
                      absl::StrJoin(a.columns, ", "),
                      ", with its primary key)");
}

}  // namespace aos::report
