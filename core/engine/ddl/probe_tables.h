// probe_tables.h: the empty clones ddl_cost.h tries statements on, named
// `_aos_probe_<connection id>_<n>` after the server session that made
// them, so that two runs never share one and a clone a killed run left
// behind is known by its session being gone.
#ifndef AOS_CORE_ENGINE_DDL_PROBE_TABLES_H_
#define AOS_CORE_ENGINE_DDL_PROBE_TABLES_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/engine/ddl/probe_names.h"

namespace aos::engine {

std::string ProbeTableName(absl::string_view connection_id, size_t n);

// Drops the clones of the connected database whose session has ended.
absl::Status DropAbandonedProbes(backend::Database& db);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_PROBE_TABLES_H_
