#include "core/engine/session/session_state.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "core/sql/mysql_tokenizer.h"

namespace aos::engine {
namespace {

constexpr char kVersion[] = "v1";

// In this order, before every other variable (session_state.h).
constexpr const char* kCharsetOrder[] = {
    "character_set_client", "character_set_connection",
    "collation_connection", "character_set_results",
    "character_set_database", "collation_database",
    "character_set_server", "collation_server"};

int CharsetRank(const SessionValue& v) {
  if (!v.system) return -1;
  for (int i = 0; i < static_cast<int>(std::size(kCharsetOrder)); ++i) {
    if (v.name == kCharsetOrder[i]) return i;
  }
  return -1;
}

char TypeLetter(SessionValue::Type t) {
  switch (t) {
    case SessionValue::Type::kInteger:
      return 'i';
    case SessionValue::Type::kUnsigned:
      return 'u';
    case SessionValue::Type::kDecimal:
      return 'd';
    case SessionValue::Type::kDouble:
      return 'f';
    case SessionValue::Type::kString:
      break;
  }
  return 's';
}

bool TypeOfLetter(absl::string_view letter, SessionValue::Type* t) {
  static const std::pair<char, SessionValue::Type> kAll[] = {
      {'i', SessionValue::Type::kInteger},
      {'u', SessionValue::Type::kUnsigned},
      {'d', SessionValue::Type::kDecimal},
      {'f', SessionValue::Type::kDouble},
      {'s', SessionValue::Type::kString}};
  for (const auto& [c, type] : kAll) {
    if (letter.size() == 1 && letter[0] == c) {
      *t = type;
      return true;
    }
  }
  return false;
}

// A number exactly as a server writes one: sign, digits, point, exponent.
bool IsNumberText(absl::string_view s) {
  if (s.empty()) return false;
  bool digit = false;
  for (char c : s) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
      return false;
    }
  }
  return digit;
}

bool IsHex(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isxdigit(static_cast<unsigned char>(c));
  });
}

// A character set or collation name: letters, digits and '_' only.
bool IsPlainName(absl::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string Scale(absl::string_view decimal) {
  size_t point = decimal.find('.');
  return absl::StrCat(point == absl::string_view::npos
                          ? 0
                          : decimal.size() - point - 1);
}

absl::StatusOr<std::string> StringLiteral(const SessionValue& v) {
  if (!IsPlainName(v.charset) || !IsPlainName(v.collation)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the character set of ", ValueName(v), " cannot be restored"));
  }
  if (v.null) {
    if (v.charset == "binary") return std::string("NULL");
    return absl::StrCat("CAST(NULL AS CHAR CHARACTER SET ", v.charset,
                        ") COLLATE ", v.collation);
  }
  if (!IsHex(v.value) || v.value.size() % 2 != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("the value of ", ValueName(v), " is not hex"));
  }
  if (v.charset == "binary") return absl::StrCat("_binary X'", v.value, "'");
  return absl::StrCat("_", v.charset, " X'", v.value, "' COLLATE ",
                      v.collation);
}

}  // namespace

std::string ValueName(const SessionValue& v) {
  return absl::StrCat(v.system ? "@@" : "@", v.name);
}

std::string DescribeValue(const SessionValue& v) {
  if (v.null) return "NULL";
  if (v.type != SessionValue::Type::kString) return v.value;
  std::string bytes = absl::HexStringToBytes(v.value);
  if (v.system) return absl::StrCat("'", absl::CHexEscape(bytes), "'");
  return absl::StrCat("'", absl::CHexEscape(bytes), "' (", v.collation, ")");
}

absl::StatusOr<std::string> ValueLiteral(const SessionValue& v) {
  using Type = SessionValue::Type;
  if (v.system && v.type == Type::kString && !v.null) {
    if (!IsHex(v.value) || v.value.size() % 2 != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("the value of ", ValueName(v), " is not hex"));
    }
    return absl::StrCat("_utf8mb4 X'", v.value, "'");
  }
  if (v.type == Type::kString) return StringLiteral(v);
  if (!v.null && !IsNumberText(v.value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the value of ", ValueName(v), " is not a number"));
  }
  const std::string x = v.null ? "NULL" : v.value;
  if (v.system) return x;  // the variable's own type decides
  switch (v.type) {
    case Type::kInteger:
      return absl::StrCat("CAST(", x, " AS SIGNED)");
    case Type::kUnsigned:
      return absl::StrCat("CAST(", x, " AS UNSIGNED)");
    case Type::kDecimal:
      return absl::StrCat("CAST(", x, " AS DECIMAL(65,",
                          v.null ? "0" : Scale(x), "))");
    case Type::kDouble:
      if (v.null) return std::string("CAST(NULL AS DOUBLE)");
      return absl::StrContains(absl::AsciiStrToLower(x), "e")
                 ? x
                 : absl::StrCat(x, "e0");
    case Type::kString:
      break;
  }
  return StringLiteral(v);
}

std::string EncodeSessionState(const SessionState& state) {
  std::string out = kVersion;
  for (const SessionValue& v : state) {
    absl::StrAppend(&out, "\n", v.system ? "s" : "u", " ",
                    absl::BytesToHexString(v.name), " ", std::string(1, TypeLetter(v.type)),
                    " ", v.null ? "1" : "0", " ", v.value.empty() ? "-" : v.value,
                    " ", v.charset.empty() ? "-" : v.charset, " ",
                    v.collation.empty() ? "-" : v.collation);
  }
  return out;
}

absl::StatusOr<SessionState> DecodeSessionState(absl::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.empty() || lines[0] != kVersion) {
    return absl::InvalidArgumentError("the recorded session is not readable");
  }
  SessionState state;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<absl::string_view> f = absl::StrSplit(lines[i], ' ');
    SessionValue v;
    if (f.size() != 7 || (f[0] != "s" && f[0] != "u") ||
        !TypeOfLetter(f[2], &v.type) || (f[3] != "0" && f[3] != "1") ||
        !IsHex(f[1])) {
      return absl::InvalidArgumentError(
          "the recorded session is not readable");
    }
    v.system = f[0] == "s";
    v.name = absl::HexStringToBytes(f[1]);
    v.null = f[3] == "1";
    v.value = f[4] == "-" ? "" : std::string(f[4]);
    v.charset = f[5] == "-" ? "" : std::string(f[5]);
    v.collation = f[6] == "-" ? "" : std::string(f[6]);
    state.push_back(std::move(v));
  }
  return state;
}

absl::StatusOr<std::string> RestoreStatement(const SessionState& recorded,
                                             const SessionState& now) {
  auto differs = [&now](const SessionValue& v) {
    auto it = std::find_if(now.begin(), now.end(), [&v](const SessionValue& n) {
      return n.system == v.system && n.name == v.name;
    });
    return it == now.end() || *it != v;
  };
  const bool charsets = std::any_of(
      recorded.begin(), recorded.end(),
      [&](const SessionValue& v) { return CharsetRank(v) >= 0 && differs(v); });
  std::vector<const SessionValue*> order;
  for (const SessionValue& v : recorded) {
    if (CharsetRank(v) >= 0 ? charsets : differs(v)) order.push_back(&v);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const SessionValue* a, const SessionValue* b) {
                     int ra = CharsetRank(*a), rb = CharsetRank(*b);
                     if (ra < 0) ra = 100;
                     if (rb < 0) rb = 100;
                     return ra < rb;
                   });
  std::vector<std::string> parts;
  for (const SessionValue* v : order) {
    absl::StatusOr<std::string> literal = ValueLiteral(*v);
    if (!literal.ok()) return literal.status();
    parts.push_back(absl::StrCat(v->system ? "@@SESSION." : "@",
                                 sql::QuoteIdentifier(v->name), " = ",
                                 *literal));
  }
  if (parts.empty()) return std::string();
  return absl::StrCat("SET ", absl::StrJoin(parts, ", "));
}

std::string StateDifference(const SessionState& want,
                            const SessionState& got) {
  std::vector<std::string> out;
  for (const SessionValue& v : want) {
    auto it = std::find_if(got.begin(), got.end(), [&v](const SessionValue& g) {
      return g.system == v.system && g.name == v.name;
    });
    if (it != got.end() && *it == v) continue;
    out.push_back(absl::StrCat(ValueName(v), ": ", DescribeValue(v),
                               " recorded, ",
                               it == got.end() ? "unread" : DescribeValue(*it),
                               " now"));
  }
  return absl::StrJoin(out, "; ");
}

}  // namespace aos::engine
