#include "core/conformance/generated_value.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace aos::conformance {
namespace {

std::string Quote(absl::string_view text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "''"}}), "'");
}

std::string Base36(int64_t k) {
  std::string out;
  do {
    out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[k % 36]);
    k /= 36;
  } while (k > 0);
  return out;
}

bool Has(absl::string_view type, std::initializer_list<const char*> parts) {
  for (const char* p : parts) {
    if (absl::StrContains(type, p)) return true;
  }
  return false;
}

// A string distinct per row, cut to `max` characters from the right so
// that rows stay apart as long as they can.
std::string Text(int64_t k, std::optional<int64_t> max) {
  std::string s = absl::StrCat("r", Base36(k));
  if (max && *max > 0 && static_cast<int64_t>(s.size()) > *max) {
    s = s.substr(s.size() - static_cast<size_t>(*max));
  }
  return s;
}

std::optional<std::string> Integer(const GenColumn& c, int64_t k) {
  if (Has(c.type, {"tinyint"})) return std::to_string(k % 100);
  if (Has(c.type, {"smallint", "int2"})) return std::to_string(k % 30000);
  if (Has(c.type, {"mediumint"})) return std::to_string(k % 8000000);
  return std::to_string(k);
}

std::optional<std::string> Temporal(const GenColumn& c, int64_t k) {
  const absl::CivilSecond t =
      absl::CivilSecond(2024, 1, 1, 0, 0, 0) + k * 3607;  // apart, not round
  if (c.type == "date") {
    return Quote(absl::FormatCivilTime(absl::CivilDay(t)));
  }
  if (c.type == "time" || absl::StartsWith(c.type, "time without") ||
      absl::StartsWith(c.type, "time with")) {
    return Quote(
        absl::StrFormat("%02d:%02d:%02d", t.hour(), t.minute(), t.second()));
  }
  if (c.type == "year") return std::to_string(2000 + k % 100);
  return Quote(absl::StrFormat("%04d-%02d-%02d %02d:%02d:%02d", t.year(),
                               t.month(), t.day(), t.hour(), t.minute(),
                               t.second()));
}

}  // namespace

std::optional<std::string> GeneratedValue(const GenColumn& c, int64_t k,
                                          absl::string_view dialect) {
  if (c.references) {
    if (!c.parent_values.empty()) {
      return Quote(
          c.parent_values[static_cast<size_t>(k) % c.parent_values.size()]);
    }
    return c.nullable ? std::optional<std::string>("NULL") : std::nullopt;
  }
  if (c.nullable && k % 7 == 3) return "NULL";
  if (!c.labels.empty()) {
    return Quote(c.labels[static_cast<size_t>(k) % c.labels.size()]);
  }
  const std::string& t = c.type;
  if (t == "boolean" || t == "bool" ||
      (dialect == "mysql" && absl::StartsWith(c.full_type, "tinyint(1)"))) {
    return dialect == "postgresql" ? (k % 2 ? "true" : "false")
                                   : std::string(k % 2 ? "1" : "0");
  }
  if (t == "bit") return "0";
  if (Has(t, {"int"}) && !Has(t, {"interval", "point"})) return Integer(c, k);
  if (Has(t, {"decimal", "numeric"})) {
    int64_t digits = c.precision.value_or(10) - c.scale.value_or(0);
    digits = std::clamp<int64_t>(digits, 1, 9);
    int64_t mod = 1;
    for (int64_t i = 0; i < digits; ++i) mod *= 10;
    return std::to_string(k % mod);
  }
  if (Has(t, {"float", "double", "real"})) return absl::StrCat(k, ".5");
  if (Has(t, {"date", "time", "year"})) return Temporal(c, k);
  if (Has(t, {"json"})) return Quote(absl::StrCat("{\"k\": ", k, "}"));
  if (t == "uuid") {
    return Quote(absl::StrFormat("00000000-0000-4000-8000-%012x", k));
  }
  if (t == "bytea") {
    return absl::StrCat("decode('", absl::StrFormat("%016x", k), "', 'hex')");
  }
  if (t == "inet" || t == "cidr") {
    return Quote(absl::StrFormat("10.%d.%d.%d", (k >> 16) & 255, (k >> 8) & 255,
                                 k & 255));
  }
  if (Has(t, {"char", "text", "clob", "blob", "binary", "string"}) ||
      dialect == "sqlite") {
    return Quote(Text(k, c.max_length));
  }
  return c.nullable ? std::optional<std::string>("NULL") : std::nullopt;
}

}  // namespace aos::conformance
