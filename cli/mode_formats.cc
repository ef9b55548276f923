#include "cli/mode_formats.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aos::cli {
namespace {

struct FormatName {
  Format format;
  absl::string_view name;  // as written after -f
};
constexpr FormatName kFormats[] = {{Format::kTable, "table"},
                                   {Format::kJson, "json"},
                                   {Format::kValue, "value"}};

using FormatSet = unsigned;
constexpr FormatSet Bit(Format f) { return 1u << static_cast<int>(f); }
constexpr FormatSet kTableOnly = Bit(Format::kTable);
constexpr FormatSet kTableOrJson = kTableOnly | Bit(Format::kJson);
constexpr FormatSet kEveryFormat = kTableOrJson | Bit(Format::kValue);

// A migrate run (and --mark-version, which reports as one) prints every
// format (core/report/result_table.h, machine_output.h); the views what
// core/report/status_report.h renders for them: a table (for --dry-run its
// SQL script) or JSON; --list its list of module ids only.
struct ModeRule {
  Mode mode;
  FormatSet formats;
  absl::string_view option;  // the option that selects it; "" the default
  absl::string_view label;   // in --help
};
constexpr ModeRule kModes[] = {
    {Mode::kMigrate, kEveryFormat, "", "a migrate run"},
    {Mode::kList, kTableOnly, "--list", "--list"},
    {Mode::kStatus, kTableOrJson, "--status", "--status"},
    {Mode::kMigrations, kTableOrJson, "--migrations", "--migrations"},
    {Mode::kDryRun, kTableOrJson, "--dry-run", "--dry-run"},
    {Mode::kMarkVersion, kEveryFormat, "--mark-version", "--mark-version"},
    {Mode::kAcceptDrift, kEveryFormat, "--accept-drift", "--accept-drift"},
    {Mode::kCheck, kTableOrJson, "--check", "--check"},
    {Mode::kForgetController, kTableOnly, "--forget-controller",
     "--forget-controller"},
};

// "a", "a or b", "a, b or c".
std::string Alternatives(const std::vector<std::string>& items,
                         absl::string_view last = " or ") {
  if (items.size() < 2) return absl::StrJoin(items, "");
  return absl::StrCat(absl::StrJoin(items.begin(), items.end() - 1, ", "), last,
                      items.back());
}

std::string FormatNames(FormatSet set) {
  std::vector<std::string> names;
  for (const FormatName& f : kFormats) {
    if (set & Bit(f.format)) names.emplace_back(f.name);
  }
  return Alternatives(names);
}

}  // namespace

std::optional<Format> FormatNamed(absl::string_view name) {
  for (const FormatName& f : kFormats) {
    if (f.name == name) return f.format;
  }
  return std::nullopt;
}

std::string FormatChoices() { return FormatNames(kEveryFormat); }

absl::Status CheckFormat(Mode mode, Format format) {
  for (const ModeRule& rule : kModes) {
    if (rule.mode != mode || (rule.formats & Bit(format))) continue;
    return absl::InvalidArgumentError(
        absl::StrCat("-f ", FormatNames(Bit(format)), " is not available with ",
                     rule.option, "; it prints ", FormatNames(rule.formats)));
  }
  return absl::OkStatus();  // Mode::kHelp prints no report
}

std::string ModeChoices() {
  std::vector<std::string> options;
  for (const ModeRule& rule : kModes) {
    if (!rule.option.empty()) options.emplace_back(rule.option);
  }
  return Alternatives(options, " and ");
}

std::string FormatsByModeHelp() {
  std::vector<std::pair<FormatSet, std::vector<std::string>>> groups;
  for (const ModeRule& rule : kModes) {
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.first == rule.formats;
    });
    if (group == groups.end()) {
      groups.push_back({rule.formats, {}});
      group = groups.end() - 1;
    }
    group->second.emplace_back(rule.label);
  }
  std::string out = "-f by mode:\n";
  for (const auto& [formats, labels] : groups) {
    absl::StrAppend(&out, "  ", Alternatives(labels, " and "), ": ",
                    FormatNames(formats), "\n");
  }
  return out;
}

}  // namespace aos::cli
