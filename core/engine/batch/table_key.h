// table_key.h: the key a batched statement ranges over (issue 28): the
// table's primary key, of one column or several, read from the catalog
// as the range SQL reads and compares it (sql/key_range.h); else why it
// cannot be ranged over.
//
// MySQL/MariaDB: each key column must be of a type whose value the range
// SQL can read as text and give back exactly, compared as the column is:
//  - an integer type, signed or unsigned (TINYINT to BIGINT), or YEAR:
//    its digits, given back as CAST(? AS SIGNED / UNSIGNED);
//  - DECIMAL: the server's text (every digit of its scale), given back
//    as CAST(? AS DECIMAL(p, s)), never compared as a double;
//  - DATE, DATETIME, TIME: the server's text (every digit of the
//    column's fraction), given back as a string, which a comparison with
//    the column converts to its type exactly (also a zero date a lax
//    sql_mode stored, which CAST would make NULL under NO_ZERO_DATE);
//  - CHAR, VARCHAR, in any character set and collation: the bytes in hex,
//    given back as CONVERT(UNHEX(?) USING <its set>) COLLATE <its
//    collation>, so that neither the connection's character set nor an
//    invalid byte sequence can change the value (BINARY, VARBINARY:
//    UNHEX(?), compared bytewise as the column is).
// Refused, with the reason: no primary key; one on a prefix of a column
// (it does not order the column's values); FLOAT/DOUBLE (approximate:
// their text does not read back exactly); TIMESTAMP (its text is in the
// session's time zone, where an hour repeats); ENUM/SET (sorted by their
// list, compared as text); every other type (BIT, TEXT/BLOB, JSON, ...).
//
// PostgreSQL (ReadPostgresqlKey, postgresql_batch.h): any number of
// columns of smallint, integer, bigint, numeric, text, varchar, char (in
// the column's collation), uuid (their texts read back exactly in any
// session) or bytea (as hex), compared as row values; refused: the date
// and time types (their text follows the session's DateStyle and
// TimeZone), float4/float8, every other type.
#ifndef AOS_CORE_ENGINE_BATCH_TABLE_KEY_H_
#define AOS_CORE_ENGINE_BATCH_TABLE_KEY_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/backend/database.h"
#include "core/sql/key_range.h"

namespace aos::engine {

// The primary key of `table` in the connection's database (PostgreSQL:
// in `schema`, "" the current one); kFailedPrecondition with the reason
// ("t has no primary key to range over") when it cannot be ranged over.
absl::StatusOr<sql::RangeKey> ReadTableKey(backend::Database& db, absl::string_view table,
                                           absl::string_view schema = "");

}  // namespace aos::engine

#endif  // AOS_CORE_ENGINE_BATCH_TABLE_KEY_H_
