// table_identity.h: which table stands under each of some names, told by
// InnoDB's table ids. A RENAME that swaps names between tables of one
// definition (a TO tmp, b TO a, tmp TO b) leaves every name with the
// definition it had: only the ids tell whether it ran
// (schema_fingerprint.h).
//
// MariaDB lists the ids in information_schema.INNODB_SYS_TABLES, MySQL 8 in
// INNODB_TABLES (a partitioned table: one a partition, "db/t#P#p0"); both
// need the PROCESS privilege. Where they cannot be read, or a table named
// has none (not InnoDB, or a name InnoDB spells otherwise on disk), the
// identities are unprovable and say why: never a guess.
#ifndef AOS_CORE_ENGINE_RESUME_TABLE_IDENTITY_H_
#define AOS_CORE_ENGINE_RESUME_TABLE_IDENTITY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"
#include "core/sql/statement_kind.h"

namespace aos::engine {

struct TableIdentities {
  std::string text;        // each name's type, engine and ids, to digest
  std::string unprovable;  // why they cannot be told ("" when they can)
};

// The identities of the tables under `names` now (one round trip; a name
// that names nothing reads as absent).
absl::StatusOr<TableIdentities> ReadTableIdentities(
    backend::Database& db, const std::vector<sql::TableName>& names);

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_RESUME_TABLE_IDENTITY_H_
