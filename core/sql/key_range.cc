#include "core/sql/key_range.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace aos::sql {
namespace {

std::string Column(const KeyColumn& c, absl::string_view qualifier) {
  return qualifier.empty() ? c.quoted : absl::StrCat(qualifier, ".", c.quoted);
}

// Appends `column op comparand` and its value.
void Compare(const KeyColumn& c, absl::string_view qualifier, absl::string_view op,
             const std::string& value, KeySql* out) {
  absl::StrAppend(&out->text, Column(c, qualifier), " ", op, " ", c.comparand);
  out->values.push_back(value);
}

// The expansion from column `i` on: `ci op vi OR (ci = vi AND (...))`,
// the last column compared with `last_op`.
void Expand(const RangeKey& key, absl::string_view qualifier, size_t i, absl::string_view op,
            absl::string_view last_op, const KeyValue& value, KeySql* out) {
  const KeyColumn& c = key.columns[i];
  if (i + 1 == key.columns.size()) {
    Compare(c, qualifier, last_op, value[i], out);
    return;
  }
  Compare(c, qualifier, op, value[i], out);
  out->text += " OR (";
  Compare(c, qualifier, "=", value[i], out);
  out->text += " AND ";
  const bool nested = i + 2 < key.columns.size();
  if (nested) out->text += "(";
  Expand(key, qualifier, i + 1, op, last_op, value, out);
  if (nested) out->text += ")";
  out->text += ")";
}

std::string OrderBy(const RangeKey& key, absl::string_view direction) {
  std::vector<std::string> parts;
  for (const KeyColumn& c : key.columns) parts.push_back(absl::StrCat(c.quoted, direction));
  return absl::StrCat(" ORDER BY ", absl::StrJoin(parts, ", "));
}

std::string Selected(const RangeKey& key) {
  std::vector<std::string> parts;
  for (const KeyColumn& c : key.columns) parts.push_back(c.select);
  return absl::StrJoin(parts, ", ");
}

// Whether `s` is well-formed UTF-8 with no control character.
bool PrintableUtf8(absl::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x20 || b == 0x7F) return false;
    const size_t more = b < 0x80           ? 0
                        : (b >> 5) == 0x6  ? 1
                        : (b >> 4) == 0xE  ? 2
                        : (b >> 3) == 0x1E ? 3
                                           : 4;
    if (more == 4 || (more > 0 && i + more >= s.size())) return false;
    for (size_t k = 1; k <= more; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += more + 1;
  }
  return true;
}

std::string Shown(const KeyColumn& c, const std::string& text) {
  if (c.hex) {
    const std::string bytes = absl::HexStringToBytes(text);
    if (!PrintableUtf8(bytes)) return absl::StrCat("0x", text);
    return absl::StrCat("'", absl::StrReplaceAll(bytes, {{"'", "''"}}), "'");
  }
  double number = 0;
  if (absl::SimpleAtod(text, &number)) return text;
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "''"}}), "'");
}

}  // namespace

std::string RangeKey::Names() const {
  std::vector<std::string> names;
  for (const KeyColumn& c : columns) names.push_back(c.name);
  const std::string joined = absl::StrJoin(names, ", ");
  return names.size() == 1 ? joined : absl::StrCat("(", joined, ")");
}

std::string RangeKey::Signature() const {
  std::vector<std::string> parts;
  for (const KeyColumn& c : columns) parts.push_back(absl::StrCat(c.name, " ", c.type));
  return absl::StrJoin(parts, ", ");
}

KeySql KeyCondition(const RangeKey& key, absl::string_view qualifier, KeyBound bound,
                    const KeyValue& value) {
  const bool after = bound == KeyBound::kAfter;
  const char* const op = after ? ">" : bound == KeyBound::kAt ? "=" : "<=";
  KeySql out;
  if (key.columns.size() == 1) {
    Compare(key.columns[0], qualifier, op, value[0], &out);
    return out;
  }
  if (bound == KeyBound::kAt && !key.row_values) {
    for (size_t i = 0; i < key.columns.size(); ++i) {
      out.text += i == 0 ? "(" : " AND ";
      Compare(key.columns[i], qualifier, "=", value[i], &out);
    }
    out.text += ")";
    return out;
  }
  if (key.row_values) {
    std::vector<std::string> columns, comparands;
    for (const KeyColumn& c : key.columns) {
      columns.push_back(Column(c, qualifier));
      comparands.push_back(c.comparand);
    }
    out.text = absl::StrCat("(", absl::StrJoin(columns, ", "), ") ", op, " (",
                            absl::StrJoin(comparands, ", "), ")");
    out.values = value;
    return out;
  }
  out.text = "(";
  Expand(key, qualifier, 0, after ? ">" : "<", after ? ">" : "<=", value, &out);
  out.text += ")";
  return out;
}

KeySql KeySeek(const RangeKey& key, absl::string_view table, const std::optional<KeyValue>& after,
               const KeyValue& upto, int64_t offset) {
  KeySql out;
  out.text = absl::StrCat("SELECT ", Selected(key), " FROM ", table, " WHERE ");
  if (after) {
    KeySql from = KeyCondition(key, "", KeyBound::kAfter, *after);
    absl::StrAppend(&out.text, from.text, " AND ");
    out.values = std::move(from.values);
  }
  KeySql to = KeyCondition(key, "", KeyBound::kUpTo, upto);
  absl::StrAppend(&out.text, to.text, OrderBy(key, ""), " LIMIT 1 OFFSET ", offset);
  out.values.insert(out.values.end(), to.values.begin(), to.values.end());
  return out;
}

KeySql LastKey(const RangeKey& key, absl::string_view table) {
  return {
      absl::StrCat("SELECT ", Selected(key), " FROM ", table, OrderBy(key, " DESC"), " LIMIT 1"),
      {}};
}

std::string ShowKey(const RangeKey& key, const KeyValue& value) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < key.columns.size() && i < value.size(); ++i) {
    parts.push_back(Shown(key.columns[i], value[i]));
  }
  const std::string joined = absl::StrJoin(parts, ", ");
  return parts.size() == 1 ? joined : absl::StrCat("(", joined, ")");
}

std::string EncodeKeyValue(const KeyValue& value) {
  std::string out;
  for (const std::string& v : value) absl::StrAppend(&out, v.size(), ":", v, ",");
  return out;
}

absl::StatusOr<KeyValue> DecodeKeyValue(absl::string_view encoded) {
  KeyValue out;
  while (!encoded.empty()) {
    const size_t colon = encoded.find(':');
    size_t size = 0;
    const size_t rest = colon == absl::string_view::npos ? 0 : encoded.size() - colon - 1;
    if (rest == 0 || !absl::ascii_isdigit(encoded[0]) ||
        !absl::SimpleAtoi(encoded.substr(0, colon), &size) || size > rest - 1 ||
        encoded[colon + 1 + size] != ',') {
      return absl::DataLossError("a recorded key value is not as the tool writes it");
    }
    out.emplace_back(encoded.substr(colon + 1, size));
    encoded.remove_prefix(colon + 2 + size);
  }
  if (out.empty()) return absl::DataLossError("a recorded key value is empty");
  return out;
}

}  // namespace aos::sql
