#include "core/sql/sql_lexer.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace aos::sql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ASCII letters and digits (not the locale's: the server's grammar is ASCII).
bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Letters, digits, '_', '$', '@' and every byte of a multi-byte character.
bool IsWordChar(char c) {
  return IsAlnum(c) || c == '_' || c == '$' || c == '@' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The blanks of the C locale: space, \t, \n, \v, \f, \r.
bool IsBlank(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

class Lexer {
 public:
  Lexer(absl::string_view s, absl::string_view dialect,
        const ServerFlavour& server)
      : s_(s),
        mysql_(dialect == "mysql"),
        postgresql_(dialect == "postgresql"),
        server_(server) {}

  absl::StatusOr<std::vector<Token>> Run(bool tolerant) {
    // About one token in six bytes of a typical script: one allocation
    // instead of a dozen moves of every token read so far.
    tokens_.reserve(s_.size() / 6 + 4);
    while (pos_ < s_.size()) {
      if (absl::Status st = Next(); !st.ok()) {
        if (tolerant) return std::move(tokens_);
        return st;
      }
    }
    if (in_executable_ && !tolerant) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unterminated executable comment starting at line ",
          executable_line_));
    }
    return std::move(tokens_);
  }

 private:
  char Peek(size_t ahead) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  void Advance(size_t n) {
    for (size_t i = 0; i < n && pos_ < s_.size(); ++i) {
      if (s_[pos_++] == '\n') ++line_;
    }
  }

  void Emit(Token::Type type, size_t begin, int line, std::string text) {
    Token& t = tokens_.emplace_back();
    t.type = type;
    t.text = std::move(text);
    if (type == Token::Type::kWord) {
      t.upper = t.text;
      absl::AsciiStrToUpper(&t.upper);
    }
    t.begin = begin;
    t.end = pos_;
    t.line = line;
  }

  absl::Status Next() {
    const char c = s_[pos_];
    if (IsBlank(c)) {
      if (c == '\n') ++line_;
      ++pos_;
    } else if (StartsLineComment()) {
      while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
    } else if (c == '/' && Peek(1) == '*') {
      return BlockComment();
    } else if (c == '*' && Peek(1) == '/' && in_executable_) {
      const size_t begin = pos_;
      const int line = line_;
      Advance(2);
      in_executable_ = false;
      Emit(Token::Type::kCommentClose, begin, line, "*/");
    } else if (c == '\'' || c == '"' || (c == '`' && !postgresql_)) {
      return Quoted(c);
    } else if (c == '$' && postgresql_ && DollarTagLength() > 0) {
      return DollarQuoted();
    } else if (IsWordChar(c)) {
      const size_t begin = pos_;
      while (pos_ < s_.size() && IsWordChar(s_[pos_])) ++pos_;
      Emit(Token::Type::kWord, begin, line_,
           std::string(s_.substr(begin, pos_ - begin)));
    } else {
      const size_t begin = pos_;
      Advance(1);
      Emit(Token::Type::kPunct, begin, line_, std::string(1, c));
    }
    return absl::OkStatus();
  }

  bool StartsLineComment() const {
    const char c = s_[pos_];
    if (c == '#') return mysql_;
    if (c != '-' || Peek(1) != '-') return false;
    if (!mysql_) return true;
    // MySQL: "--" then a blank or a control character (the end counts).
    const unsigned char after = static_cast<unsigned char>(Peek(2));
    return after <= ' ' || after == 0x7f;
  }

  // "/*": a comment, or the opening of an executable comment's code.
  absl::Status BlockComment() {
    const size_t begin = pos_;
    const int line = line_;
    if (mysql_ && !in_executable_) {
      const bool maria = Peek(2) == 'M' && Peek(3) == '!';
      if (Peek(2) == '!' || maria) {
        size_t digits_at = pos_ + (maria ? 4 : 3);
        size_t digits = 0;
        while (digits < 6 && digits_at + digits < s_.size() &&
               IsDigit(s_[digits_at + digits])) {
          ++digits;
        }
        if (digits == 5 || digits == 6) {
          const int64_t version =
              std::stoll(std::string(s_.substr(digits_at, digits)));
          if (!server_.Runs(version, maria)) return SkipComment(1);
        } else {
          digits = 0;  // "/*!" with no version: always code
          if (maria && !server_.mariadb && !server_.every) return SkipComment(1);
        }
        Advance(digits_at + digits - pos_);
        in_executable_ = true;
        executable_line_ = line;
        Emit(Token::Type::kCommentOpen, begin, line,
             std::string(s_.substr(begin, pos_ - begin)));
        return absl::OkStatus();
      }
    }
    return SkipComment(postgresql_ ? 1000000 : 0);
  }

  // Skips a comment at pos_ that may hold `nesting` levels of comments.
  absl::Status SkipComment(int nesting) {
    const int start_line = line_;
    int depth = 0;
    Advance(2);
    while (pos_ < s_.size()) {
      if (s_[pos_] == '*' && Peek(1) == '/') {
        Advance(2);
        if (depth-- == 0) return absl::OkStatus();
      } else if (s_[pos_] == '/' && Peek(1) == '*' && depth < nesting) {
        Advance(2);
        ++depth;
      } else {
        Advance(1);
      }
    }
    return absl::InvalidArgumentError(
        absl::StrCat("unterminated /* comment starting at line ", start_line));
  }

  absl::Status Quoted(char quote) {
    const size_t begin = pos_;
    const int start_line = line_;
    // PostgreSQL's E'...' (and e'...') strings take backslash escapes.
    const bool e_string = postgresql_ && quote == '\'' && begin > 0 &&
                          (s_[begin - 1] == 'E' || s_[begin - 1] == 'e') &&
                          (begin < 2 || !IsWordChar(s_[begin - 2]));
    const bool backslash = (mysql_ && quote != '`') || e_string;
    Advance(1);
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (backslash && c == '\\') {
        Advance(2);
      } else if (c == quote && Peek(1) == quote) {
        Advance(2);  // a doubled quote stands for itself
      } else if (c == quote) {
        Advance(1);
        const bool identifier = quote == '`' || (quote == '"' && !mysql_);
        std::string text(s_.substr(begin, pos_ - begin));
        if (identifier) text = Unquote(text, quote);
        Emit(identifier ? Token::Type::kQuoted : Token::Type::kLiteral, begin,
             start_line, std::move(text));
        return absl::OkStatus();
      } else {
        Advance(1);
      }
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "unterminated ", std::string(1, quote), " quote starting at line ",
        start_line));
  }

  static std::string Unquote(absl::string_view quoted, char quote) {
    std::string name;
    for (size_t i = 1; i + 1 < quoted.size(); ++i) {
      name += quoted[i];
      if (quoted[i] == quote) ++i;
    }
    return name;
  }

  // Length of a "$tag$" opener at pos_, or 0.
  size_t DollarTagLength() const {
    if (pos_ > 0 && IsWordChar(s_[pos_ - 1])) return 0;
    size_t i = pos_ + 1;
    while (i < s_.size() &&
           (IsAlnum(s_[i]) || s_[i] == '_')) {
      ++i;
    }
    if (i < s_.size() && s_[i] == '$' && (i == pos_ + 1 || !IsDigit(s_[pos_ + 1]))) {
      return i - pos_ + 1;
    }
    return 0;
  }

  absl::Status DollarQuoted() {
    const size_t begin = pos_;
    const int start_line = line_;
    const absl::string_view tag = s_.substr(pos_, DollarTagLength());
    const size_t end = s_.find(tag, pos_ + tag.size());
    if (end == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unterminated ", tag, " quote starting at line ", start_line));
    }
    Advance(end + tag.size() - pos_);
    Emit(Token::Type::kLiteral, begin, start_line,
         std::string(s_.substr(begin, pos_ - begin)));
    return absl::OkStatus();
  }

  absl::string_view s_;
  bool mysql_;
  bool postgresql_;
  ServerFlavour server_;
  size_t pos_ = 0;
  int line_ = 1;
  bool in_executable_ = false;
  int executable_line_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

bool ServerFlavour::Runs(int64_t comment_version, bool mariadb_only) const {
  if (every) return true;
  if (mariadb_only && !mariadb) return false;
  if (comment_version > version) return false;
  // MariaDB leaves MySQL 5.7+ syntax ("/*!50700" .. "/*!99999") alone.
  if (mariadb && !mariadb_only && comment_version >= 50700 &&
      comment_version <= 99999) {
    return false;
  }
  return true;
}

absl::StatusOr<std::vector<Token>> Lex(absl::string_view text,
                                       absl::string_view dialect,
                                       const ServerFlavour& server) {
  return Lexer(text, dialect, server).Run(/*tolerant=*/false);
}

std::vector<Token> LexTolerant(absl::string_view text,
                               absl::string_view dialect,
                               const ServerFlavour& server) {
  return *Lexer(text, dialect, server).Run(/*tolerant=*/true);
}

std::string LiteralValue(const Token& literal, absl::string_view dialect) {
  const std::string& t = literal.text;
  if (t.empty()) return "";
  if (t[0] == '$') {  // $tag$body$tag$
    const size_t tag = t.find('$', 1) + 1;
    return t.substr(tag, t.size() - 2 * tag);
  }
  const char quote = t[0];
  const bool backslash = dialect == "mysql";
  std::string value;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (backslash && t[i] == '\\' && i + 2 < t.size()) {
      const char e = t[++i];
      value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r'
               : e == '0' ? '\0' : e;
    } else {
      value += t[i];
      if (t[i] == quote) ++i;
    }
  }
  return value;
}

}  // namespace aos::sql
