#include "core/conformance/row_loss.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aos::conformance {
namespace {

constexpr size_t kShown = 60;

std::string Cut(std::string s) {
  if (s.size() > kShown) s = absl::StrCat(s.substr(0, kShown), "...");
  return s;
}

std::string Shown(const SnapshotValue& v) { return Cut(KeyText({v})); }

// The values of `column` in `before`'s rows against `after`'s, row by
// row (by key); `count_gone`: a row `after` lacks counts as lost.
std::optional<RowLoss> ColumnLoss(const std::string& table,
                                  const std::string& column,
                                  const TableSnapshot& before,
                                  const TableSnapshot& after, bool count_gone) {
  const int ib = before.Column(column);
  if (ib < 0 || before.rows.empty()) return std::nullopt;
  const int ia = after.Column(column);
  if (ia < 0) {
    return RowLoss{table, column,
                   "the column is not there any more (not re-created)"};
  }
  int64_t gone = 0, changed = 0;
  std::string first;
  for (const auto& [key, row] : before.rows) {
    auto it = after.rows.find(key);
    if (it == after.rows.end()) {
      if (!count_gone) continue;
      if (gone++ == 0 && first.empty()) {
        first = absl::StrCat("row (", Cut(key), ") is gone");
      }
      continue;
    }
    if (it->second[ia] == row[ib]) continue;
    if (changed++ == 0 && first.empty()) {
      first = absl::StrCat("row (", Cut(key), "): ", Shown(row[ib]), " -> ",
                           Shown(it->second[ia]));
    }
  }
  if (gone + changed == 0) return std::nullopt;
  return RowLoss{
      table, column,
      absl::StrCat(gone + changed, " of ", before.rows.size(),
                   " values not as they were (", gone, " rows gone, ", changed,
                   " changed), e.g. ", first)};
}

// Rows of `before` (by key) that `after` lacks.
std::optional<RowLoss> RowsGone(const std::string& table,
                                const TableSnapshot& before,
                                const TableSnapshot& after) {
  int64_t gone = 0;
  std::string first;
  for (const auto& [key, row] : before.rows) {
    if (after.rows.count(key) > 0) continue;
    if (gone++ == 0) first = Cut(key);
  }
  if (gone == 0) return std::nullopt;
  return RowLoss{table, "",
                 absl::StrCat(gone, " of ", before.rows.size(),
                              " rows not back, e.g. (", first, ")")};
}

// The rows of `t` over `columns`, as a sorted multiset.
std::vector<std::string> Projected(const TableSnapshot& t,
                                   const std::vector<std::string>& columns) {
  std::vector<std::string> out;
  for (const auto& [key, row] : t.rows) {
    std::vector<SnapshotValue> values;
    for (const std::string& c : columns) values.push_back(row[t.Column(c)]);
    out.push_back(KeyText(values));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A table without a primary key (or whose key changed): its rows over
// the columns both points have, as multisets.
std::optional<RowLoss> MultisetLoss(const std::string& table,
                                    const TableSnapshot& before,
                                    const TableSnapshot& after,
                                    const std::vector<std::string>& common) {
  std::vector<std::string> b = Projected(before, common);
  std::vector<std::string> a = Projected(after, common);
  std::vector<std::string> gone, added;
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(),
                      std::back_inserter(gone));
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                      std::back_inserter(added));
  if (gone.empty() && added.empty()) return std::nullopt;
  return RowLoss{
      table, "",
      absl::StrCat(gone.size(), " of ", b.size(), " rows not as they were, ",
                   added.size(), " rows new",
                   gone.empty()
                       ? ""
                       : absl::StrCat(", e.g. (", Cut(gone[0]), ") is gone"))};
}

void Add(std::optional<RowLoss> loss, std::vector<RowLoss>* out) {
  if (!loss) return;
  for (const RowLoss& l : *out) {
    if (l.Name() == loss->Name()) return;
  }
  out->push_back(*std::move(loss));
}

}  // namespace

std::vector<RowLoss> ArchivedLosses(const RowSnapshot& before,
                                    const RowSnapshot& after,
                                    const std::vector<Destroyed>& destroyed) {
  std::vector<RowLoss> out;
  for (const Destroyed& d : destroyed) {
    auto b = before.find(d.table);
    if (b == before.end()) continue;  // not there before the upgrade
    auto a = after.find(d.table);
    if (a == after.end()) {
      const std::vector<std::string> names =
          d.columns.empty() ? std::vector<std::string>{""} : d.columns;
      for (const std::string& c : names) {
        Add(RowLoss{d.table, c, "the table is not there any more"}, &out);
      }
      continue;
    }
    if (d.columns.empty()) Add(RowsGone(d.table, b->second, a->second), &out);
    for (const std::string& c :
         d.columns.empty() ? b->second.columns : d.columns) {
      Add(ColumnLoss(d.table, c, b->second, a->second, !d.columns.empty()),
          &out);
    }
  }
  return out;
}

std::vector<RowLoss> RoundTripLosses(const RowSnapshot& before_up,
                                     const RowSnapshot& before,
                                     const RowSnapshot& after) {
  std::vector<RowLoss> out;
  for (const auto& [table, b] : before) {
    auto a = after.find(table);
    if (a == after.end()) continue;
    std::vector<std::string> common;
    for (const std::string& c : b.columns) {
      if (a->second.Column(c) >= 0) common.push_back(c);
    }
    if (b.keys.empty() || b.keys != a->second.keys) {
      Add(MultisetLoss(table, b, a->second, common), &out);
      continue;
    }
    // The rows the table had before the upgrade, as they were before the
    // downgrade; the rest are the upgrade's own.
    auto u = before_up.find(table);
    TableSnapshot kept = b;
    kept.rows.clear();
    if (u != before_up.end() && u->second.keys == b.keys) {
      for (const auto& [key, row] : b.rows) {
        if (u->second.rows.count(key) > 0) kept.rows[key] = row;
      }
    }
    int64_t own_after = 0;
    for (const auto& [key, row] : a->second.rows) {
      own_after += kept.rows.count(key) == 0 ? 1 : 0;
    }
    const int64_t own_before =
        static_cast<int64_t>(b.rows.size() - kept.rows.size());
    Add(RowsGone(table, kept, a->second), &out);
    if (own_before != own_after) {
      Add(RowLoss{table, "",
                  absl::StrCat(own_before,
                               " rows the upgrade wrote itself "
                               "before the downgrade, ",
                               own_after, " after the upgrade again")},
          &out);
    }
    for (const std::string& c : common) {
      Add(ColumnLoss(table, c, kept, a->second, /*count_gone=*/false), &out);
    }
  }
  return out;
}

std::vector<std::string> DeclaredLosses(absl::string_view script) {
  std::vector<std::string> names;
  for (absl::string_view line : absl::StrSplit(script, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (!absl::ConsumePrefix(&line, "--")) continue;
    line = absl::StripLeadingAsciiWhitespace(line);
    if (!absl::ConsumePrefix(&line, "aos:loses")) continue;
    for (absl::string_view name :
         absl::StrSplit(line, absl::ByAnyChar(" \t,"), absl::SkipEmpty())) {
      names.emplace_back(name);
    }
  }
  return names;
}

bool IsDeclared(const std::vector<std::string>& declared, const RowLoss& loss) {
  for (const std::string& d : declared) {
    if (absl::EqualsIgnoreCase(d, loss.Name()) ||
        absl::EqualsIgnoreCase(d, loss.table)) {
      return true;
    }
  }
  return false;
}

}  // namespace aos::conformance
