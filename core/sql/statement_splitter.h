// statement_splitter.h: splits a migration script into single statements,
// exactly where the server would (the one lexer, sql_lexer.h, and the
// bodies of compound statements, compound_tracker.h).
//
// Database drivers run one statement at a time, so a script such as
//   CREATE TABLE t (...);  -- a comment; with a semicolon
//   CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN
//     SET NEW.a = 'x;y';
//   END;
// must be cut at the top-level semicolons only: never inside quotes ('...',
// "...", `...`), comments (--, #, /* */), PostgreSQL dollar quotes ($$...$$)
// or the bodies of triggers, procedures, functions, events and compound
// statements. A column named `begin` opens nothing. A MySQL executable
// comment the server runs (/*!50000 CREATE TABLE ... */) is code: a
// statement of its own when it stands alone; one the server does not run is
// a comment.
//
// The step connection runs one statement per round trip without
// CLIENT_MULTI_STATEMENTS, so a text that still held two statements would
// be refused by the server, never run in part.
#ifndef AOS_CORE_SQL_STATEMENT_SPLITTER_H_
#define AOS_CORE_SQL_STATEMENT_SPLITTER_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/sql/sql_lexer.h"

namespace aos::sql {

struct Statement {
  std::string text;  // trimmed, leading comments dropped, no final ';'
  int line = 0;      // 1-based line of the statement's first character
};

// The dialect decides the lexical details (sql_lexer.h) and `server` which
// executable comments are code. Fails (naming the line) on an unterminated
// quote, comment or body, a ';' inside an executable comment, and a
// client-only DELIMITER directive.
absl::StatusOr<std::vector<Statement>> SplitStatements(
    absl::string_view script, absl::string_view dialect = "mysql",
    const ServerFlavour& server = {});

// The same, handing each statement to `check` as it is cut, with its code
// tokens (the marks of executable comments left out): a reader of every
// statement that needs no second lexing. An error of `check` ends the split.
using StatementCheck = absl::FunctionRef<absl::Status(
    const Statement& statement, absl::Span<const Token> code)>;
absl::StatusOr<std::vector<Statement>> SplitStatements(
    absl::string_view script, absl::string_view dialect,
    const ServerFlavour& server, StatementCheck check);

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_STATEMENT_SPLITTER_H_
