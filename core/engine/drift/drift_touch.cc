#include "core/engine/drift/drift_touch.h"

#include <map>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "core/engine/drift/module_drift.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {
namespace {

// Names compare as loosely as a server might: letter case aside.
std::string Folded(const std::string& name) { return absl::AsciiStrToLower(name); }

}  // namespace

std::vector<std::string> DriftedTablesTouched(const std::vector<std::string>& statements,
                                              const report::DriftInfo& drift) {
  // A drifted table's name, or a drifted trigger's (a statement names a
  // trigger by itself), folded -> the table as the schema names it.
  std::map<std::string, std::string> drifted;
  for (const report::DriftItem& item : drift.Drifted()) {
    const std::string table = TableOfObject(item.object);
    drifted.emplace(Folded(table), table);
    if (absl::StartsWith(item.object, "trigger ")) {
      const size_t dot = item.object.find('.');
      if (dot != std::string::npos) {
        drifted.emplace(Folded(item.object.substr(dot + 1)), table);
      }
    }
  }
  std::set<std::string> touched;
  if (drifted.empty()) return {};
  for (const std::string& statement : statements) {
    std::vector<std::string> names;
    if (std::optional<std::vector<sql::TableName>> targets = sql::DdlTargets(statement)) {
      for (const sql::TableName& t : *targets) names.push_back(t.name);
    } else {
      names = sql::IdentifiersIn(statement);
    }
    for (const std::string& name : names) {
      if (auto it = drifted.find(Folded(name)); it != drifted.end()) {
        touched.insert(it->second);
      }
    }
  }
  return {touched.begin(), touched.end()};
}

}  // namespace aos::engine
