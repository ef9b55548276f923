#include "core/report/preflight_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::report {
void WritePreflight(JsonWriter& j, const std::vector<PreflightFinding>& found) {
  j.Key("preflight");
  j.BeginArray();
  for (const PreflightFinding& f : found) {
    j.BeginObject();
    j.Key("statement");
    j.Int(f.statement);
    j.Key("table");
    j.String(f.table);
    j.Key("kind");
    j.String(f.kind);
    j.Key("change");
    j.String(f.change);
    j.Key("when");
    j.String(f.when);
    j.Key("outcome");
    j.String(f.outcome);
    j.Key("rows");
    j.Int(f.rows);
    j.Key("more");
    j.Bool(f.more);
    j.Key("in_the_way");
    j.StringOrNull(f.in_the_way);
    j.Key("samples");
    j.BeginArray();
    for (const std::string& s : f.samples) j.String(s);
    j.EndArray();
    j.Key("note");
    j.StringOrNull(f.note);
    j.Key("millis");
    j.Int(f.millis);
    j.Key("table_rows");
    j.OptionalInt(f.table_rows);
    j.Key("above_limits");
    j.Bool(f.above_limits);
    j.EndObject();
  }
  j.EndArray();
}

bool PreflightWorthALine(const PreflightFinding& f) {
  return f.outcome == "conflict" || f.outcome == "unchecked" || f.above_limits;
}

std::string PreflightLine(const PreflightFinding& f) {
  std::string what = f.outcome == "conflict" ? "refused: "
                     : f.outcome == "clean"  ? ""
                                             : absl::StrCat(f.outcome, ": ");
  std::string line = absl::StrCat("pre-flight: ", f.change, " on ", f.table,
                                  ": ", what, f.Describe());
  if ((f.outcome == "conflict" || f.outcome == "clean") && !f.note.empty()) {
    absl::StrAppend(&line, "; ", f.note);
  }
  if (f.outcome == "clean" || f.outcome == "conflict") {
    absl::StrAppend(&line, " (", f.millis, " ms)");
  }
  return line;
}

std::string PreflightNote(const PendingStep& p) {
  std::vector<std::string> refused;
  for (const PreflightFinding& f : p.preflight) {
    if (f.outcome != "conflict") continue;
    refused.push_back(absl::StrCat(
        "statement ", f.statement, ", ", f.more ? "more than " : "", f.rows,
        f.rows == 1 ? " row" : " rows", " in ", f.table));
  }
  if (refused.empty()) return "";
  return absl::StrCat(" (pre-flight refuses: ", absl::StrJoin(refused, "; "),
                      ")");
}

}  // namespace aos::report
