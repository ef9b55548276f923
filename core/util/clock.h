// clock.h: the wall clock as the tool writes it into its tables and
// messages (history rows, lock holders): UTC, to the second.
#ifndef AOS_CORE_UTIL_CLOCK_H_
#define AOS_CORE_UTIL_CLOCK_H_

#include <string>

namespace aos::util {

// The current time as "YYYY-MM-DD HH:MM:SS" UTC.
std::string NowUtc();

}  // namespace aos::util

#endif  // AOS_CORE_UTIL_CLOCK_H_
