// lock_holders.h: who holds a table that a DDL statement waits for, so
// that the operator knows whom to ask. From the most exact source the
// server offers: MariaDB's METADATA_LOCK_INFO plugin, else
// performance_schema.metadata_locks, else the sessions with an open
// InnoDB transaction (one of which holds it: an idle transaction that
// read the table keeps its metadata lock until it ends). PostgreSQL: the
// backends with a granted lock on the table (pg_locks, pg_stat_activity).
#ifndef AOS_CORE_ENGINE_APPLY_LOCK_HOLDERS_H_
#define AOS_CORE_ENGINE_APPLY_LOCK_HOLDERS_H_

#include <string>
#include <vector>

#include "core/backend/database.h"

namespace aos::engine {

// "session 42 (nova@10.0.0.5, Sleep, idle for 12 s)[, ...]" with how it
// was found, or "" when the server says nothing. Never fails: this only
// adds to a message.
std::string DescribeLockHolders(backend::Database& db,
                                const std::vector<std::string>& tables);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_APPLY_LOCK_HOLDERS_H_
