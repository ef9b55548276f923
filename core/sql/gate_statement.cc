#include "core/sql/gate_statement.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/sql/mysql_tokenizer.h"
#include "core/sql/select_sources.h"
#include "core/sql/token_cursor.h"

namespace aos::sql {
namespace {

constexpr size_t kTokenLimit = 100000;
using Kind = GateStatement::Kind;

// Reads one statement's tokens front to back (the statement is read once).
class GateReader : public TokenCursor {
 public:
  GateReader(absl::string_view s, ChangeDialect dialect)
      : TokenCursor(Tokenize(s, kTokenLimit)), s_(s), dialect_(dialect) {}

  GateStatement Read() {
    if (t_.empty()) return out_;
    if (t_[0].type != Token::Type::kWord) {
      // "(SELECT ...)" reads rows; anything else is not known.
      return t_[0].IsPunct('(') ? out_ : Opaque("a statement it cannot read");
    }
    const std::string w = t_[0].upper;
    pos_ = 1;
    if (w == "ALTER") return Alter();
    if (w == "CREATE") return Create();
    if (w == "DROP") return Drop();
    if (w == "RENAME") return Rename();
    if (w == "INSERT" || w == "REPLACE") return Fill();
    if (dialect_ == ChangeDialect::kMysql &&
        OneOf(w, {"OPTIMIZE", "REPAIR", "CHECK", "ANALYZE"})) {
      return Maintenance(w);
    }
    if (w == "FLUSH") return Flush();
    if (w == "SELECT" && dialect_ == ChangeDialect::kPostgresql) {
      return SelectInto();
    }
    if (w == "SET" && Is("STATEMENT")) {
      return Opaque("SET STATEMENT ... FOR (the statement it runs is not read)");
    }
    if (w == "BEGIN" && Is("NOT")) {
      return Opaque("a compound block (BEGIN NOT ATOMIC ... END)", true);
    }
    if (w == "EXECUTE") {
      return Opaque(Is("IMMEDIATE") ? "dynamic SQL (EXECUTE IMMEDIATE)"
                                    : "dynamic SQL (EXECUTE of a prepared "
                                      "statement)",
                    true);
    }
    if (w == "CALL") return Opaque("a procedure's CALL", true);
    if (w == "LOAD") return Opaque("LOAD DATA", true);
    if (w == "DO" && dialect_ == ChangeDialect::kPostgresql) {
      return Opaque("an anonymous code block (DO)", true);
    }
    if (dialect_ == ChangeDialect::kPostgresql &&
        OneOf(w, {"VACUUM", "CLUSTER", "REINDEX", "LOCK", "REFRESH"})) {
      return PostgresqlMaintenance(w);
    }
    if (Harmless(w)) return out_;
    if (OneOf(w, {"IF", "WHILE", "LOOP", "REPEAT", "CASE", "FOR", "BEGIN"}) ||
        (t_.size() > 1 && t_[1].IsPunct(':'))) {
      return Opaque("a compound block", true);
    }
    return Opaque(absl::StrCat("a statement it does not know (", t_[0].text,
                               ")"),
                  true);
  }

 private:
  // Whether an ALTER TABLE's RENAME names the table's new name (not a
  // column's: PostgreSQL's RENAME c TO d).
  bool RenamesTheTable() const {
    for (size_t k = 0; k + 1 < t_.size(); ++k) {
      if (!t_[k].IsWord("RENAME")) continue;
      const Token& n = t_[k + 1];
      if (dialect_ == ChangeDialect::kPostgresql ? n.IsWord("TO")
                                                 : !(n.IsWord("COLUMN") ||
                                                     n.IsWord("INDEX") ||
                                                     n.IsWord("KEY") ||
                                                     n.IsWord("CONSTRAINT"))) {
        return true;
      }
    }
    return false;
  }

  GateStatement Opaque(std::string why, bool writes = false) {
    out_ = GateStatement();
    out_.kind = Kind::kOpaque;
    out_.why = std::move(why);
    out_.writes = writes;
    return out_;
  }

  // What cannot rebuild or lock a table, by its first word.
  bool Harmless(const std::string& w) const {
    if (OneOf(w, {"SELECT", "WITH", "VALUES", "UPDATE", "DELETE", "SET",
                  "GRANT", "REVOKE", "SHOW", "DESCRIBE", "DESC", "EXPLAIN",
                  "HELP", "PREPARE", "DEALLOCATE", "TRUNCATE", "SIGNAL",
                  "RESIGNAL", "GET", "CHECKSUM", "COMMIT", "ROLLBACK",
                  "START", "SAVEPOINT", "RELEASE", "XA", "USE", "UNLOCK"})) {
      return true;
    }
    if (w == "BEGIN") return pos_ >= t_.size() || Is("WORK");
    if (w == "DO") return true;  // MySQL: evaluates expressions
    return dialect_ == ChangeDialect::kPostgresql &&
           OneOf(w, {"COMMENT", "DISCARD", "RESET", "NOTIFY", "LISTEN",
                     "SECURITY", "ABORT", "END", "ANALYZE"});
  }

  GateStatement Change(std::optional<TableChange> change) {
    if (!change) return Opaque("a table change whose shape it does not know");
    out_.kind = Kind::kTableChange;
    if (change->renames_table && RenamesTheTable()) {
      if (std::optional<std::vector<TableRename>> r = TableRenames(s_)) {
        out_.renames = *r;
      }
    }
    out_.change = std::move(change);
    return out_;
  }

  GateStatement Alter() {
    Take("ONLINE");
    Take("IGNORE");
    if (Is("TABLE")) return Change(ParseTableChange(s_, t_, dialect_));
    if (Is("EVENT")) return Opaque("an event (its body runs later)", true);
    if (OneOf(pos_ < t_.size() ? t_[pos_].upper : "",
              {"VIEW", "FUNCTION", "PROCEDURE", "DATABASE", "SCHEMA", "USER",
               "ROLE", "SEQUENCE", "DEFINER", "ALGORITHM", "SQL"})) {
      return out_;
    }
    if (dialect_ == ChangeDialect::kPostgresql &&
        OneOf(pos_ < t_.size() ? t_[pos_].upper : "",
              {"INDEX", "TRIGGER", "OWNER", "DEFAULT", "EXTENSION", "TYPE",
               "DOMAIN"})) {
      return out_;
    }
    return Opaque(absl::StrCat("ALTER ", pos_ < t_.size() ? t_[pos_].text : "",
                               ", which it does not know"),
                  true);
  }

  GateStatement SelectInto();
  GateStatement Create();
  GateStatement CreateTable();
  GateStatement Drop();
  GateStatement Rename();
  GateStatement Fill();
  GateStatement Maintenance(const std::string& w);
  GateStatement PostgresqlMaintenance(const std::string& w);
  GateStatement Flush();
  void ReadSources(size_t from);
  // name [, name ...]: the tables named, into out_.tables.
  bool NameList();

  absl::string_view s_;
  const ChangeDialect dialect_;
  GateStatement out_;
};

// PostgreSQL's SELECT ... INTO t FROM ...: a table made and filled.
GateStatement GateReader::SelectInto() {
  int depth = 0;
  for (size_t k = pos_; k < t_.size(); ++k) {
    if (t_[k].IsPunct('(')) ++depth;
    if (t_[k].IsPunct(')')) --depth;
    if (depth != 0 || !t_[k].IsWord("INTO")) continue;
    pos_ = k + 1;
    if (Take("TEMPORARY") || Take("TEMP")) out_.temporary = true;
    Take("UNLOGGED");
    Take("TABLE");
    std::optional<TableName> name = Name();
    if (!name) return Opaque("a SELECT INTO whose table it cannot read", true);
    out_.kind = Kind::kCreateTable;
    out_.table = *name;
    out_.selects = true;
    ReadSources(0);
    return out_;
  }
  return out_;
}

GateStatement GateReader::Create() {
  if (Take("OR")) Take("REPLACE");
  if (Take("TEMPORARY") || Take("TEMP")) out_.temporary = true;
  Take("UNLOGGED");  // PostgreSQL
  if (Is("TABLE")) return CreateTable();
  if (Is("UNIQUE") || Is("FULLTEXT") || Is("SPATIAL") || Is("INDEX") ||
      Is("ONLINE") || Is("OFFLINE")) {
    return Change(ParseTableChange(s_, t_, dialect_));
  }
  // [DEFINER = u] [ALGORITHM = a] [SQL SECURITY s] [AGGREGATE] VIEW | ...
  for (size_t k = pos_; k < t_.size() && k < pos_ + 16; ++k) {
    const std::string& w = t_[k].upper;
    if (t_[k].type != Token::Type::kWord) continue;
    if (w == "EVENT") return Opaque("an event (its body runs later)", true);
    if (OneOf(w, {"VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "SEQUENCE",
                  "DATABASE", "SCHEMA", "USER", "ROLE", "PACKAGE", "SERVER",
                  "TYPE", "EXTENSION", "DOMAIN", "AGGREGATE"})) {
      return out_;
    }
    if (dialect_ == ChangeDialect::kPostgresql && w == "MATERIALIZED") {
      return Opaque("a materialized view, filled by its query", true);
    }
  }
  return Opaque("a CREATE it does not know", true);
}

GateStatement GateReader::CreateTable() {
  ++pos_;  // TABLE
  SkipIfExists();
  std::optional<TableName> name = Name();
  if (!name) return Opaque("a CREATE TABLE whose name it cannot read", true);
  out_.kind = Kind::kCreateTable;
  out_.table = *name;
  if (Is("LIKE") || (TakePunct('(') && Is("LIKE"))) return out_;  // empty
  for (size_t k = pos_; k < t_.size(); ++k) {
    if (t_[k].IsWord("SELECT")) {
      out_.selects = true;
      ReadSources(k);
      break;
    }
    if (t_[k].IsWord("ENGINE")) {
      size_t v = k + 1 < t_.size() && t_[k + 1].IsPunct('=') ? k + 2 : k + 1;
      const std::string e = v < t_.size() ? t_[v].upper : "";
      if (!OneOf(e, {"INNODB", "MYISAM", "ARIA", "MEMORY", "HEAP"})) {
        out_.foreign_engine = absl::StrCat("ENGINE=", e);
      }
    }
  }
  return out_;
}

GateStatement GateReader::Drop() {
  if (Take("TEMPORARY")) out_.temporary = true;
  if (Take("TABLE") || Take("TABLES")) {
    SkipIfExists();
    if (!NameList()) return Opaque("a DROP TABLE it cannot read", true);
    out_.kind = Kind::kDrop;
    return out_;
  }
  if (Is("INDEX") && dialect_ == ChangeDialect::kMysql) {
    return Change(ParseTableChange(s_, t_, dialect_));
  }
  return out_;  // a view, a routine, an index of PostgreSQL, ...
}

GateStatement GateReader::Rename() {
  if (!Is("TABLE") && !Is("TABLES")) return out_;  // RENAME USER
  std::optional<std::vector<TableRename>> renames = TableRenames(s_);
  if (!renames || renames->empty()) {
    return Opaque("a RENAME TABLE whose names it cannot read", true);
  }
  out_.kind = Kind::kRename;
  out_.renames = *renames;
  return out_;
}

GateStatement GateReader::Fill() {
  while (pos_ < t_.size() &&
         OneOf(t_[pos_].upper, {"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY",
                              "IGNORE", "INTO"})) {
    ++pos_;
  }
  std::optional<TableName> name = Name();
  if (!name) return Opaque("an INSERT whose table it cannot read", true);
  out_.kind = Kind::kFill;
  out_.table = *name;
  int depth = 0;
  bool values = false;
  for (size_t k = pos_; k < t_.size(); ++k) {
    const Token& x = t_[k];
    if (x.IsWord("SELECT") || x.IsWord("WITH") ||
        (depth == 0 && x.IsWord("TABLE"))) {
      out_.selects = true;
      ReadSources(k);
      return out_;
    }
    if (x.IsPunct('(') && depth++ == 0 && values) ++out_.rows;
    if (x.IsPunct(')')) --depth;
    if (depth != 0) continue;
    if (x.IsWord("VALUES") || x.IsWord("VALUE")) values = true;
    if (x.IsWord("SET") && !values) out_.rows = 1;
    if (x.IsWord("ON")) break;  // ON DUPLICATE KEY UPDATE
  }
  return out_;
}

void GateReader::ReadSources(size_t from) {
  SelectSources read = ReadSelectSources(t_, from);
  out_.sources = std::move(read.tables);
  out_.reads_unnamed = read.unnamed || t_[from].IsWord("TABLE");
  if (out_.sources.empty() && !out_.reads_unnamed) out_.rows = 1;
}

bool GateReader::NameList() {
  do {
    std::optional<TableName> n = Name();
    if (!n) return false;
    out_.tables.push_back(*n);
  } while (TakePunct(','));
  return true;
}

GateStatement GateReader::Maintenance(const std::string& w) {
  Take("NO_WRITE_TO_BINLOG");
  Take("LOCAL");
  if (!Take("TABLE") && !Take("TABLES")) {
    return w == "CHECK" ? out_ : Opaque(absl::StrCat(w, " it does not know"),
                                        true);
  }
  if (!NameList()) return Opaque(absl::StrCat(w, " TABLE it cannot read"));
  if (w == "ANALYZE" && !Is("PERSISTENT")) {
    out_.tables.clear();
    return out_;  // samples the index statistics
  }
  out_.kind = Kind::kMaintenance;
  out_.why = w == "OPTIMIZE"  ? "OPTIMIZE TABLE rebuilds the table"
             : w == "REPAIR"  ? "REPAIR TABLE may rebuild the table"
             : w == "CHECK"   ? "CHECK TABLE reads the table whole"
                              : "ANALYZE TABLE ... PERSISTENT reads the "
                                "table whole";
  return out_;
}

GateStatement GateReader::PostgresqlMaintenance(const std::string& w) {
  if (w == "VACUUM" && !Is("FULL") && !(TakePunct('(') && Is("FULL"))) {
    return out_;  // a plain VACUUM takes no lock that blocks writes
  }
  out_.kind = Kind::kMaintenance;
  out_.why = absl::StrCat(w, " rewrites or locks tables it is not read for");
  return out_;
}

GateStatement GateReader::Flush() {
  Take("NO_WRITE_TO_BINLOG");
  Take("LOCAL");
  if (!Take("TABLE") && !Take("TABLES")) return out_;  // privileges, logs
  out_.kind = Kind::kMaintenance;
  out_.why = "FLUSH TABLES waits for every statement on the tables";
  if (pos_ < t_.size() && !t_[pos_].IsWord("WITH") && !t_[pos_].IsWord("FOR")) {
    if (!NameList()) out_.tables.clear();
  }
  return out_;
}

}  // namespace

GateStatement ReadGateStatement(absl::string_view statement,
                                ChangeDialect dialect) {
  return GateReader(statement, dialect).Read();
}

}  // namespace aos::sql
