#include "core/sql/change_confinement.h"

#include <algorithm>
#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace aos::sql {
namespace {

// Why the server might read `s` otherwise than the tokenizer ("" if not).
std::string UnreadableCharacters(absl::string_view s, ChangeDialect dialect) {
  const std::string lower = absl::AsciiStrToLower(s);
  if (absl::StrContains(lower, "/*!") || absl::StrContains(lower, "/*m!")) {
    return "it holds an executable comment, code or not as the server's "
           "version decides";
  }
  if (s.find('\\') != absl::string_view::npos) {
    return "it holds a backslash, an escape or not as the server's sql_mode "
           "decides";
  }
  if (s.find('\0') != absl::string_view::npos) return "it holds a NUL byte";
  if (dialect == ChangeDialect::kPostgresql &&
      s.find_first_of("$#") != absl::string_view::npos) {
    return "it holds a '$' or '#', which the reader does not read as "
           "PostgreSQL does";
  }
  return "";
}

bool IsNameToken(const Token& t) {
  return t.type == Token::Type::kWord || t.type == Token::Type::kQuoted;
}

// A word that reaches beyond the table wherever it stands ("" if none).
std::string ForbiddenWord(const std::string& w, ChangeDialect dialect) {
  if (w == "SELECT") return "it holds a subquery";
  if (w == "TABLE") return "it names another table (TABLE ...)";
  if (w == "RENAME") return "it renames the table";
  if (w == "UNION" || w == "INSERT_METHOD") {
    return "a MERGE table's UNION names other tables";
  }
  if (w == "CONNECTION") return "CONNECTION points it at a remote table";
  if (w == "DIRECTORY") return "DATA/INDEX DIRECTORY puts its files elsewhere";
  if (w == "NEXTVAL" || w == "LASTVAL" || w == "SETVAL" || w == "CURRVAL") {
    return "it uses a sequence";
  }
  if (dialect == ChangeDialect::kPostgresql &&
      (w == "SCHEMA" || w == "ATTACH" || w == "DETACH" || w == "INHERIT")) {
    return absl::StrCat(w, " names another schema or table");
  }
  return "";
}

// Reads every token after a table change's name, for the tables it names
// and anything that keeps it from being tried on clones (`not_confined`).
class ConfinementReader {
 public:
  ConfinementReader(const std::vector<Token>& tokens, ChangeDialect dialect,
                    TableChange& change)
      : t_(tokens), dialect_(dialect), change_(change) {}

  // The comma list of ALTER TABLE t, from token `at`.
  void AlterItems(size_t at) {
    i_ = at;
    read_options_ = dialect_ == ChangeDialect::kMysql;
    int items = 0;
    while (!Done() && Ok()) {
      if (TakePunct(',')) continue;
      if (!Is("ALGORITHM") && !Is("LOCK")) ++items;
      if (dialect_ == ChangeDialect::kMysql) {
        MysqlItem();
      } else {
        PostgresqlItem();
      }
    }
    Balanced();
    change_.renames_only = renames_ && items == 1 && Done();
  }

  // Every token but [skip_from, skip_to) (the table's name): an index.
  void Whole(size_t skip_from, size_t skip_to) {
    for (i_ = 0; i_ < t_.size() && Ok();) {
      if (i_ == skip_from) i_ = skip_to;
      if (i_ < t_.size()) Scan();
    }
    Balanced();
  }

 private:
  bool Done() const { return i_ >= t_.size(); }
  bool Ok() const { return change_.not_confined.empty(); }
  bool Is(const char* w) const { return !Done() && t_[i_].IsWord(w); }
  bool Take(const char* w) { return Is(w) && (++i_, true); }
  bool TakePunct(char c) {
    return !Done() && t_[i_].IsPunct(c) && (++i_, true);
  }
  std::string Word() const {
    return !Done() && t_[i_].type == Token::Type::kWord ? t_[i_].upper : "";
  }
  void Refuse(std::string why) {
    if (Ok()) change_.not_confined = std::move(why);
  }
  void Balanced() {
    if (depth_ != 0) Refuse("its parentheses do not balance");
  }

  void MysqlItem() {
    const std::string w = Word();
    if (Take("ADD")) {
      Take("PARTITION");  // new partitions of its own
      return Rest();
    }
    if (Take("DROP")) {
      if (Is("PARTITION")) return Refuse("DROP PARTITION is partition maintenance");
      return Rest();
    }
    if (Take("RENAME")) return RenameItem();
    if (Take("CONVERT")) {
      if (Take("TO")) return Rest();
      return Refuse("CONVERT TABLE/PARTITION moves another table in or out");
    }
    if (Take("PARTITION")) {
      if (Take("BY")) return Rest();
      return Refuse("the reader does not know PARTITION without BY");
    }
    if (Take("REMOVE")) {
      if (Take("PARTITIONING")) return Rest();
      return Refuse("the reader does not know REMOVE without PARTITIONING");
    }
    if (w == "EXCHANGE") {
      return Refuse("EXCHANGE PARTITION ... WITH TABLE swaps in another table");
    }
    if (OneOf(w, {"TRUNCATE", "REORGANIZE", "COALESCE", "REBUILD", "REPAIR",
                  "OPTIMIZE", "ANALYZE", "CHECK"})) {
      return Refuse(absl::StrCat(w, " PARTITION is partition maintenance"));
    }
    if (w == "DISCARD" || w == "IMPORT") {
      return Refuse(absl::StrCat(w, " TABLESPACE works on the table's files"));
    }
    if (OneOf(w, {"CHANGE", "MODIFY", "ALTER", "ALGORITHM", "LOCK", "FORCE",
                  "ORDER", "ENABLE", "DISABLE", "WITH", "WITHOUT", "ENGINE",
                  "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "COMMENT",
                  "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM",
                  "PAGE_CHECKSUM", "TABLE_CHECKSUM", "COMPRESSION",
                  "DELAY_KEY_WRITE", "ENCRYPTED", "ENCRYPTION_KEY_ID",
                  "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS",
                  "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "ROW_FORMAT",
                  "STATS_AUTO_RECALC", "STATS_PERSISTENT",
                  "STATS_SAMPLE_PAGES", "TRANSACTIONAL"})) {
      return Rest();
    }
    Unknown();
  }

  void PostgresqlItem() {
    const std::string w = Word();
    if (Take("RENAME")) return RenameItem();
    if (Take("SET")) {
      if (Is("SCHEMA")) return Refuse("SET SCHEMA moves the table");
      return Rest();
    }
    if (Take("NO")) {
      if (Take("FORCE")) return Rest();
      return Refuse("NO INHERIT names another table");
    }
    if (OneOf(w, {"ATTACH", "DETACH"})) {
      return Refuse(absl::StrCat(w, " PARTITION names another table"));
    }
    if (w == "INHERIT") return Refuse("INHERIT names another table");
    if (w == "OF" || w == "NOT") {
      return Refuse("OF / NOT OF ties the table to a composite type");
    }
    if (OneOf(w, {"ADD", "DROP", "ALTER", "VALIDATE", "ENABLE", "DISABLE",
                  "FORCE", "CLUSTER", "RESET", "OWNER", "REPLICA"})) {
      return Rest();
    }
    Unknown();
  }

  void RenameItem() {
    if (Is("COLUMN") || Is("INDEX") || Is("KEY") || Is("CONSTRAINT") ||
        (dialect_ == ChangeDialect::kPostgresql && !Is("TO"))) {
      return Rest();
    }
    // RENAME [TO | AS] [schema.]name: read whole, to see what follows.
    if (!Take("TO")) Take("AS");
    if (!Done() && IsNameToken(t_[i_])) ++i_;
    if (TakePunct('.') && !Done() && IsNameToken(t_[i_])) ++i_;
    renames_ = true;
    Refuse("it renames the table (RENAME TO)");
  }

  void Unknown() {
    if (Done()) return;
    const Token& k = t_[i_];
    Refuse(absl::StrCat("the reader does not know \"", k.text, "\" there"));
  }

  // The rest of an item: up to a ',' outside parentheses.
  void Rest() {
    while (!Done() && Ok() && !(depth_ == 0 && t_[i_].IsPunct(','))) Scan();
  }

  // One token, wherever it stands.
  void Scan() {
    const Token& k = t_[i_];
    if (k.type == Token::Type::kPunct) {
      ++i_;
      if (k.IsPunct('(')) ++depth_;
      if (k.IsPunct(')') && --depth_ < 0) Balanced();
      if (k.IsPunct(';')) Refuse("it holds more than one statement");
      if (k.IsPunct('?')) Refuse("it holds a placeholder");
      return;
    }
    if (k.type != Token::Type::kWord) {
      if (k.type != Token::Type::kQuoted && k.type != Token::Type::kLiteral) {
        Refuse("it holds an executable comment");
      }
      ++i_;
      return;
    }
    ++i_;
    if (k.upper == "REFERENCES") {
      References();
    } else if (k.upper == "ENGINE") {
      Engine();
    } else if (read_options_ && depth_ == 0 &&
               (k.upper == "ALGORITHM" || k.upper == "LOCK")) {
      Option(k.upper == "ALGORITHM");
    } else if (!k.text.empty() && k.text[0] == '@') {
      Refuse(absl::StrCat("it reads a variable (", k.text, ")"));
    } else if (k.upper == "VALUE" && Is("FOR")) {
      Refuse("it uses a sequence (NEXT VALUE FOR)");
    } else if (std::string why = ForbiddenWord(k.upper, dialect_); !why.empty()) {
      Refuse(why);
    }
  }

  // REFERENCES [schema.]parent: the parent, to point at a clone too.
  void References() {
    if (Done() || !IsNameToken(t_[i_])) {
      return Refuse("REFERENCES is not followed by a table's name");
    }
    NamedTable n;
    n.begin = t_[i_].begin;
    std::string first = t_[i_++].text;
    n.table = TableName{"", first};
    if (TakePunct('.')) {
      if (Done() || !IsNameToken(t_[i_])) {
        return Refuse("REFERENCES is not followed by a table's name");
      }
      n.table = TableName{first, t_[i_++].text};
    }
    n.end = t_[i_ - 1].end;
    change_.references.push_back(n);
  }

  // ALGORITHM [=] x or LOCK [=] y, its keyword just read: an option when a
  // '=' or one of its values follows (else a column of that name).
  void Option(bool algorithm) {
    const bool equals = TakePunct('=');
    const std::string value = Word();
    const bool known =
        algorithm ? OneOf(value, {"DEFAULT", "INSTANT", "INPLACE", "NOCOPY",
                                  "COPY"})
                  : OneOf(value, {"DEFAULT", "NONE", "SHARED", "EXCLUSIVE"});
    if (!equals && !known) return;
    if (!value.empty()) ++i_;
    (algorithm ? change_.algorithms : change_.locks).push_back(value);
  }

  // ENGINE [=] name: only engines that keep their rows in the table.
  void Engine() {
    TakePunct('=');
    const std::string w = Word();
    if (OneOf(w, {"INNODB", "MYISAM", "ARIA", "MEMORY", "HEAP"})) {
      ++i_;
      return;
    }
    Refuse(absl::StrCat("ENGINE=", Done() ? "" : t_[i_].text,
                        " may keep its rows elsewhere"));
  }

  const std::vector<Token>& t_;
  const ChangeDialect dialect_;
  TableChange& change_;
  size_t i_ = 0;
  int depth_ = 0;
  bool renames_ = false;
  bool read_options_ = false;  // ALTER TABLE's ALGORITHM and LOCK options
};

// Whether the text after the last token is blank or a comment: else the
// tokens were cut short where the tokenizer saw an unterminated quote or
// comment, and the rest is unread.
bool ReadToTheEnd(absl::string_view s, const std::vector<Token>& tokens) {
  absl::string_view tail = absl::StripAsciiWhitespace(
      tokens.empty() ? s : s.substr(std::min(s.size(), tokens.back().end)));
  return tail.empty() || absl::StartsWith(tail, "--") ||
         absl::StartsWith(tail, "#") || absl::StartsWith(tail, "/*");
}

}  // namespace

void ReadAlterConfinement(const std::vector<Token>& tokens,
                          ChangeDialect dialect, size_t at,
                          TableChange& change) {
  ConfinementReader(tokens, dialect, change).AlterItems(at);
}

void ReadIndexConfinement(const std::vector<Token>& tokens,
                          ChangeDialect dialect, size_t skip_from,
                          size_t skip_to, TableChange& change) {
  ConfinementReader(tokens, dialect, change).Whole(skip_from, skip_to);
}

std::string UnreadableText(absl::string_view statement,
                           const std::vector<Token>& tokens, size_t limit,
                           ChangeDialect dialect) {
  std::string why = UnreadableCharacters(statement, dialect);
  if (why.empty() && tokens.size() >= limit) {
    why = "it is too long to read whole";
  }
  if (why.empty() && !ReadToTheEnd(statement, tokens)) {
    why = "its end cannot be read (an unterminated quote or comment)";
  }
  return why;
}

}  // namespace aos::sql
