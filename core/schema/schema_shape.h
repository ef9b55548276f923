// schema_shape.h: the schema of a database as structured data, for the
// kit's phase rules (phase_rules.h): each table's columns with type,
// nullability and default, its indexes and constraints with their columns,
// its triggers; and the schema's other objects (functions, sequences). Read
// from the engine's catalog (information_schema, pg_catalog, SQLite's
// pragmas), never from a plugin's SQL. The tool's bookkeeping tables are
// left out. live_schema.h is the same schema normalized, as comparable
// text (drift).
#ifndef AOS_CORE_SCHEMA_SCHEMA_SHAPE_H_
#define AOS_CORE_SCHEMA_SCHEMA_SHAPE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/backend/database.h"

namespace aos::schema {

struct ColumnShape {
  std::string type;       // as the engine spells it: "varchar(32)", "int(11)"
  bool nullable = true;
  bool has_default = false;  // a default, or a value the engine makes
                             // (auto_increment, identity, generated, rowid)
  std::string default_value;  // "" when none
  // What else the engine says of the column, as it spells it: MySQL's
  // `extra` ("auto_increment", "on update current_timestamp()",
  // "DEFAULT_GENERATED"); PostgreSQL's "identity" or "generated".
  std::string extra;
  std::string charset;  // MySQL: the column's character set; "" elsewhere
};

// An index, a primary key, a unique, foreign key or check constraint.
struct ConstraintShape {
  std::string name;
  std::string kind;  // "index", "unique index", "primary key",
                     // "foreign key", "check", "exclusion"
  std::vector<std::string> columns;  // the table's columns it covers; for a
                                     // check, the ones its clause names
  std::string definition;            // to compare
};

struct TableShape {
  bool view = false;
  std::string collation;  // MySQL: the table's default collation
  std::map<std::string, ColumnShape> columns;
  // by "index NAME" (indexes, primary and unique keys) or "constraint
  // NAME" (foreign keys, checks, exclusions)
  std::map<std::string, ConstraintShape> constraints;
  std::map<std::string, std::string> triggers;         // name -> definition
  // SQLite: the primary key's columns in key order (the rowid key has no
  // index of its own); empty elsewhere.
  std::vector<std::string> primary_key;
};

struct SchemaShape {
  std::string server_version;   // MySQL: VERSION(), "10.11.6-MariaDB"
  std::string schema_name;      // PostgreSQL: current_schema()
  std::map<std::string, TableShape> tables;
  std::map<std::string, std::string> others;  // "function f" -> definition
};

absl::StatusOr<SchemaShape> ReadSchemaShape(backend::Database& db);

}  // namespace aos::schema

#endif  // AOS_CORE_SCHEMA_SCHEMA_SHAPE_H_
