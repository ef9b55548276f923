#include "core/sql/session_control.h"

#include <algorithm>
#include <initializer_list>

#include "absl/strings/str_cat.h"
#include "core/sql/compound_tracker.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {
namespace {

// A statement's code tokens (comments out, executable comments in).
using Tokens = absl::Span<const Token>;

// The word at `i`, upper-cased ("" past the end or for a non-word).
std::string WordAt(const Tokens& t, size_t i) {
  return i < t.size() && t[i].type == Token::Type::kWord ? t[i].upper : "";
}

// A system variable of the session the tool owns, named in a SET
// (autocommit, @@autocommit, @@session.autocommit, ...; not @autocommit,
// a user variable).
std::string OwnedVariable(const Token& t, absl::string_view dialect) {
  if (t.type != Token::Type::kWord && t.type != Token::Type::kQuoted) return "";
  std::string name = t.type == Token::Type::kWord ? t.upper : "";
  if (name.rfind("@@", 0) == 0) {
    name = name.substr(2);
  } else if (!name.empty() && name[0] == '@') {
    return "";
  }
  if (name == "AUTOCOMMIT") return "SET AUTOCOMMIT";
  if (dialect != "mysql") return "";
  if (OneOf(name, {"COMPLETION_TYPE", "WSREP_OSU_METHOD", "WSREP_ON",
                   "SQL_LOG_BIN", "PSEUDO_THREAD_ID", "WSREP_SYNC_WAIT"})) {
    return "SET " + name;
  }
  return "";
}

// The takeover words of the statement that starts at token `i` and runs
// to `end` (the next statement's start): `top` when it is the script
// statement itself, not one inside a body.
std::string StatementWords(const Tokens& t, size_t i, size_t end, bool top,
                           absl::string_view dialect);

// PREPARE s FROM '...' and EXECUTE IMMEDIATE '...': the literal's own
// statements.
std::string DynamicWords(const Tokens& t, size_t i, size_t end,
                         absl::string_view dialect) {
  for (size_t k = i; k < end; ++k) {
    if (t[k].type != Token::Type::kLiteral) continue;
    std::string inner =
        SessionControlWords(LiteralValue(t[k], dialect), dialect);
    if (!inner.empty()) return absl::StrCat(WordAt(t, i), " of ", inner);
  }
  return "";
}

std::string TransactionWords(const Tokens& t, size_t i, bool top,
                             absl::string_view dialect) {
  const std::string first = WordAt(t, i);
  const std::string second = WordAt(t, i + 1);
  if (first == "BEGIN") {
    // Inside a body BEGIN opens a block; so do MariaDB's BEGIN NOT ATOMIC
    // and PostgreSQL's BEGIN ATOMIC.
    if (!top || second == "NOT" || second == "ATOMIC") return "";
    return "BEGIN";
  }
  if (first == "START" && second == "TRANSACTION") return "START TRANSACTION";
  if (OneOf(first, {"COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA"})) {
    return first;
  }
  if (dialect != "mysql" && top && (first == "END" || first == "ABORT")) {
    return first;
  }
  if (dialect == "postgresql" && first == "PREPARE" &&
      second == "TRANSACTION") {
    return "PREPARE TRANSACTION";
  }
  return "";
}

std::string MysqlSessionWords(const Tokens& t, size_t i, size_t end) {
  const std::string first = WordAt(t, i);
  const std::string second = WordAt(t, i + 1);
  if (first == "USE") return "USE";
  if (first == "LOCK" && (second == "TABLES" || second == "TABLE")) {
    return "LOCK TABLES";
  }
  if (first == "UNLOCK") return "UNLOCK TABLES";
  if (first == "HANDLER") return "HANDLER";
  if (first == "BACKUP") return "BACKUP";
  if (first == "FLUSH") {
    for (size_t k = i; k + 1 < end; ++k) {
      if ((t[k].IsWord("READ") && t[k + 1].IsWord("LOCK")) ||
          (t[k].IsWord("FOR") && t[k + 1].IsWord("EXPORT"))) {
        return "FLUSH ... " + t[k].upper + " " + t[k + 1].upper;
      }
    }
  }
  return "";
}

std::string StatementWords(const Tokens& t, size_t i, size_t end, bool top,
                           absl::string_view dialect) {
  if (i >= end) return "";
  std::string found = TransactionWords(t, i, top, dialect);
  if (!found.empty()) return found;
  const std::string first = WordAt(t, i);
  if (first == "SET") {
    for (size_t k = i + 1; k < end; ++k) {
      found = OwnedVariable(t[k], dialect);
      if (!found.empty()) return found;
    }
  }
  if (dialect == "mysql") {
    found = MysqlSessionWords(t, i, end);
    if (found.empty() && (first == "PREPARE" || first == "EXECUTE")) {
      found = DynamicWords(t, i, end, dialect);
    }
    return found;
  }
  const std::string second = WordAt(t, i + 1);
  if (dialect == "postgresql" && first == "SET") {
    size_t name = (second == "SESSION" || second == "LOCAL") ? 2 : 1;
    if (OneOf(WordAt(t, i + name), {"SEARCH_PATH", "SCHEMA"})) {
      return "SET SEARCH_PATH";
    }
  }
  if (dialect == "sqlite" && (first == "ATTACH" || first == "DETACH")) {
    return first;
  }
  return "";
}

// Inside a body any transaction word counts, wherever it stands (a
// handler's statement follows its conditions: DECLARE EXIT HANDLER FOR
// SQLEXCEPTION ROLLBACK).
std::string BodyTransactionWords(const Tokens& t) {
  for (size_t k = 0; k < t.size(); ++k) {
    if (k > 0 && t[k - 1].IsPunct('.')) continue;
    const std::string& w = t[k].upper;
    if (OneOf(w, {"COMMIT", "ROLLBACK", "SAVEPOINT", "XA"})) return w;
    if (w == "START" && WordAt(t, k + 1) == "TRANSACTION") {
      return "START TRANSACTION";
    }
  }
  return "";
}

}  // namespace

std::string SessionControlWords(absl::string_view statement,
                                absl::string_view dialect) {
  std::vector<Token> tokens = LexTolerant(statement, dialect);
  tokens.erase(std::remove_if(tokens.begin(), tokens.end(),
                              [](const Token& t) {
                                return t.type == Token::Type::kCommentOpen ||
                                       t.type == Token::Type::kCommentClose;
                              }),
               tokens.end());
  return SessionControlWords(absl::MakeConstSpan(tokens), dialect);
}

std::string SessionControlWords(absl::Span<const Token> tokens,
                                absl::string_view dialect) {
  // Where each statement starts: the script statement's first token, and
  // each statement inside a body.
  CompoundTracker tracker(dialect);
  std::vector<size_t> starts;
  bool body = false;
  for (size_t k = 0; k < tokens.size(); ++k) {
    tracker.Feed(tokens[k]);
    if (k == 0 || tracker.AtStatementStart()) starts.push_back(k);
    body = body || tracker.Depth() > 0;
  }
  for (size_t s = 0; s < starts.size(); ++s) {
    const size_t end = s + 1 < starts.size() ? starts[s + 1] : tokens.size();
    std::string found =
        StatementWords(tokens, starts[s], end, starts[s] == 0, dialect);
    if (!found.empty()) return found;
  }
  return body && dialect == "mysql" ? BodyTransactionWords(tokens) : "";
}

// Whether a DDL statement may change its session: run code that sets
// session variables (a stored function in CREATE TABLE ... SELECT, SET
// STATEMENT ... FOR) or drop the current database. Such a word anywhere,
// even in a body that does not run, makes it so; SET only first (CHARACTER
// SET, SET NULL, SET DEFAULT run nothing). Any other DDL statement runs no
// code of anyone's (MariaDB refuses stored functions in DEFAULT, CHECK,
// generated columns and partitioning; ALTER fires no trigger).
bool DdlMayChangeSession(absl::string_view text) {
  bool first = true;
  for (const Token& t : LexTolerant(text, "mysql")) {
    if (t.type == Token::Type::kCommentOpen ||
        t.type == Token::Type::kCommentClose) {
      continue;  // "/*!50000 SET ... */": SET is still first
    }
    if (t.IsWordIn({"SELECT", "CALL", "EXECUTE", "DO", "VALUES", "DATABASE",
                     "SCHEMA"}) ||
        (first && t.IsWord("SET"))) {
      return true;
    }
    first = false;
  }
  return false;
}

absl::Status CheckNoSessionControl(size_t number, const Statement& statement,
                                   absl::Span<const Token> code,
                                   absl::string_view dialect) {
  const std::string words = SessionControlWords(code, dialect);
  if (words.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "statement ", number, " (line ", statement.line, ") is ", words,
      ": the tool owns transactions and the session (it runs each step in "
      "its own transaction where the engine allows, and records versions "
      "on that session); remove it from the ",
      dialect, " script"));
}

absl::Status CheckScriptNoSessionControl(absl::string_view script,
                                         absl::string_view dialect) {
  absl::Status refusal;
  size_t number = 0;
  absl::StatusOr<std::vector<Statement>> split = SplitStatements(
      script, dialect, {},
      [&](const Statement& statement, absl::Span<const Token> code) {
        ++number;
        if (refusal.ok()) {
          refusal = CheckNoSessionControl(number, statement, code, dialect);
        }
        return absl::OkStatus();
      });
  return split.ok() ? refusal : absl::OkStatus();
}

}  // namespace aos::sql
