// statement_splitter.h: splits a migration script into single statements.
//
// Database drivers run one statement at a time, so a script such as
//   CREATE TABLE t (...);  -- a comment; with a semicolon
//   CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN
//     SET NEW.a = 'x;y';
//   END;
// must be cut at the top-level semicolons only: never inside quotes ('...',
// "...", `...`), comments (--, #, /* */), PostgreSQL dollar quotes ($$...$$)
// or BEGIN ... END bodies of triggers, procedures, functions and events.
#ifndef AOS_CORE_SQL_STATEMENT_SPLITTER_H_
#define AOS_CORE_SQL_STATEMENT_SPLITTER_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"

namespace aos::sql {

struct Statement {
  std::string text;  // trimmed, leading comments dropped, no final ';'
  int line = 0;      // 1-based line of the statement's first character
};

// The dialect decides the lexical details: '#' starts a comment in "mysql",
// dollar quotes exist in "postgresql", backslash escapes in "mysql" strings.
// Fails (naming the line) on an unterminated quote, comment or BEGIN body,
// and on a client-only DELIMITER directive.
absl::StatusOr<std::vector<Statement>> SplitStatements(
    absl::string_view script, absl::string_view dialect = "mysql");

}  // namespace aos::sql

#endif  // AOS_CORE_SQL_STATEMENT_SPLITTER_H_
