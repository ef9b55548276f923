#include "core/report/machine_output.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "core/report/drift_report.h"  // issue 29
#include "core/report/json_writer.h"

namespace aos::report {
namespace {

// "resumed": where a step left part-way was started again, or null.
void WriteResumed(JsonWriter& j,
                  const std::optional<ModuleResult::Resumed>& resumed) {
  j.Key("resumed");
  if (!resumed) {
    j.Null();
    return;
  }
  j.BeginObject();
  j.Key("version");
  j.Int(resumed->version);
  j.Key("statement");
  j.Int(resumed->statement);
  j.Key("statements");
  j.Int(resumed->statements);
  j.EndObject();
}

// "held_back": the step --expand stopped before, or null.
void WriteHeldBack(JsonWriter& j,
                   const std::optional<ModuleResult::HeldBack>& held_back) {
  j.Key("held_back");
  if (!held_back) {
    j.Null();
    return;
  }
  j.BeginObject();
  j.Key("version");
  j.Int(held_back->version);
  j.Key("phase");
  j.String(held_back->phase);
  j.Key("reason");
  j.String(held_back->reason);
  j.EndObject();
}

// "steps": each step the run applied or tried, with how long it took.
void WriteSteps(JsonWriter& j, const std::vector<ModuleResult::StepTime>& steps) {
  j.Key("steps");
  j.BeginArray();
  for (const ModuleResult::StepTime& step : steps) {
    const bool upgrade = step.to > step.from;
    j.BeginObject();
    j.Key("version");  // the migration's, as in the views' steps
    j.Int(upgrade ? step.to : step.from);
    j.Key("direction");
    j.String(upgrade ? "upgrade" : "downgrade");
    j.Key("from");
    j.Int(step.from);
    j.Key("to");
    j.Int(step.to);
    j.Key("status");
    j.String(step.ok ? "OK" : "FAIL");
    j.Key("millis");  // as the pre-flight checks' times: an integer
    j.Int(step.micros < 0 ? 0 : (step.micros + 500) / 1000);
    j.EndObject();
  }
  j.EndArray();
}

}  // namespace

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
    j.StringOrNull(r.ok ? "" : r.error);  // empty on OK (module_result.h)
    j.Key("category");
    j.StringOrNull(r.error_category);
    WriteResumed(j, r.resumed);
    WriteHeldBack(j, r.held_back);
    WriteSteps(j, r.steps);
    // Issue 29: the drift the run found before its first step; a run that
    // applied nothing (or stopped before) did not look.
    report::DriftInfo drift = r.drift;
    if (!drift.known && drift.not_known.empty()) {
      drift.not_known = "not checked (a run checks only before applying a step)";
    }
    WriteDriftJson(j, drift);
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
