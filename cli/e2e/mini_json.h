// mini_json.h: a small, strict JSON reader for the end-to-end tests, enough
// to check the tool's -f json outputs value by value (objects keep their
// keys in order, so a test can check the exact set and order of fields).
#ifndef AOS_CLI_E2E_MINI_JSON_H_
#define AOS_CLI_E2E_MINI_JSON_H_

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aos::e2e {

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  int64_t number = 0;  // the tool writes whole numbers only
  std::string string;
  std::vector<Json> array;
  std::vector<std::pair<std::string, Json>> object;

  bool is_null() const { return kind == Kind::kNull; }

  // The member `key` of an object (a null value when absent).
  const Json& operator[](const std::string& key) const {
    for (const auto& [k, v] : object) {
      if (k == key) return v;
    }
    static const Json kMissing;
    return kMissing;
  }
  bool has(const std::string& key) const {
    for (const auto& [k, v] : object) {
      if (k == key) return true;
    }
    return false;
  }
  const Json& operator[](size_t i) const { return array.at(i); }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : object) out.push_back(k);
    return out;
  }
};

namespace mini_json_internal {

class Parser {
 public:
  explicit Parser(const std::string& text) : s_(text) {}

  std::optional<Json> ParseDocument(std::string* error) {
    std::optional<Json> v = Value();
    if (v) {
      Blank();
      if (i_ != s_.size()) v = Fail("text after the value");
    }
    if (!v && error) *error = error_;
    return v;
  }

 private:
  std::optional<Json> Fail(const std::string& what) {
    if (error_.empty()) {
      error_ = what + " at offset " + std::to_string(i_);
    }
    return std::nullopt;
  }

  void Blank() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' ||
                              s_[i_] == '\r' || s_[i_] == '\t')) {
      ++i_;
    }
  }

  bool Literal(const char* word) {
    std::string w(word);
    if (s_.compare(i_, w.size(), w) != 0) return false;
    i_ += w.size();
    return true;
  }

  std::optional<std::string> String() {
    if (i_ >= s_.size() || s_[i_] != '"') return std::nullopt;
    ++i_;
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char c = s_[i_++];
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return std::nullopt;
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (i_ + 4 > s_.size()) return std::nullopt;
          unsigned long cp = std::strtoul(s_.substr(i_, 4).c_str(), nullptr, 16);
          i_ += 4;
          if (cp < 0x80) {
            out += static_cast<char>(cp);
          } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
          }
          break;
        }
        default:
          return std::nullopt;
      }
    }
    if (i_ >= s_.size()) return std::nullopt;
    ++i_;  // the closing quote
    return out;
  }

  std::optional<Json> Value() {
    Blank();
    if (i_ >= s_.size()) return Fail("unexpected end");
    Json v;
    char c = s_[i_];
    if (c == 'n') {
      if (!Literal("null")) return Fail("bad literal");
      return v;
    }
    if (c == 't' || c == 'f') {
      v.kind = Json::Kind::kBool;
      v.boolean = c == 't';
      if (!Literal(v.boolean ? "true" : "false")) return Fail("bad literal");
      return v;
    }
    if (c == '"') {
      std::optional<std::string> s = String();
      if (!s) return Fail("bad string");
      v.kind = Json::Kind::kString;
      v.string = *std::move(s);
      return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = i_;
      if (c == '-') ++i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) {
        return Fail("a fraction or exponent (the tool writes integers)");
      }
      std::string digits = s_.substr(start, i_ - start);
      if (digits == "-" || digits.empty()) return Fail("bad number");
      v.kind = Json::Kind::kNumber;
      v.number = std::strtoll(digits.c_str(), nullptr, 10);
      return v;
    }
    if (c == '[') {
      ++i_;
      v.kind = Json::Kind::kArray;
      Blank();
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return v;
      }
      while (true) {
        std::optional<Json> item = Value();
        if (!item) return std::nullopt;
        v.array.push_back(*std::move(item));
        Blank();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == ']') {
          ++i_;
          return v;
        }
        return Fail("expected ',' or ']'");
      }
    }
    if (c == '{') {
      ++i_;
      v.kind = Json::Kind::kObject;
      Blank();
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return v;
      }
      while (true) {
        Blank();
        std::optional<std::string> key = String();
        if (!key) return Fail("expected a key");
        Blank();
        if (i_ >= s_.size() || s_[i_] != ':') return Fail("expected ':'");
        ++i_;
        std::optional<Json> member = Value();
        if (!member) return std::nullopt;
        v.object.emplace_back(*std::move(key), *std::move(member));
        Blank();
        if (i_ < s_.size() && s_[i_] == ',') {
          ++i_;
          continue;
        }
        if (i_ < s_.size() && s_[i_] == '}') {
          ++i_;
          return v;
        }
        return Fail("expected ',' or '}'");
      }
    }
    return Fail("unexpected character");
  }

  const std::string& s_;
  size_t i_ = 0;
  std::string error_;
};

}  // namespace mini_json_internal

// The JSON document `text` (one value, blanks around it allowed), or
// nullopt with `error` set.
inline std::optional<Json> ParseJson(const std::string& text,
                                     std::string* error = nullptr) {
  return mini_json_internal::Parser(text).ParseDocument(error);
}

}  // namespace aos::e2e

#endif  // AOS_CLI_E2E_MINI_JSON_H_
