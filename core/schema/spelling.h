// spelling.h: the pure functions that make one meaning one text, whatever
// the server's spelling (drift, issue 29): MariaDB 10.2+ reports defaults
// as expressions ('abc', NULL, current_timestamp()) where MySQL 8 reports
// values (abc, CURRENT_TIMESTAMP + DEFAULT_GENERATED); utf8mb3 is utf8;
// integer display widths (int(11)) mean nothing; NO ACTION is RESTRICT on
// InnoDB; SQLite keeps a declared type as written. live_schema.cc applies
// them to what the catalog says.
#ifndef AOS_CORE_SCHEMA_SPELLING_H_
#define AOS_CORE_SCHEMA_SPELLING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace aos::schema {

// `s` with each run of blanks and line breaks made one blank, and no blank
// after "(" or before ")" and ","; quoted text ('...', "...") kept as is.
std::string SqueezeBlanks(absl::string_view s);

// `s` in lower case but for quoted text ('...', "...").
std::string LowerOutsideQuotes(absl::string_view s);

// The character set a MySQL collation belongs to ("utf8mb4_general_ci" ->
// "utf8mb4", "utf8mb3_bin" -> "utf8"), by its name.
std::string CollationCharset(absl::string_view collation);

// Whether MySQL/MariaDB server `version` (VERSION()) reports defaults as
// SQL expressions (MariaDB 10.2.7 and later) rather than as values.
bool DefaultsAreExpressions(absl::string_view version);

// A MySQL column_type: lower case, display widths of integer types gone
// ("int(11) unsigned" -> "int unsigned").
std::string MysqlColumnType(absl::string_view column_type);

// A MySQL default as "'value'" for a value or a normalized expression
// ("current_timestamp", "current_timestamp(6)"); "" when the column has
// none (MariaDB's NULL is none). `present`: column_default was not SQL NULL.
std::string MysqlDefault(bool present, absl::string_view column_default, absl::string_view extra,
                         bool expressions);

// MySQL's `extra`, as the markers that mean something: "auto_increment",
// "on update current_timestamp", "generated" (blank-separated, that order).
std::string MysqlExtra(absl::string_view extra);

// A character set's one name ("utf8mb3" -> "utf8"), lower case.
std::string CharsetName(absl::string_view charset);

// A MySQL foreign key's definition ("a -> t.b ON UPDATE NO ACTION ON
// DELETE CASCADE") with NO ACTION spelled RESTRICT: InnoDB's NO ACTION is
// RESTRICT, and MySQL 8 reports an unspecified rule as NO ACTION.
std::string MysqlForeignKey(absl::string_view definition);

// A check clause without backquotes and outer parentheses, squeezed.
std::string MysqlCheckClause(absl::string_view clause);

// An SQL expression default, lower case and squeezed, the current time's
// spellings made one ("now()", "CURRENT_TIMESTAMP()" -> "current_timestamp").
std::string DefaultExpression(absl::string_view expression);

// An SQLite declared type as written, lower case and squeezed
// ("VARCHAR( 32 )" -> "varchar(32)").
std::string SqliteType(absl::string_view declared);

// An SQLite dflt_value: a quoted literal as written, else lower case
// ("CURRENT_TIMESTAMP" -> "current_timestamp").
std::string SqliteDefault(absl::string_view dflt_value);

// A PostgreSQL catalog definition without the qualification by the
// module's own schema ("public.t" -> "t"), squeezed; a trigger's
// "EXECUTE PROCEDURE" (PostgreSQL 10) spelled "EXECUTE FUNCTION".
std::string PostgresqlDefinition(absl::string_view definition, absl::string_view schema);

// A PostgreSQL pg_get_indexdef without "CREATE ... INDEX name ON table":
// "btree (a, b) WHERE ...".
std::string PostgresqlIndexBody(absl::string_view indexdef, absl::string_view schema);

}  // namespace aos::schema

#endif  // AOS_CORE_SCHEMA_SPELLING_H_
