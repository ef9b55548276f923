// online_server_check.h: what the server's own settings will cost the
// services' writers while pt-online-schema-change copies a table (issue
// 28), read before the run. Not a refusal (the copy is as safe either
// way, only slower for the writers): --dry-run says it beside the
// statement, JSON in its note, and the run when the copy starts.
#ifndef AOS_CORE_ENGINE_DDL_ONLINE_SERVER_CHECK_H_
#define AOS_CORE_ENGINE_DDL_ONLINE_SERVER_CHECK_H_

#include <string>

#include "core/backend/database.h"

namespace aos::engine {

// "" when nothing is found (or cannot be read); else each finding with the
// setting that would fix it, "; "-separated:
// - innodb_autoinc_lock_mode other than 2 on a table with an
//   AUTO_INCREMENT column: each chunk of the copy is an INSERT ... SELECT
//   that holds the copy's table-level AUTO-INC lock until it ends, and
//   every INSERT into the table, copied by pt-osc's trigger, waits for it
//   (tools/bench/ddl_stall: the writer did 24.5 of its 200 statements/s);
// - a table that, with its copy, does not fit in innodb_buffer_pool_size:
//   the copy reads it from disk and pushes the services' pages out;
// - on a Galera node, wsrep_retry_autocommit below 4: a writer's
//   autocommit statement that loses certification to the copy is retried
//   that often by its node, then fails with 1213 (tools/bench/ddl_stall:
//   one or two of ~5,000 at the default 1). The node's own value: the
//   others are not read.
std::string OnlineServerWarning(backend::Database& db, const std::string& table);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_DDL_ONLINE_SERVER_CHECK_H_
