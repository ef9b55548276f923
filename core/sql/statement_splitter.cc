#include "core/sql/statement_splitter.h"

#include <cctype>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace aos::sql {
namespace {

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Walks a script once, tracking where statements start and how deep in
// BEGIN ... END (and CASE ... END) bodies the scanner is.
class Splitter {
 public:
  Splitter(absl::string_view script, absl::string_view dialect)
      : s_(script),
        mysql_(dialect == "mysql"),
        postgresql_(dialect == "postgresql") {}

  absl::StatusOr<std::vector<Statement>> Run() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (StartsLineComment()) {
        SkipToEndOfLine();
      } else if (c == '/' && Peek(1) == '*') {
        if (absl::Status st = SkipBlockComment(); !st.ok()) return st;
      } else if (c == '\'' || c == '"' || c == '`') {
        MarkCode();
        if (absl::Status st = SkipQuoted(c); !st.ok()) return st;
      } else if (c == '$' && postgresql_ && DollarTagLength() > 0) {
        MarkCode();
        if (absl::Status st = SkipDollarQuoted(); !st.ok()) return st;
      } else if (c == ';') {
        ResolvePendingWord("");
        if (depth_ == 0) {
          EndStatement(pos_);
        }
        ++pos_;
      } else if (IsWordChar(c)) {
        MarkCode();
        size_t start = pos_;
        while (pos_ < s_.size() && IsWordChar(s_[pos_])) ++pos_;
        bool qualified = start > 0 && s_[start - 1] == '.';
        if (!qualified) {
          if (absl::Status st = OnWord(absl::AsciiStrToUpper(
                  s_.substr(start, pos_ - start)));
              !st.ok()) {
            return st;
          }
        }
      } else {
        MarkCode();
        ResolvePendingWord("");
        ++pos_;
      }
    }
    ResolvePendingWord("");
    if (depth_ > 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unterminated BEGIN ... END body in the statement starting at line ",
          statement_line_));
    }
    EndStatement(s_.size());
    return std::move(statements_);
  }

 private:
  char Peek(size_t ahead) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  bool StartsLineComment() const {
    if (s_[pos_] == '#') return mysql_;
    if (s_[pos_] != '-' || Peek(1) != '-') return false;
    // MySQL wants whitespace after "--" (so 1--1 is arithmetic).
    char after = Peek(2);
    return !mysql_ || after == '\0' ||
           std::isspace(static_cast<unsigned char>(after));
  }

  void SkipToEndOfLine() {
    while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
  }

  absl::Status SkipBlockComment() {
    int start_line = line_;
    pos_ += 2;
    while (pos_ < s_.size()) {
      if (s_[pos_] == '*' && Peek(1) == '/') {
        pos_ += 2;
        return absl::OkStatus();
      }
      if (s_[pos_] == '\n') ++line_;
      ++pos_;
    }
    return absl::InvalidArgumentError(
        absl::StrCat("unterminated /* comment starting at line ", start_line));
  }

  absl::Status SkipQuoted(char quote) {
    int start_line = line_;
    bool backslash_escapes = mysql_ && quote != '`';
    ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') ++line_;
      if (backslash_escapes && c == '\\') {
        if (Peek(1) == '\n') ++line_;
        pos_ += 2;
        continue;
      }
      if (c == quote) {
        if (Peek(1) == quote) {  // doubled quote stands for itself
          pos_ += 2;
          continue;
        }
        ++pos_;
        return absl::OkStatus();
      }
      ++pos_;
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "unterminated ", std::string(1, quote), " quote starting at line ",
        start_line));
  }

  // Length of a "$tag$" opener at pos_, or 0.
  size_t DollarTagLength() const {
    if (pos_ > 0 && IsWordChar(s_[pos_ - 1])) return 0;
    size_t i = pos_ + 1;
    while (i < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i])) ||
                             s_[i] == '_')) {
      ++i;
    }
    if (i < s_.size() && s_[i] == '$' &&
        (i == pos_ + 1 || !std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
      return i - pos_ + 1;
    }
    return 0;
  }

  absl::Status SkipDollarQuoted() {
    int start_line = line_;
    absl::string_view tag = s_.substr(pos_, DollarTagLength());
    size_t end = s_.find(tag, pos_ + tag.size());
    if (end == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unterminated ", tag, " quote starting at line ", start_line));
    }
    for (size_t i = pos_; i < end; ++i) {
      if (s_[i] == '\n') ++line_;
    }
    pos_ = end + tag.size();
    return absl::OkStatus();
  }

  void MarkCode() {
    if (!statement_start_) {
      statement_start_ = pos_;
      statement_line_ = line_;
      words_ = 0;
    }
  }

  // Decides what an earlier BEGIN or END meant, now that the next word (or
  // "" for punctuation, ';' or the end) is known. Returns true when `next`
  // only qualified that END (END CASE, END IF, ...) and opens nothing.
  bool ResolvePendingWord(const std::string& next) {
    if (pending_begin_) {
      pending_begin_ = false;
      // BEGIN; BEGIN WORK; BEGIN TRANSACTION start a transaction, not a body.
      if (!(next.empty() || next == "WORK" || next == "TRANSACTION")) ++depth_;
    }
    if (pending_end_) {
      pending_end_ = false;
      // END IF / END LOOP / END WHILE / END REPEAT / END FOR close blocks
      // whose openers are not counted; END and END CASE close counted ones.
      bool closes_uncounted = next == "IF" || next == "LOOP" ||
                              next == "WHILE" || next == "REPEAT" ||
                              next == "FOR";
      if (!closes_uncounted && depth_ > 0) --depth_;
      return closes_uncounted || next == "CASE";
    }
    return false;
  }

  absl::Status OnWord(const std::string& word) {
    if (ResolvePendingWord(word)) return absl::OkStatus();
    ++words_;
    if (words_ == 1 && word == "DELIMITER") {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_,
          ": DELIMITER is a command of the mysql client, not SQL; end "
          "statements with ';' and write trigger bodies as BEGIN ... END"));
    }
    if (word == "BEGIN") {
      if (words_ == 1) {
        pending_begin_ = true;
      } else {
        ++depth_;
      }
    } else if (word == "CASE") {
      ++depth_;
    } else if (word == "END") {
      pending_end_ = true;
    }
    return absl::OkStatus();
  }

  void EndStatement(size_t end) {
    if (statement_start_) {
      absl::string_view text = s_.substr(*statement_start_, end - *statement_start_);
      statements_.push_back(
          {std::string(absl::StripTrailingAsciiWhitespace(text)),
           statement_line_});
    }
    statement_start_.reset();
    depth_ = 0;
  }

  absl::string_view s_;
  bool mysql_;
  bool postgresql_;
  size_t pos_ = 0;
  int line_ = 1;
  std::optional<size_t> statement_start_;
  int statement_line_ = 1;
  int words_ = 0;
  int depth_ = 0;
  bool pending_begin_ = false;
  bool pending_end_ = false;
  std::vector<Statement> statements_;
};

}  // namespace

absl::StatusOr<std::vector<Statement>> SplitStatements(
    absl::string_view script, absl::string_view dialect) {
  return Splitter(script, dialect).Run();
}

}  // namespace aos::sql
