#include "core/report/check_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/report/json_writer.h"
#include "core/report/module_result.h"
#include "core/report/text_table.h"

namespace aos::report {
namespace {

constexpr size_t kPendingWidth = 44;

std::string Pending(const ModuleStatus& m, bool verbose) {
  if (!m.error.empty()) {
    return m.database_error && !verbose ? kUnknownDbError : m.error;
  }
  if (!m.interrupted.empty()) return "interrupted: " + m.interrupted;
  if (m.pending.empty()) return "Up to date";
  if (m.current && *m.current == 0) {
    return absl::StrCat("not installed: ", m.pending.size(),
                        m.pending.size() == 1 ? " step" : " steps");
  }
  std::vector<std::string> steps;
  for (const PendingStep& p : m.pending) {
    steps.push_back(absl::StrCat(p.version, " (", p.phase, ")"));
  }
  return absl::StrJoin(steps, " ");
}

void NextCommand(JsonWriter& j, const std::string& next) {
  j.Key("next");
  j.StringOrNull(next);
}

}  // namespace

std::string RenderCheckTable(const std::vector<ModuleStatus>& modules,
                             const std::vector<CheckAnswer>& answers,
                             bool verbose) {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < modules.size(); ++i) {
    const ModuleStatus& m = modules[i];
    rows.push_back({std::to_string(i + 1), m.display_name,
                    m.current ? std::to_string(*m.current) : "?",
                    std::to_string(m.latest), std::to_string(answers[i].code),
                    answers[i].next.empty() ? "-" : answers[i].next,
                    Pending(m, verbose)});
  }
  return "DB check table\n" +
         RenderTextTable({"N", "Module name", "Current", "Latest", "Check",
                          "Next", "Pending"},
                         rows, kPendingWidth);
}

std::string RenderCheckJson(const std::vector<ModuleStatus>& modules,
                            const std::vector<CheckAnswer>& answers,
                            const CheckAnswer& overall) {
  JsonWriter j;
  j.BeginObject();
  j.Key("modules");
  j.BeginArray();
  for (size_t i = 0; i < modules.size(); ++i) {
    const ModuleStatus& m = modules[i];
    j.BeginObject();
    j.Key("id");
    j.String(m.module_id);
    j.Key("name");
    j.String(m.display_name);
    j.Key("current");
    j.OptionalInt(m.current);
    j.Key("latest");
    j.Int(m.latest);
    j.Key("check");
    j.Int(answers[i].code);
    NextCommand(j, answers[i].next);
    j.Key("pending");
    j.BeginArray();
    for (const PendingStep& p : m.pending) {
      j.BeginObject();
      j.Key("version");
      j.Int(p.version);
      j.Key("phase");
      j.String(p.phase);
      j.Key("description");
      j.String(p.description);
      j.EndObject();
    }
    j.EndArray();
    j.Key("error");
    const std::string problem =
        !m.error.empty()
            ? m.error
            : (m.interrupted.empty() ? "" : "interrupted: " + m.interrupted);
    j.StringOrNull(problem);
    j.Key("category");
    j.StringOrNull(m.error_category);
    j.EndObject();
  }
  j.EndArray();
  j.Key("check");
  j.Int(overall.code);
  NextCommand(j, overall.next);
  j.EndObject();
  return j.str() + "\n";
}

}  // namespace aos::report
