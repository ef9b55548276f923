// mode_formats.h: the one rule for -f, which mode prints which format, and
// the names of formats and modes as messages and --help write them.
#ifndef AOS_CLI_MODE_FORMATS_H_
#define AOS_CLI_MODE_FORMATS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cli/command_line.h"

namespace aos::cli {

// The format written after -f; nullopt for a name that is not one.
std::optional<Format> FormatNamed(absl::string_view name);

// Every format's name: "table, json or value".
std::string FormatChoices();

// A usage error when `mode` does not print `format`, naming what it prints.
absl::Status CheckFormat(Mode mode, Format format);

// The options that select a mode: "--list, ... and --mark-version".
std::string ModeChoices();

// For --help: "-f by mode:" and a line per set of formats.
std::string FormatsByModeHelp();

}  // namespace aos::cli

#endif  // AOS_CLI_MODE_FORMATS_H_
