#include "core/engine/drift/drift_touch.h"

#include <map>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "core/engine/drift/module_drift.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {
namespace {

// Names compare as loosely as a server might: letter case aside.
std::string Folded(const std::string& name) {
  return absl::AsciiStrToLower(name);
}

}  // namespace

std::vector<std::string> DriftedTablesTouched(
    const std::vector<std::string>& statements,
    const report::DriftInfo& drift) {
  std::set<std::string> drifted;  // folded name -> as the schema names it
  std::map<std::string, std::string> spelled;
  for (const report::DriftItem& item : drift.Drifted()) {
    const std::string table = TableOfObject(item.object);
    drifted.insert(Folded(table));
    spelled.emplace(Folded(table), table);
  }
  std::set<std::string> touched;
  if (drifted.empty()) return {};
  for (const std::string& statement : statements) {
    std::vector<std::string> names;
    if (std::optional<std::vector<sql::TableName>> targets =
            sql::DdlTargets(statement)) {
      for (const sql::TableName& t : *targets) names.push_back(t.name);
    } else {
      names = sql::IdentifiersIn(statement);
    }
    for (const std::string& name : names) {
      if (drifted.count(Folded(name)) > 0) touched.insert(spelled[Folded(name)]);
    }
  }
  return {touched.begin(), touched.end()};
}

}  // namespace aos::engine
