#include "core/sql/destructive_statement.h"

#include <cstddef>
#include <optional>

#include "core/sql/sql_lexer.h"
#include "core/sql/token_cursor.h"

namespace aos::sql {
namespace {

// The statement's tokens, front to back, without its closing ';'.
class Reader : public TokenCursor {
 public:
  explicit Reader(std::vector<Token> t) : TokenCursor(std::move(t)) {
    while (!t_.empty() && t_.back().IsPunct(';')) t_.pop_back();
  }
  bool HasExecutableComment() const {
    for (const Token& t : t_) {
      if (t.type == Token::Type::kCommentOpen) return true;
    }
    return false;
  }
};

// `a [, b ...]` then an optional RESTRICT/CASCADE: the tables, or
// nullopt for a name it cannot read.
std::optional<std::vector<TableName>> TableList(Reader& r) {
  std::vector<TableName> names;
  do {
    r.Take("ONLY");
    std::optional<TableName> n = r.Name();
    if (!n) return std::nullopt;
    r.TakePunct('*');  // PostgreSQL: t * (descendants)
    names.push_back(*n);
  } while (r.TakePunct(','));
  return names;
}

void ReadDropTable(Reader& r, DestructionReading* out) {
  const bool if_exists = r.TakeIfExists();
  std::optional<std::vector<TableName>> names = TableList(r);
  if (!names) {
    out->unread = "a DROP TABLE whose table names the tool cannot read";
    return;
  }
  for (TableName& n : *names) {
    out->destroys.push_back(
        {Destruction::Kind::kDropTable, std::move(n), {}, if_exists});
  }
}

void ReadTruncate(Reader& r, DestructionReading* out) {
  r.Take("TABLE");
  std::optional<std::vector<TableName>> names = TableList(r);
  if (!names) {
    out->unread = "a TRUNCATE whose table names the tool cannot read";
    return;
  }
  if (r.HasWord("CASCADE")) {
    out->unread = "TRUNCATE ... CASCADE empties tables it does not name";
    return;
  }
  for (TableName& n : *names) {
    out->destroys.push_back({Destruction::Kind::kTruncate, std::move(n)});
  }
}

// The words after DROP in an ALTER TABLE item that drop no stored value.
bool DropsNoValue(const Reader& r) {
  for (absl::string_view w : {"INDEX", "KEY", "PRIMARY", "FOREIGN", "UNIQUE",
                              "CONSTRAINT", "CHECK", "DEFAULT", "NOT",
                              "EXPRESSION", "IDENTITY", "SYSTEM", "PERIOD"}) {
    if (r.Is(w)) return true;
  }
  return false;
}

void ReadAlterTable(Reader& r, DestructionReading* out) {
  r.TakeIfExists();
  r.Take("ONLY");
  std::optional<TableName> table = r.Name();
  if (!table) {
    if (r.HasWord("DROP")) out->unread = "an ALTER TABLE whose table the tool cannot read";
    return;
  }
  r.TakePunct('*');
  Destruction d{Destruction::Kind::kDropColumn, *table};
  do {
    if (r.Is("DROP") && (r.Is("PARTITION", 1))) {
      out->unread = "DROP PARTITION deletes the partition's rows";
      return;
    }
    if (r.Is("TRUNCATE") && r.Is("PARTITION", 1)) {
      out->unread = "TRUNCATE PARTITION deletes the partition's rows";
      return;
    }
    if (!r.Take("DROP") || DropsNoValue(r)) continue;
    r.Take("COLUMN");
    d.if_exists = r.TakeIfExists() || d.if_exists;
    std::optional<std::string> column = r.Part();
    if (!column) {
      out->unread = "an ALTER TABLE ... DROP whose column the tool cannot read";
      return;
    }
    d.columns.push_back(*column);
  } while (r.NextItem());
  if (!d.columns.empty()) out->destroys.push_back(std::move(d));
}

}  // namespace

DestructionReading ReadDestructions(absl::string_view statement,
                                    absl::string_view dialect) {
  DestructionReading out;
  Reader r(LexTolerant(statement, dialect));
  if (r.Take("DROP")) {
    if (r.Take("TABLE")) return ReadDropTable(r, &out), out;
    if (r.Is("SCHEMA") || r.Is("DATABASE")) {
      out.unread = "DROP SCHEMA/DATABASE destroys every table it holds";
    }
    return out;
  }
  if (r.Take("TRUNCATE")) return ReadTruncate(r, &out), out;
  if (r.Take("ALTER")) {
    r.Take("ONLINE");
    r.Take("IGNORE");
    if (r.Take("TABLE")) ReadAlterTable(r, &out);
  } else if (r.Take("CREATE") && r.Take("OR") && r.Take("REPLACE")) {
    if (r.Take("TABLE")) {
      std::optional<TableName> t = r.Name();
      if (!t) {
        out.unread = "a CREATE OR REPLACE TABLE whose table the tool cannot read";
      } else {
        out.destroys.push_back(
            {Destruction::Kind::kDropTable, *t, {}, /*if_exists=*/true});
      }
    }
  } else if (r.HasExecutableComment() &&
             (r.HasWord("DROP") || r.HasWord("TRUNCATE"))) {
    out.unread = "an executable comment around DROP or TRUNCATE";
  }
  return out;
}

const char* DestructionKindName(Destruction::Kind kind) {
  switch (kind) {
    case Destruction::Kind::kDropColumn:
      return "DROP COLUMN";
    case Destruction::Kind::kDropTable:
      return "DROP TABLE";
    case Destruction::Kind::kTruncate:
      return "TRUNCATE";
    case Destruction::Kind::kNarrowColumn:
      return "a column change";
  }
  return "";
}

}  // namespace aos::sql
