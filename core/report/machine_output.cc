#include "core/report/machine_output.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "core/report/json_writer.h"

namespace aos::report {

std::string RenderResultsJson(const std::vector<ModuleResult>& results) {
  JsonWriter j;
  j.BeginObject();
  j.Key("modules");
  j.BeginArray();
  for (const ModuleResult& r : results) {
    j.BeginObject();
    j.Key("id");
    j.String(r.module_id);
    j.Key("name");
    j.String(r.display_name);
    j.Key("status");
    j.String(r.ok ? "OK" : "FAIL");
    j.Key("from");
    j.OptionalInt(r.from);
    j.Key("to");
    j.OptionalInt(r.to);
    j.Key("result");
    j.String(r.ResultText(true));
    j.Key("error");
    if (r.ok) {
      j.Null();
    } else {
      j.String(r.error);
    }
    j.Key("category");
    if (r.error_category.empty()) {
      j.Null();
    } else {
      j.String(r.error_category);
    }
    j.Key("resumed");
    if (r.resumed) {
      j.BeginObject();
      j.Key("version");
      j.Int(r.resumed->version);
      j.Key("statement");
      j.Int(r.resumed->statement);
      j.Key("statements");
      j.Int(r.resumed->statements);
      j.EndObject();
    } else {
      j.Null();
    }
    j.Key("held_back");
    if (r.held_back) {
      j.BeginObject();
      j.Key("version");
      j.Int(r.held_back->version);
      j.Key("phase");
      j.String(r.held_back->phase);
      j.Key("reason");
      j.String(r.held_back->reason);
      j.EndObject();
    } else {
      j.Null();
    }
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  return j.str() + "\n";
}

std::string RenderResultsValue(const std::vector<ModuleResult>& results,
                               bool verbose) {
  std::string out;
  for (const ModuleResult& r : results) {
    // One line a module, whatever the error holds: line breaks become
    // blanks.
    std::string text = r.ResultText(verbose);
    std::replace_if(text.begin(), text.end(),
                    [](char c) { return c == '\n' || c == '\r'; }, ' ');
    absl::StrAppend(&out, r.module_id, " ", r.ok ? "OK" : "FAIL", " ", text,
                    "\n");
  }
  return out;
}

}  // namespace aos::report
