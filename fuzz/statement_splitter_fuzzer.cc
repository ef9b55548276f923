// Fuzz target: the SQL statement splitter (core/sql/statement_splitter.h),
// on every input in each of its three dialects.
//
// When SplitStatements(script) succeeds with statements S1..Sn, it checks:
//  1. Shape: every Si.text is non-empty and has no leading or trailing
//     whitespace.
//  2. Nothing lost, nothing invented: the texts occur in the script at
//     increasing, non-overlapping offsets o1 < o2 < ..., each followed by
//     nothing but blanks up to a ';' (or the end of the script), and what
//     lies between and around them holds no statement: the stretch of the
//     script from just after the ';' that ended S(i-1) (the start, for S1) up
//     to and including the ';' that ends Si splits into exactly one
//     statement, Si.text, and what follows Sn's ';' into none. (So the gaps
//     are only whitespace, comments and ';' separators: the statements
//     re-joined equal the script modulo those.) oi is the earliest offset
//     with that property; Si.line is the 1-based line of oi.
//  3. No cut inside a quote, comment, dollar quote or BEGIN ... END body:
//     re-splitting Si.text as a script of its own yields exactly Si.text (at
//     line 1), which fails when a cut left an unterminated construct behind.
//  4. Re-joined, they split the same: each text followed by its terminator
//     and a newline, all concatenated, split into the same texts.
// "As a script of its own" and "its terminator": Si.text followed by ";" or
// by "\n;". Both are needed, and either may be the one: a text ending in a
// '#' or '-- ' comment takes in a ';' written right after it, and in MySQL
// "--" directly before the ';' that ends a statement is code (two minus
// signs) but a comment before a newline or the end of input (MySQL's own
// lexer does the same); the splitter refuses "--" right before a top-level
// ';' (the server reads two minus signs, the statement sent alone without
// its ';' a comment), so a text ending in "--" is followed by "\n;".
// "Comments" in the gaps are the ones the server skips: a MySQL executable
// comment (/*!NNNNN ... */, /*M!NNNNNN ... */) is code and a statement of
// its own, and a ';' inside one is refused.
// When it fails, the error must say something. It must never crash.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "core/sql/statement_splitter.h"
#include "fuzz/fuzz_check.h"

namespace {

using aos::fuzz::Quoted;
using aos::sql::SplitStatements;
using aos::sql::Statement;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

int LineAt(absl::string_view script, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset; ++i) line += script[i] == '\n';
  return line;
}

bool SplitsToExactly(absl::string_view script, absl::string_view dialect,
                     const std::string& text) {
  absl::StatusOr<std::vector<Statement>> s = SplitStatements(script, dialect);
  return s.ok() && s->size() == 1 && (*s)[0].text == text;
}

// What ends `script` as the one statement `text`: ";" or "\n;" after it.
// nullopt: neither does, `text` is not one whole statement.
std::optional<std::string> Terminator(absl::string_view script,
                                      absl::string_view dialect,
                                      const std::string& text) {
  for (const char* terminator : {";", "\n;"}) {
    if (SplitsToExactly(absl::StrCat(script, terminator), dialect, text)) {
      return std::string(terminator);
    }
  }
  return std::nullopt;
}

void CheckDialect(absl::string_view script, absl::string_view dialect) {
  absl::StatusOr<std::vector<Statement>> result =
      SplitStatements(script, dialect);
  if (!result.ok()) {
    FUZZ_CHECK(!result.status().message().empty()) << dialect;
    return;
  }
  const std::vector<Statement>& statements = *result;
  std::vector<std::string> texts;
  std::string joined;
  size_t cursor = 0;
  for (size_t i = 0; i < statements.size(); ++i) {
    const std::string& text = statements[i].text;
    texts.push_back(text);
    // 1. Shape.
    FUZZ_CHECK(!text.empty()) << dialect << ": statement " << i + 1;
    FUZZ_CHECK(!IsSpace(text.front()) && !IsSpace(text.back()))
        << dialect << ": statement " << i + 1 << " " << Quoted(text);
    // 2. Where it is: at an offset after the previous statement's ';',
    // followed by nothing but blanks up to its own ';' (or the end), and that
    // stretch of the script, from just after the previous ';' to this one,
    // splits into exactly this statement (so the gap before it holds none).
    size_t found = absl::string_view::npos;
    size_t end = 0;
    for (size_t at = script.find(text, cursor); at != absl::string_view::npos;
         at = script.find(text, at + 1)) {
      end = at + text.size();
      while (end < script.size() && IsSpace(script[end])) ++end;
      if (end < script.size() && script[end] != ';') continue;
      if (end < script.size()) ++end;  // the ';'
      if (SplitsToExactly(script.substr(cursor, end - cursor), dialect, text)) {
        found = at;
        break;
      }
    }
    FUZZ_CHECK(found != absl::string_view::npos)
        << dialect << ": statement " << i + 1 << " " << Quoted(text)
        << " is not in the script after offset " << cursor
        << " with only whitespace, comments and ';' before it";
    FUZZ_CHECK(statements[i].line == LineAt(script, found))
        << dialect << ": statement " << i + 1 << " " << Quoted(text)
        << " says line " << statements[i].line << ", it starts on line "
        << LineAt(script, found);
    cursor = end;
    // 3. Re-split alone: exactly itself.
    std::optional<std::string> terminator = Terminator(text, dialect, text);
    FUZZ_CHECK(terminator.has_value())
        << dialect << ": statement " << i + 1 << " " << Quoted(text)
        << " does not split into itself, followed by ';' or by a newline and ';'";
    absl::StrAppend(&joined, text, *terminator, "\n");
  }
  // 2. Nothing after the last statement but separators and comments.
  absl::StatusOr<std::vector<Statement>> tail =
      SplitStatements(script.substr(cursor), dialect);
  FUZZ_CHECK(tail.ok() && tail->empty())
      << dialect << ": text after the last statement, at offset " << cursor
      << ", is not just separators and comments: "
      << Quoted(script.substr(cursor));
  // 4. Re-joined.
  absl::StatusOr<std::vector<Statement>> again =
      SplitStatements(joined, dialect);
  FUZZ_CHECK(again.ok()) << dialect << ": re-joined statements fail: "
                         << again.status().message();
  std::vector<std::string> again_texts;
  for (const Statement& s : *again) again_texts.push_back(s.text);
  FUZZ_CHECK(again_texts == texts)
      << dialect << ": " << texts.size() << " statements re-joined split into "
      << again_texts.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view script(reinterpret_cast<const char*>(data), size);
  for (absl::string_view dialect : {"mysql", "postgresql", "sqlite"}) {
    CheckDialect(script, dialect);
  }
  return 0;
}
