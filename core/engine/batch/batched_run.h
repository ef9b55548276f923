// batched_run.h: how the DML gate (dml_gate.h) decided a big statement
// runs in chunks: the statement as read (sql/batchable_dml.h), the key
// that ranges it and the size it was gated on.
#ifndef AOS_CORE_ENGINE_BATCH_BATCHED_RUN_H_
#define AOS_CORE_ENGINE_BATCH_BATCHED_RUN_H_

#include <cstdint>
#include <optional>
#include <string>

#include "core/sql/batchable_dml.h"
#include "core/sql/key_range.h"

namespace aos::engine {

struct BatchedRun {
  sql::BatchableDml dml;
  std::string table;            // the ranged table as the catalog names it
  sql::RangeKey key;            // its primary key (batch/table_key.h)
  std::optional<int64_t> rows;  // the catalog's estimate
  std::optional<int64_t> bytes;
};

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_BATCHED_RUN_H_
