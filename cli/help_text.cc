#include "cli/help_text.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "cli/mode_formats.h"
#include "cli/option_table.h"

namespace aos::cli {
namespace {

// As Python's argparse lays out the spec's command (80 columns).
constexpr size_t kWidth = 78;
constexpr size_t kHelpColumn = 24;  // where an option's help starts

// `words` joined by spaces in lines of at most kWidth characters, the first
// starting at `column`, the others with `indent`.
std::string Fill(const std::vector<std::string>& words, size_t column,
                 absl::string_view indent) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && column + 1 + words[i].size() > kWidth) {
      absl::StrAppend(&out, "\n", indent);
      column = indent.size();
    } else if (i > 0) {
      out += ' ';
      ++column;
    }
    out += words[i];
    column += words[i].size();
  }
  return out;
}

// "[-h] [-l] [-n MODULE_NAMES [MODULE_NAMES ...]] ...": the spec's options.
std::string UsageLine() {
  constexpr absl::string_view kPrefix = "usage: openstack aos db migrate ";
  std::vector<std::string> items;  // wrapped between items only
  for (const Option& option : Options()) {
    if (option.group != Group::kSpec) continue;
    items.push_back(absl::StrCat(
        "[",
        option.short_name == '\0' ? absl::StrCat("--", option.name)
                                  : std::string{'-', option.short_name},
        option.value_name.empty() ? "" : " ", option.value_name, "]"));
  }
  return absl::StrCat(
      kPrefix, Fill(items, kPrefix.size(), std::string(kPrefix.size(), ' ')),
      "\n");
}

// "  -v, --verbose         Detailed message ...", a long invocation on a
// line of its own.
std::string OptionRow(const Option& option) {
  const std::string indent(kHelpColumn, ' ');
  std::string head = absl::StrCat(
      "  ",
      option.short_name == '\0' ? ""
                                : std::string{'-', option.short_name, ',', ' '},
      "--", option.name, option.value_name.empty() ? "" : " ",
      option.value_name);
  if (head.size() + 2 > kHelpColumn) {
    absl::StrAppend(&head, "\n", indent);
  } else {
    head.resize(kHelpColumn, ' ');
  }
  std::vector<std::string> words =
      absl::StrSplit(option.help, ' ', absl::SkipEmpty());
  return absl::StrCat(head, Fill(words, kHelpColumn, indent), "\n");
}

std::string OptionRows(Group group) {
  std::string out;
  for (const Option& option : Options()) {
    if (option.group == group) out += OptionRow(option);
  }
  return out;
}

}  // namespace

std::string HelpText() {
  return absl::StrCat(
      UsageLine(),
      "\nBrings the databases of the AccentOS modules to their latest schema "
      "version,\nor one module to a given version (upgrade or rollback).\n",
      "\noptions:\n", OptionRows(Group::kSpec), "\naos-db-migrate options:\n",
      OptionRows(Group::kTool), "\n", FormatsByModeHelp(),
      "\nExit status: 0 every module OK, 1 some module FAIL, 2 usage or "
      "configuration\nerror (nothing was run). --check: 2 expand pending (or "
      "not installed),\nelse 3 migrate, else 4 contract, 0 current, 1 error; "
      "several modules: the\nlowest non-zero code.\n");
}

}  // namespace aos::cli
