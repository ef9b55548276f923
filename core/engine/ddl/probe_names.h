// probe_names.h: how the empty clones of probe_tables.h are named, so that
// they are known as the tool's own wherever tables are listed
// (bookkeeping_tables.h).
#ifndef AOS_CORE_ENGINE_DDL_PROBE_NAMES_H_
#define AOS_CORE_ENGINE_DDL_PROBE_NAMES_H_

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace aos::engine {

// The empty clones of probe_tables.h.
inline constexpr char kProbePrefix[] = "_aos_probe_";

inline bool IsProbeTable(absl::string_view table) {
  return absl::StartsWith(table, kProbePrefix);
}

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_PROBE_NAMES_H_
