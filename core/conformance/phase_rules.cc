#include "core/conformance/phase_rules.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace aos::conformance {
namespace {

constexpr char kOnlyAdd[] = "an expand step may only add";

// A type split as base(args) suffix: "int(10) unsigned" -> int, {10},
// "unsigned".
struct Type {
  std::string base;
  std::vector<std::string> args;
  std::string suffix;
  std::string args_text;
};

Type Parse(const std::string& text) {
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  Type t;
  size_t open = s.find('(');
  size_t close = s.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    // "double precision", "character varying", "int unsigned"
    t.base = s;
  } else {
    t.base = std::string(absl::StripAsciiWhitespace(s.substr(0, open)));
    t.args_text = s.substr(open + 1, close - open - 1);
    t.args = absl::StrSplit(t.args_text, ',');
    for (std::string& a : t.args) a = std::string(absl::StripAsciiWhitespace(a));
    t.suffix = std::string(absl::StripAsciiWhitespace(s.substr(close + 1)));
  }
  for (const char* word : {" unsigned", " zerofill"}) {
    if (absl::EndsWith(t.base, word)) {
      t.base.resize(t.base.size() - std::string(word).size());
      t.suffix = absl::StrCat(t.suffix, word);
    }
  }
  return t;
}

int IntegerRank(const std::string& base) {
  if (base == "tinyint") return 1;
  if (base == "smallint" || base == "int2") return 2;
  if (base == "mediumint") return 3;
  if (base == "int" || base == "integer" || base == "int4") return 4;
  if (base == "bigint" || base == "int8") return 5;
  return 0;
}

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

// Characters (or bytes) a string or binary type holds; 0: not one.
double Capacity(const Type& t, bool* binary) {
  *binary = false;
  auto arg = [&](double otherwise) {
    return t.args.empty() ? otherwise : std::atof(t.args[0].c_str());
  };
  const std::string& b = t.base;
  if (b == "char" || b == "character" || b == "bpchar" || b == "nchar") {
    return arg(1);
  }
  if (b == "varchar" || b == "character varying" || b == "nvarchar") {
    return arg(kUnbounded);
  }
  if (b == "tinytext") return 255;
  if (b == "text") return arg(65535);
  if (b == "mediumtext") return 16777215;
  if (b == "longtext" || b == "clob") return kUnbounded;
  *binary = true;
  if (b == "binary") return arg(1);
  if (b == "varbinary") return arg(kUnbounded);
  if (b == "tinyblob") return 255;
  if (b == "blob") return t.args.empty() ? 65535 : arg(65535);
  if (b == "mediumblob") return 16777215;
  if (b == "longblob" || b == "bytea") return kUnbounded;
  *binary = false;
  return 0;
}

bool IsDecimal(const std::string& base) {
  return base == "decimal" || base == "numeric" || base == "dec";
}

int FloatRank(const std::string& base) {
  if (base == "float" || base == "real" || base == "float4") return 1;
  if (base == "double" || base == "double precision" || base == "float8") {
    return 2;
  }
  return 0;
}

std::set<std::string> Values(const Type& t) {
  std::set<std::string> v;
  for (const std::string& a : t.args) v.insert(a);
  return v;
}

// A name for the kind of values a type holds, to tell a narrowing (same
// family) from a change of type.
std::string Family(const Type& t) {
  bool binary;
  if (IntegerRank(t.base)) return "integer";
  if (Capacity(t, &binary) > 0) return binary ? "binary" : "string";
  if (IsDecimal(t.base)) return "decimal";
  if (FloatRank(t.base)) return "float";
  return t.base;
}

std::string Col(const std::string& table, const std::string& column) {
  return absl::StrCat(table, ".", column);
}

bool IsConstraintThatNarrows(const ConstraintShape& c) {
  return c.kind != "index";
}

void CompareColumns(const std::string& name, const TableShape& b,
                    const TableShape& a, std::vector<Violation>* out) {
  std::vector<std::string> dropped, added;
  for (const auto& [col, shape] : b.columns) {
    if (!a.columns.count(col)) dropped.push_back(col);
  }
  for (const auto& [col, shape] : a.columns) {
    if (!b.columns.count(col)) added.push_back(col);
  }
  // A column gone and one come of the same type: a rename.
  for (const std::string& col : dropped) {
    auto same = std::find_if(added.begin(), added.end(), [&](const std::string& n) {
      return a.columns.at(n).type == b.columns.at(col).type;
    });
    if (same != added.end()) {
      out->push_back({absl::StrCat("renames column ", Col(name, col), " to ",
                                   Col(name, *same)),
                      kOnlyAdd});
      added.erase(same);
    } else {
      out->push_back({absl::StrCat("drops column ", Col(name, col)), kOnlyAdd});
    }
  }
  for (const auto& [col, before] : b.columns) {
    auto it = a.columns.find(col);
    if (it == a.columns.end()) continue;
    const ColumnShape& after = it->second;
    if (before.type != after.type && !TypeWidens(before.type, after.type)) {
      const bool same = Family(Parse(before.type)) == Family(Parse(after.type));
      out->push_back({absl::StrCat(same ? "narrows column " : "changes the type of column ",
                                   Col(name, col), " from ", before.type,
                                   " to ", after.type),
                      kOnlyAdd});
    }
    if (before.nullable && !after.nullable && !after.has_default) {
      out->push_back(
          {absl::StrCat("makes column ", Col(name, col),
                        " NOT NULL without a default"),
           "the previous release may write NULL there or leave it out"});
    }
    if (before.has_default && !after.has_default && !before.nullable &&
        !after.nullable) {
      out->push_back({absl::StrCat("drops the default of NOT NULL column ",
                                   Col(name, col)),
                      "the previous release's inserts may leave it out"});
    }
  }
  if (b.view) return;
  for (const std::string& col : added) {
    const ColumnShape& c = a.columns.at(col);
    if (!c.nullable && !c.has_default) {
      out->push_back({absl::StrCat("adds column ", Col(name, col),
                                   " NOT NULL without a default"),
                      "the previous release's inserts leave it out"});
    }
  }
}

void CompareConstraints(const std::string& name, const TableShape& b,
                        const TableShape& a, std::vector<Violation>* out) {
  std::vector<const ConstraintShape*> added;
  for (const auto& [key, c] : a.constraints) {
    if (!b.constraints.count(key)) added.push_back(&c);
  }
  for (const auto& [key, c] : b.constraints) {
    auto it = a.constraints.find(key);
    if (it == a.constraints.end()) {
      auto same = std::find_if(added.begin(), added.end(), [&](const ConstraintShape* n) {
        return n->kind == c.kind && n->columns == c.columns &&
               absl::StrContains(key, "index ");
      });
      if (same != added.end()) {
        out->push_back({absl::StrCat("renames ", c.kind, " ", Col(name, c.name),
                                     " to ", Col(name, (*same)->name)),
                        kOnlyAdd});
        added.erase(same);
      } else {
        out->push_back(
            {absl::StrCat("drops ", c.kind, " ", Col(name, c.name)), kOnlyAdd});
      }
    } else if (it->second.definition != c.definition ||
               it->second.kind != c.kind) {
      out->push_back({absl::StrCat("changes ", c.kind, " ", Col(name, c.name),
                                   " (", c.definition, " -> ",
                                   it->second.definition, ")"),
                      kOnlyAdd});
    }
  }
  for (const ConstraintShape* c : added) {
    if (!IsConstraintThatNarrows(*c)) continue;
    std::vector<std::string> existing;
    for (const std::string& col : c->columns) {
      if (b.columns.count(col)) existing.push_back(col);
    }
    if (existing.empty()) continue;
    out->push_back(
        {absl::StrCat("adds ", c->kind, " ", Col(name, c->name),
                      " on existing column", existing.size() > 1 ? "s " : " ",
                      absl::StrJoin(existing, ", ")),
         "it narrows what the previous release may write"});
  }
}

void CompareTriggers(const std::string& name, const TableShape& b,
                     const TableShape& a, std::vector<Violation>* out) {
  for (const auto& [trigger, definition] : b.triggers) {
    auto it = a.triggers.find(trigger);
    if (it == a.triggers.end()) {
      out->push_back({absl::StrCat("drops trigger ", Col(name, trigger)), kOnlyAdd});
    } else if (it->second != definition) {
      out->push_back({absl::StrCat("changes trigger ", Col(name, trigger)), kOnlyAdd});
    }
  }
}

std::set<std::string> ColumnNames(const TableShape& t) {
  std::set<std::string> names;
  for (const auto& [col, shape] : t.columns) names.insert(col);
  return names;
}

}  // namespace

bool TypeWidens(const std::string& from_text, const std::string& to_text) {
  const Type from = Parse(from_text);
  const Type to = Parse(to_text);
  if (from.base == to.base && from.args_text == to.args_text &&
      from.suffix == to.suffix) {
    return true;
  }
  if (IntegerRank(from.base) && IntegerRank(to.base)) {
    // The display width (int(11)) says nothing of the range.
    const bool from_unsigned = absl::StrContains(from.suffix, "unsigned");
    const bool to_unsigned = absl::StrContains(to.suffix, "unsigned");
    const int f = IntegerRank(from.base), t = IntegerRank(to.base);
    if (from_unsigned == to_unsigned) return t >= f;
    return from_unsigned && !to_unsigned && t > f;
  }
  bool from_binary, to_binary;
  const double from_cap = Capacity(from, &from_binary);
  const double to_cap = Capacity(to, &to_binary);
  if (from_cap > 0 && to_cap > 0) {
    // MySQL's text holds any varchar; PostgreSQL's is unbounded.
    if (to.base == "text" && !from_binary &&
        (from.base == "varchar" || from.base == "character varying")) {
      return true;
    }
    return from_binary == to_binary && to_cap >= from_cap;
  }
  if (IsDecimal(from.base) && IsDecimal(to.base)) {
    auto num = [](const Type& t, size_t i, int otherwise) {
      return t.args.size() > i ? std::atoi(t.args[i].c_str()) : otherwise;
    };
    const int fp = num(from, 0, 10), fs = num(from, 1, 0);
    const int tp = num(to, 0, 10), ts = num(to, 1, 0);
    return ts >= fs && tp - ts >= fp - fs && from.suffix == to.suffix;
  }
  if (FloatRank(from.base) && FloatRank(to.base)) {
    return FloatRank(to.base) >= FloatRank(from.base) &&
           from.suffix == to.suffix;
  }
  if ((from.base == "enum" || from.base == "set") && to.base == from.base) {
    const std::set<std::string> f = Values(from), t = Values(to);
    return std::includes(t.begin(), t.end(), f.begin(), f.end());
  }
  return false;
}

std::vector<Violation> ExpandViolations(const SchemaShape& before,
                                        const SchemaShape& after) {
  std::vector<Violation> out;
  std::vector<std::string> added;
  for (const auto& [name, table] : after.tables) {
    if (!before.tables.count(name)) added.push_back(name);
  }
  for (const auto& [name, table] : before.tables) {
    const char* kind = table.view ? "view " : "table ";
    auto it = after.tables.find(name);
    if (it == after.tables.end()) {
      // A table gone and one come with the same columns: a rename.
      auto same = std::find_if(added.begin(), added.end(), [&](const std::string& n) {
        return !table.columns.empty() &&
               ColumnNames(after.tables.at(n)) == ColumnNames(table);
      });
      if (same != added.end()) {
        out.push_back({absl::StrCat("renames ", kind, name, " to ", *same), kOnlyAdd});
        added.erase(same);
      } else {
        out.push_back({absl::StrCat("drops ", kind, name), kOnlyAdd});
      }
      continue;
    }
    CompareColumns(name, table, it->second, &out);
    CompareConstraints(name, table, it->second, &out);
    CompareTriggers(name, table, it->second, &out);
  }
  for (const auto& [name, definition] : before.others) {
    auto it = after.others.find(name);
    if (it == after.others.end()) {
      out.push_back({absl::StrCat("drops ", name), kOnlyAdd});
    } else if (it->second != definition) {
      out.push_back({absl::StrCat("changes ", name), kOnlyAdd});
    }
  }
  return out;
}

}  // namespace aos::conformance
