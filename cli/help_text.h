// help_text.h: the --help text, made from the option table
// (option_table.h) and the formats each mode prints (mode_formats.h).
#ifndef AOS_CLI_HELP_TEXT_H_
#define AOS_CLI_HELP_TEXT_H_

#include <string>

namespace aos::cli {

std::string HelpText();

}  // namespace aos::cli

#endif  // AOS_CLI_HELP_TEXT_H_
