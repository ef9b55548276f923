// option_table.h: every option of the command, once: its spellings, whether
// it takes a value, its --help text and how it stores what it is given.
// The parser (command_line.cc), --help (help_text.cc) and the option names
// in messages all read it. Internal to //cli:command_line.
#ifndef AOS_CLI_OPTION_TABLE_H_
#define AOS_CLI_OPTION_TABLE_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cli/command_line.h"

namespace aos::cli {

// What the options said so far; the parser's checks turn it into a Request.
struct ParseState {
  Request request;
  bool help = false;
  std::set<absl::string_view> given;  // long names of the options given
  std::vector<std::string> names;     // -n's, repeats kept
  std::vector<Mode> modes;            // each mode option, in order given
  absl::Status value_error;           // the first bad value: --help wins

  void KeepValueError(absl::Status status) {
    if (value_error.ok()) value_error = std::move(status);
  }
};

enum class Arity {
  kSwitch,  // --verbose, or --verbose=false
  kValue,   // --workers 2, or --workers=2
  kNames,   // -n a b c, or --names=a,b; repeatable, the names add up
};

enum class Group {
  kSpec,  // the spec's own options: the usage line and the first group
  kTool,  // this tool's
};

// What a switch's store is given.
inline constexpr absl::string_view kSwitchOn = "true";
inline constexpr absl::string_view kSwitchOff = "false";

struct Option {
  absl::string_view name;  // --name; --na_me is accepted for --na-me too
  char short_name;         // -c, or '\0'
  Arity arity;
  absl::string_view value_name;  // shown in --help; "" for a switch
  Group group;
  absl::string_view help;
  // Stores a value: kSwitchOn or kSwitchOff for a switch, one name at a
  // time for -n. An error is a usage error that names the option. One of
  // the few typed setters in option_table.cc, which name the Request field.
  absl::Status (*store)(const Option& option, absl::string_view value,
                        ParseState& state);
};

// In --help order.
absl::Span<const Option> Options();

// The option a spelling without its "=value" means ("-n", "--names",
// "--dry_run"), or null. A one-letter name takes one dash, a longer two.
const Option* FindOption(absl::string_view spelled);

// How messages name an option: "-n/--names", "--migration".
std::string Spelling(absl::string_view name);

}  // namespace aos::cli

#endif  // AOS_CLI_OPTION_TABLE_H_
