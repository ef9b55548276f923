#include "core/engine/ddl/probe_tables.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/sql/mysql_tokenizer.h"

namespace aos::engine {

std::string ProbeTableName(absl::string_view connection_id, size_t n) {
  return absl::StrCat(kProbePrefix, connection_id, "_", n);
}

absl::Status DropAbandonedProbes(backend::Database& db) {
  absl::StatusOr<std::vector<backend::Row>> probes = db.Query(
      "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
      "DATABASE() AND TABLE_NAME LIKE '\\_aos\\_probe\\_%'");
  if (!probes.ok() || probes->empty()) return probes.status();
  absl::StatusOr<std::vector<backend::Row>> sessions =
      db.Query("SELECT ID FROM information_schema.PROCESSLIST");
  if (!sessions.ok()) return sessions.status();
  std::set<std::string> alive;
  for (const backend::Row& r : *sessions) {
    if (!r.empty() && r[0]) alive.insert(*r[0]);
  }
  for (const backend::Row& r : *probes) {
    if (r.empty() || !r[0]) continue;
    const std::string& name = *r[0];
    std::string rest = name.substr(sizeof(kProbePrefix) - 1);
    std::string session = rest.substr(0, rest.find('_'));
    if (alive.count(session)) continue;
    absl::Status st = db.Execute(
        absl::StrCat("DROP TABLE IF EXISTS ", sql::QuoteIdentifier(name)));
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace aos::engine
