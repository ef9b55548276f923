#include "core/sql/statement_splitter.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/sql/compound_tracker.h"
#include "core/sql/lexing_mode.h"

namespace aos::sql {
namespace {

class Splitter {
 public:
  Splitter(absl::string_view script, absl::string_view dialect,
           StatementCheck check)
      : s_(script), mysql_(dialect == "mysql"), tracker_(dialect),
        check_(check) {}

  absl::StatusOr<std::vector<Statement>> Run(const std::vector<Token>& tokens) {
    tokens_ = &tokens;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (absl::Status st = Take(tokens[i], i); !st.ok()) return st;
    }
    if (tracker_.Depth() > 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unterminated BEGIN ... END body in the statement starting at line ",
          line_));
    }
    if (absl::Status st = End(s_.size()); !st.ok()) return st;
    return std::move(statements_);
  }

 private:
  absl::Status Take(const Token& t, size_t index) {
    if (t.type == Token::Type::kCommentOpen) {
      Mark(t);
      in_executable_ = true;
      return absl::OkStatus();
    }
    if (t.type == Token::Type::kCommentClose) {
      in_executable_ = false;
      return absl::OkStatus();
    }
    if (t.IsPunct(';') && tracker_.Depth() == 0) {
      if (in_executable_) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", t.line,
            ": a ';' inside an executable comment (/*! ... */): write one "
            "statement per comment"));
      }
      if (mysql_ && DashesBefore(t)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", t.line,
            ": '--' right before ';' is two minus signs to the server but a "
            "comment once the statement is sent without its ';'; write a "
            "blank between them or remove them"));
      }
      return End(t.begin);
    }
    Mark(t);
    if (mysql_ && words_++ == 0 && t.IsWord("DELIMITER")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", t.line,
          ": DELIMITER is a command of the mysql client, not SQL; end "
          "statements with ';' and write trigger bodies as BEGIN ... END"));
    }
    has_code_ = true;
    tracker_.Feed(t);
    code_.push_back(index);
    return absl::OkStatus();
  }

  // Whether the code right before `semicolon` is "--" (two minus signs).
  bool DashesBefore(const Token& semicolon) const {
    const size_t n = code_.size();
    if (n < 2) return false;
    const Token& last = (*tokens_)[code_[n - 1]];
    const Token& before = (*tokens_)[code_[n - 2]];
    return last.IsPunct('-') && before.IsPunct('-') &&
           last.end == semicolon.begin && before.end == last.begin;
  }

  // The current statement's code tokens: a slice of the script's tokens,
  // or (when the marks of an executable comment stand among them) a copy.
  absl::Span<const Token> Code() {
    if (code_.empty()) return {};
    const size_t first = code_.front();
    if (code_.back() - first + 1 == code_.size()) {
      return absl::MakeConstSpan(tokens_->data() + first, code_.size());
    }
    marked_code_.clear();
    for (size_t i : code_) marked_code_.push_back((*tokens_)[i]);
    return marked_code_;
  }

  void Mark(const Token& t) {
    if (start_) return;
    start_ = t.begin;
    line_ = t.line;
  }

  absl::Status End(size_t end) {
    const absl::Span<const Token> code = Code();
    if (mysql_) {
      if (std::string why = ChangesLexing(code); !why.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "the statement at line ", line_, " cannot be split safely: ",
            why));
      }
    }
    if (start_ && has_code_) {
      absl::string_view text = s_.substr(*start_, end - *start_);
      statements_.push_back(
          {std::string(absl::StripTrailingAsciiWhitespace(text)), line_});
      if (absl::Status st = check_(statements_.back(), code); !st.ok()) {
        return st;
      }
    }
    start_.reset();
    has_code_ = false;
    words_ = 0;
    code_.clear();
    tracker_.StatementEnded();
    return absl::OkStatus();
  }

  absl::string_view s_;
  bool mysql_;
  CompoundTracker tracker_;
  StatementCheck check_;
  std::optional<size_t> start_;
  int line_ = 1;
  bool has_code_ = false;
  bool in_executable_ = false;
  int words_ = 0;
  const std::vector<Token>* tokens_ = nullptr;  // the script's
  std::vector<size_t> code_;  // the current statement's code tokens
  std::vector<Token> marked_code_;
  std::vector<Statement> statements_;
};

}  // namespace

absl::StatusOr<std::vector<Statement>> SplitStatements(
    absl::string_view script, absl::string_view dialect,
    const ServerFlavour& server) {
  return SplitStatements(script, dialect, server,
                         [](const Statement&, absl::Span<const Token>) {
                           return absl::OkStatus();
                         });
}

absl::StatusOr<std::vector<Statement>> SplitStatements(
    absl::string_view script, absl::string_view dialect,
    const ServerFlavour& server, StatementCheck check) {
  absl::StatusOr<std::vector<Token>> tokens = Lex(script, dialect, server);
  if (!tokens.ok()) return tokens.status();
  return Splitter(script, dialect, check).Run(*tokens);
}

}  // namespace aos::sql
