// table_key.h: the key a batched statement ranges over (issue 28): the
// table's primary key when it is one column of a signed or small integer
// type, read from the catalog; else why not.
#ifndef AOS_CORE_ENGINE_BATCH_TABLE_KEY_H_
#define AOS_CORE_ENGINE_BATCH_TABLE_KEY_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"

namespace aos::engine {

// The key column of `table` in the connection's database (PostgreSQL:
// its current schema, postgresql_batch.h); kFailedPrecondition with the reason ("it has no primary key") when it
// cannot be ranged over.
absl::StatusOr<std::string> ReadIntegerKey(backend::Database& db, absl::string_view table);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_TABLE_KEY_H_
