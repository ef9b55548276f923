#include "core/engine/bookkeeping/step_checksum.h"

#include "absl/strings/str_cat.h"
#include "core/util/hash.h"

namespace aos::engine {

std::string StepChecksum(const plugin::Migration& migration, bool upgrade,
                         absl::string_view dialect) {
  const plugin::Step& s = upgrade ? migration.upgrade : *migration.downgrade;
  if (s.kind == plugin::Step::Kind::kSql) return util::Sha256Hex(s.SqlFor(dialect));
  return util::Sha256Hex(absl::StrCat("code step ", migration.version, " ",
                                upgrade ? "upgrade" : "downgrade"));
}

}  // namespace aos::engine
