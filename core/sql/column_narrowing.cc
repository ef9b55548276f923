#include "core/sql/column_narrowing.h"

#include <cstdint>
#include <initializer_list>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace aos::sql {
namespace {

// An integer type's range, as text (a BIGINT UNSIGNED's top does not fit
// in int64).
struct IntRange {
  std::string min;
  std::string max;
  int rank = 0;  // 1 tinyint ... 5 bigint, for comparing ranges
  int digits = 0;
};

std::optional<IntRange> IntegerRange(absl::string_view type, bool is_unsigned) {
  struct Row {
    const char* names[3];
    const char* min;
    const char* max;
    const char* umax;
    int digits;
  };
  static const Row kRows[] = {
      {{"TINYINT", "tinyint", ""}, "-128", "127", "255", 3},
      {{"SMALLINT", "smallint", "INT2"}, "-32768", "32767", "65535", 5},
      {{"MEDIUMINT", "mediumint", ""}, "-8388608", "8388607", "16777215", 8},
      {{"INT", "INTEGER", "INT4"},
       "-2147483648",
       "2147483647",
       "4294967295",
       10},
      {{"BIGINT", "INT8", ""},
       "-9223372036854775808",
       "9223372036854775807",
       "18446744073709551615",
       20},
  };
  int rank = 0;
  for (const Row& r : kRows) {
    ++rank;
    for (const char* n : r.names) {
      if (*n == '\0' || !absl::EqualsIgnoreCase(type, n)) continue;
      if (is_unsigned) return IntRange{"0", r.umax, rank * 2, r.digits};
      return IntRange{r.min, r.max, rank * 2 - 1, r.digits};
    }
  }
  return std::nullopt;
}

bool IsIn(absl::string_view type, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (absl::EqualsIgnoreCase(type, n)) return true;
  }
  return false;
}

// Whether `current`'s integer range lies within `to`'s.
bool RangeWithin(const IntRange& current, const IntRange& to) {
  const bool cur_unsigned = current.min == "0";
  const bool to_unsigned = to.min == "0";
  const int cur_size = (current.rank + 1) / 2;
  const int to_size = (to.rank + 1) / 2;
  if (cur_unsigned == to_unsigned) return cur_size <= to_size;
  if (cur_unsigned) return cur_size < to_size;  // unsigned into a wider signed
  return false;                                 // negatives into unsigned
}

std::optional<Narrowing> Strings(const ColumnType& to,
                                 const ColumnFacts& current,
                                 absl::string_view column,
                                 absl::string_view dialect, std::string* why) {
  const int64_t n = to.args.empty() ? 1 : to.args[0];
  const bool bytes = IsIn(to.name, {"BINARY", "VARBINARY"});
  if (current.max_length && *current.max_length <= n) {
    *why = absl::StrCat(current.name, " holds at most ", *current.max_length,
                        " characters already");
    return std::nullopt;
  }
  Narrowing out;
  // Spaces past the new length are cut without an error (the SQL
  // standard; MySQL a note): only the rest counts.
  if (dialect == "mysql") {
    out.condition =
        bytes ? absl::StrCat("LENGTH(", column, ") > ", n)
              : absl::StrCat("CHAR_LENGTH(RTRIM(", column, ")) > ", n);
  } else {
    out.condition =
        absl::StrCat("char_length(rtrim((", column, ")::text)) > ", n);
  }
  out.in_the_way =
      absl::StrCat("values longer than ", n, bytes ? " bytes" : " characters");
  // BINARY(n) pads with zero bytes: not said.
  if (dialect == "mysql" && !IsIn(to.name, {"BINARY"})) {
    out.stored = absl::StrCat("LEFT(", column, ", ", n, ")");
  }
  return out;
}

std::optional<Narrowing> TextBytes(const ColumnType& to,
                                   const ColumnFacts& current,
                                   absl::string_view column, std::string* why) {
  static const char* kOrder[] = {"tinytext", "text", "mediumtext", "longtext"};
  static const char* kBlobs[] = {"tinyblob", "blob", "mediumblob", "longblob"};
  static const int64_t kMax[] = {255, 65535, 16777215};
  int to_rank = -1, cur_rank = -1;
  for (int i = 0; i < 4; ++i) {
    if (absl::EqualsIgnoreCase(to.name, kOrder[i]) ||
        absl::EqualsIgnoreCase(to.name, kBlobs[i])) {
      to_rank = i;
    }
    if (current.data_type == kOrder[i] || current.data_type == kBlobs[i]) {
      cur_rank = i;
    }
  }
  if (to_rank < 0 || to_rank == 3 || (cur_rank >= 0 && cur_rank <= to_rank)) {
    *why = absl::StrCat(current.name, " is no wider than ", to.name);
    return std::nullopt;
  }
  return Narrowing{
      absl::StrCat("LENGTH(", column, ") > ", kMax[to_rank]),
      absl::StrCat("values longer than ", kMax[to_rank], " bytes")};
}

// A change to an integer type of `range`.
std::optional<Narrowing> Integers(const ColumnType& to, const IntRange& range,
                                  const ColumnFacts& current,
                                  absl::string_view column,
                                  absl::string_view dialect, std::string* why) {
  std::optional<IntRange> now =
      IntegerRange(current.data_type, current.is_unsigned);
  if (now && RangeWithin(*now, range)) {
    *why = absl::StrCat(current.name, "'s values all fit in ", to.name);
    return std::nullopt;
  }
  Narrowing out{absl::StrCat(column, " < ", range.min, " OR ", column, " > ",
                             range.max),
                absl::StrCat("values outside ", range.min, "..", range.max)};
  if (dialect == "mysql" && now) {  // an integer clamped to the new range
    out.stored = absl::StrCat("LEAST(GREATEST(", column, ", ", range.min,
                              "), ", range.max, ")");
  }
  return out;
}

}  // namespace

std::optional<Narrowing> NarrowingCondition(const ColumnType& to,
                                            const ColumnFacts& current,
                                            absl::string_view column,
                                            absl::string_view dialect,
                                            std::string* why) {
  if (IsIn(to.name, {"CHAR", "VARCHAR", "CHARACTER", "BPCHAR", "NCHAR",
                     "NVARCHAR", "BINARY", "VARBINARY"})) {
    if (to.args.empty() && !IsIn(to.name, {"CHAR", "CHARACTER", "BINARY"})) {
      *why = absl::StrCat(to.name, " without a length");
      return std::nullopt;
    }
    return Strings(to, current, column, dialect, why);
  }
  if (dialect == "mysql" &&
      IsIn(to.name, {"TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT", "TINYBLOB",
                     "BLOB", "MEDIUMBLOB", "LONGBLOB"})) {
    return TextBytes(to, current, column, why);
  }
  if (std::optional<IntRange> range = IntegerRange(to.name, to.is_unsigned)) {
    return Integers(to, *range, current, column, dialect, why);
  }
  if (IsIn(to.name, {"DECIMAL", "NUMERIC", "DEC", "FIXED"})) {
    if (to.args.empty() && dialect != "mysql") {
      *why = "NUMERIC without a precision holds any number";
      return std::nullopt;
    }
    const int64_t p = to.args.empty() ? 10 : to.args[0];
    const int64_t s = to.args.size() > 1 ? to.args[1] : 0;
    const int64_t digits = p - s;
    std::optional<IntRange> now =
        IntegerRange(current.data_type, current.is_unsigned);
    int64_t current_digits = -1;
    if (now) current_digits = now->digits;
    if (IsIn(current.data_type, {"decimal", "numeric"}) && current.precision) {
      current_digits = *current.precision - current.scale.value_or(0);
    }
    if (current_digits >= 0 && current_digits <= digits) {
      *why = absl::StrCat(current.name, " has at most ", current_digits,
                          " integer digits already");
      return std::nullopt;
    }
    if (digits < 0 || digits > 60) return std::nullopt;
    return Narrowing{
        absl::StrCat("ABS(", column, ") >= 1",
                     std::string(static_cast<size_t>(digits), '0')),
        absl::StrCat("values with more than ", digits, " integer digits")};
  }
  *why = absl::StrCat("a change to ", to.name, " is not judged");
  return std::nullopt;
}

}  // namespace aos::sql
