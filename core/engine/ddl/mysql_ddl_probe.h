// mysql_ddl_probe.h: the cost of a plan's DDL on MySQL/MariaDB, asked of
// the server on empty clones of the tables (ddl_cost.h, the file comment).
#ifndef AOS_CORE_ENGINE_DDL_MYSQL_DDL_PROBE_H_
#define AOS_CORE_ENGINE_DDL_MYSQL_DDL_PROBE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/engine/ddl/ddl_cost.h"
#include "core/engine/plan/planner.h"

namespace aos::engine {

absl::StatusOr<DdlAssessment> AssessMysql(backend::Database& db,
                                          const std::vector<PlannedStep>& plan,
                                          int64_t resume_at,
                                          const DdlPolicy& policy);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_MYSQL_DDL_PROBE_H_
