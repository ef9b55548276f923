#include "core/report/drift_report.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::report {
namespace {

void WriteItems(JsonWriter& j, const std::vector<DriftItem>& items) {
  j.BeginArray();
  for (const DriftItem& item : items) {
    j.BeginObject();
    j.Key("object");
    j.String(item.object);
    j.Key("kind");
    j.String(item.kind);
    j.Key("expected");
    j.StringOrNull(item.kind == "extra" ? "" : item.expected);
    j.Key("actual");
    j.StringOrNull(item.kind == "missing" ? "" : item.actual);
    j.EndObject();
  }
  j.EndArray();
}

}  // namespace

std::string DriftLine(const DriftItem& item) {
  if (item.kind == "extra") {
    return absl::StrCat("extra ", item.object, ": ", item.actual);
  }
  if (item.kind == "missing") {
    return absl::StrCat("missing ", item.object, ": ", item.expected);
  }
  return absl::StrCat(item.kind, " ", item.object, ": expected ", item.expected, ", found ",
                      item.actual);
}

std::string DriftSummary(const std::vector<DriftItem>& items, size_t max) {
  std::vector<std::string> lines;
  for (size_t i = 0; i < items.size() && i < max; ++i) {
    lines.push_back(DriftLine(items[i]));
  }
  std::string out = absl::StrJoin(lines, "; ");
  if (items.size() > max) {
    absl::StrAppend(&out, "; and ", items.size() - max, " more");
  }
  return out;
}

std::string DriftListing(const std::string& name, const DriftInfo& drift) {
  if (!drift.known) {
    if (drift.not_known.empty()) return "";
    return absl::StrCat("Drift of ", name, ": not known (", drift.not_known, ")\n");
  }
  const size_t accepted = drift.Accepted().size();
  const size_t drifted = drift.items.size() - accepted;
  std::string out = absl::StrCat(
      "Drift of ", name, " at version ", drift.version, ": ",
      drifted == 0 ? "none" : absl::StrCat(drifted, drifted == 1 ? " difference" : " differences"),
      accepted == 0 ? "" : absl::StrCat(", ", accepted, " accepted"), "\n");
  for (const DriftItem& item : drift.items) {
    absl::StrAppend(&out, "  ", item.accepted ? "accepted: " : "", DriftLine(item), "\n");
  }
  return out;
}

void WriteDriftJson(JsonWriter& j, const DriftInfo& drift) {
  j.Key("drift");
  if (drift.known) {
    WriteItems(j, drift.Drifted());
  } else {
    j.Null();
  }
  j.Key("drift_accepted");
  if (drift.known) {
    WriteItems(j, drift.Accepted());
  } else {
    j.Null();
  }
  j.Key("drift_reason");
  j.StringOrNull(drift.known ? "" : drift.not_known);
}

std::string WithDriftNote(const std::string& note, const DriftInfo& drift) {
  const std::string drifted = drift.Note();
  if (drifted.empty()) return note;
  if (note == "Up to date") return drifted;
  return absl::StrCat(note, "; ", drifted);
}

std::string DriftedTablesComment(const std::vector<std::string>& tables) {
  if (tables.empty()) return "";
  return absl::StrCat("-- warning: drift: this step touches ", absl::StrJoin(tables, ", "),
                      ", whose live schema differs from what the recorded version should "
                      "have (see --status -v)\n");
}

void WriteDriftedTables(JsonWriter& j, const std::vector<std::string>& tables) {
  j.Key("drifted_tables");
  j.BeginArray();
  for (const std::string& t : tables) j.String(t);
  j.EndArray();
}

}  // namespace aos::report
